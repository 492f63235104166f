import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolumeClient, type VolumeClient } from '../../../electron/core/api';
import { reconcile } from '../../../electron/core/queue/reconcile';
import type { QueueItem, QueueOp } from '../../../electron/core/queue/types';
import { ADMIN_USER_ID, startSandbox, type RunningSandbox } from '../../../sandbox';

// Passing states last base / speed: at this speed they outlast the test, so volumes stay mid-way.
const FROZEN = 0.0001;

let folder: string;
let sandbox: RunningSandbox;
let client: VolumeClient;
let serverId: string;
const uniques: number[] = [];

function clientOf(running: RunningSandbox): VolumeClient {
  return createVolumeClient({
    endpoint: running.endpoint,
    credentials: {
      accessToken: running.accessToken,
      sessionToken: running.adminSession.sessionToken,
      sessionSecret: running.adminSession.sessionSecret,
    },
  });
}

function item(op: QueueOp, params: QueueItem['params']): QueueItem {
  const now = Date.now();
  return { id: `item-${op}`, batchId: 'b', accountId: 'acc', op, params, state: 'running', attempts: 1, startedAt: now, updatedAt: now };
}

beforeAll(async () => {
  // Volumes are made AVAILABLE at speed 0, then the same data is served at a frozen speed.
  folder = await mkdtemp(join(tmpdir(), 'queue-passing-'));
  const dataFile = join(folder, 'sandbox.json');
  const setup = await startSandbox({ seed: 'empty', speed: 0, port: 0, dataFile });
  const setupClient = clientOf(setup);
  for (let i = 0; i < 3; i++) uniques.push((await setupClient.create({ name: `passing-${i}`, size: 1 })).unique);
  await setup.stop();
  sandbox = await startSandbox({ speed: FROZEN, port: 0, dataFile });
  client = clientOf(sandbox);
  const server = sandbox.servers().find((s) => s.userId === ADMIN_USER_ID);
  if (!server) throw new Error('the sandbox has no server of the admin tenant');
  serverId = server.id;
});
afterAll(async () => {
  await sandbox.stop();
  await rm(folder, { recursive: true, force: true });
});

function volume(index: number): number {
  const unique = uniques[index];
  if (unique === undefined) throw new Error(`no volume ${index}`);
  return unique;
}

describe('reconcile while the volume passes through a state', () => {
  it('waits for a delete still DELETING', async () => {
    await client.delete(volume(0));
    expect(await reconcile(client, item('delete', { unique: volume(0) }))).toEqual({ outcome: 'waiting' });
  });

  it('waits for an extend still extending (UNRECOGNIZED)', async () => {
    await client.extend(volume(1), 2);
    expect(await reconcile(client, item('extend', { unique: volume(1), size: 2 }))).toEqual({ outcome: 'waiting' });
  });

  it('waits for an attach still ATTACHING', async () => {
    await client.attach(volume(2), serverId);
    expect(await reconcile(client, item('attach', { unique: volume(2), serverId }))).toEqual({ outcome: 'waiting' });
  });

  it('finds a create still CREATING by its name', async () => {
    const created = await client.create({ name: 'passing-new', size: 1 });
    expect(created.volumeStatus).toBe('CREATING');
    expect(await reconcile(client, item('create', { name: 'passing-new', size: 1 }))).toEqual({
      outcome: 'done',
      unique: created.unique,
    });
  });
});
