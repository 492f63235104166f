import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVolumeClient, NetworkError, type VolumeClient } from '../../../electron/core/api';
import { reconcile } from '../../../electron/core/queue/reconcile';
import type { QueueItem, QueueOp } from '../../../electron/core/queue/types';
import { ADMIN_USER_ID, startSandbox, type RunningSandbox } from '../../../sandbox';

let sandbox: RunningSandbox;
let client: VolumeClient;
let serverId: string;
let counter = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'empty', speed: 0, port: 0 });
  client = createVolumeClient({
    endpoint: sandbox.endpoint,
    credentials: {
      accessToken: sandbox.accessToken,
      sessionToken: sandbox.adminSession.sessionToken,
      sessionSecret: sandbox.adminSession.sessionSecret,
    },
    retry: { attempts: 1 },
  });
  const server = sandbox.servers().find((s) => s.userId === ADMIN_USER_ID);
  if (!server) throw new Error('the sandbox has no server of the admin tenant');
  serverId = server.id;
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.setFaults({}));

/** A name no other test uses, as the queue gives every create item. */
function uniqueName(): string {
  counter += 1;
  return `queue-item-${counter}-${Date.now()}`;
}

function item(op: QueueOp, params: QueueItem['params'], startedAt = Date.now()): QueueItem {
  return { id: `item-${op}`, batchId: 'b', accountId: 'acc', op, params, state: 'running', attempts: 1, startedAt, updatedAt: startedAt };
}

async function volumesNamed(name: string) {
  const { volumes } = await client.listAll({ keywords: name });
  return volumes.filter((volume) => volume.name === name);
}

async function newVolume(size = 1) {
  return client.create({ name: uniqueName(), size });
}

describe('reconcile create', () => {
  it('finds a create that reached the server, and nothing is created twice', async () => {
    const name = uniqueName();
    const lost = item('create', { name, size: 1 });
    const created = await client.create({ name, size: 1 }); // its answer "got lost"
    expect(await reconcile(client, lost)).toEqual({ outcome: 'done', unique: created.unique });
    expect(await volumesNamed(name)).toHaveLength(1);
  });

  it('allows a retry of a create that never reached the server; the retry makes exactly one', async () => {
    const name = uniqueName();
    const lost = item('create', { name, size: 1 });
    sandbox.setFaults({ dropRate: { create: 1 } });
    await expect(client.create({ name, size: 1 })).rejects.toBeInstanceOf(NetworkError);
    sandbox.setFaults({});
    expect(await reconcile(client, lost)).toEqual({ outcome: 'retry' });
    const retried = await client.create({ name, size: 1 });
    const found = await volumesNamed(name);
    expect(found.map((v) => v.unique)).toEqual([retried.unique]);
  });

  it('ignores a volume of that name created well before the item started', async () => {
    const name = uniqueName();
    await client.create({ name, size: 1 });
    expect(await reconcile(client, item('create', { name, size: 1 }, Date.now() + 60_000))).toEqual({ outcome: 'retry' });
  });

  it('leaves an item with no name to the user', async () => {
    expect(await reconcile(client, item('create', { size: 1 }))).toMatchObject({ outcome: 'unknown' });
  });
});

describe('reconcile delete', () => {
  it('is done when the volume is gone', async () => {
    const volume = await newVolume();
    await client.delete(volume.unique);
    expect(await reconcile(client, item('delete', { unique: volume.unique }))).toEqual({ outcome: 'done' });
  });

  it('retries when the volume is still there and not deleting', async () => {
    const volume = await newVolume();
    expect(await reconcile(client, item('delete', { unique: volume.unique }))).toEqual({ outcome: 'retry' });
  });
});

describe('reconcile extend', () => {
  it('is done when the size already reached the target, else retries', async () => {
    const volume = await newVolume(1);
    await client.extend(volume.unique, 2);
    expect(await reconcile(client, item('extend', { unique: volume.unique, size: 2 }))).toEqual({ outcome: 'done' });
    expect(await reconcile(client, item('extend', { unique: volume.unique, size: 3 }))).toEqual({ outcome: 'retry' });
  });

  it('leaves an extend of a volume that is gone to the user', async () => {
    const volume = await newVolume();
    await client.delete(volume.unique);
    expect(await reconcile(client, item('extend', { unique: volume.unique, size: 5 }))).toMatchObject({ outcome: 'unknown' });
  });
});

describe('reconcile attach and detach', () => {
  it('is done when attached to that server, retries when still available', async () => {
    const attached = await newVolume();
    await client.attach(attached.unique, serverId);
    expect(await reconcile(client, item('attach', { unique: attached.unique, serverId }))).toEqual({ outcome: 'done' });
    const idle = await newVolume();
    expect(await reconcile(client, item('attach', { unique: idle.unique, serverId }))).toEqual({ outcome: 'retry' });
    // Still attached: a lost detach never happened.
    expect(await reconcile(client, item('detach', { unique: attached.unique, serverId }))).toEqual({ outcome: 'retry' });
    await client.detach(attached.unique, serverId);
    expect(await reconcile(client, item('detach', { unique: attached.unique, serverId }))).toEqual({ outcome: 'done' });
  });
});

describe('reconcile enable and disable', () => {
  it('is done when the switch is at the target, else retries', async () => {
    const volume = await newVolume();
    expect(await reconcile(client, item('disable', { unique: volume.unique }))).toEqual({ outcome: 'retry' });
    await client.setEnabled(volume.unique, { status: 'DISABLED' });
    expect(await reconcile(client, item('disable', { unique: volume.unique }))).toEqual({ outcome: 'done' });
    expect(await reconcile(client, item('enable', { unique: volume.unique }))).toEqual({ outcome: 'retry' });
  });
});

describe('reconcile update', () => {
  it('is done when the volume already has the new values, and safe to send again when not', async () => {
    const volume = await newVolume();
    const rename = item('update', { unique: volume.unique, name: `${volume.name}-renamed` });
    expect(await reconcile(client, rename)).toEqual({ outcome: 'retry' });
    await client.updateField(volume.unique, 'name', `${volume.name}-renamed`);
    expect(await reconcile(client, rename)).toEqual({ outcome: 'done' });
  });
});
