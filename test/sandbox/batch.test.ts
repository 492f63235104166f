import { afterEach, describe, expect, it } from 'vitest';
import { createVolume, start, stopAll, type RawClient, type WirePage, type WireVolume } from './helpers';

afterEach(stopAll);

const snapshot = async (client: RawClient) =>
  (await client.get<WirePage>('/list', { offset: 1000, order: 'created', asc: true })).result!.entites;

describe('batches are all-or-nothing', () => {
  it('batch delete with one unknown id deletes nothing and answers not-exists', async () => {
    const { client } = await start();
    const a = await createVolume(client);
    const b = await createVolume(client);
    const before = await snapshot(client);
    expect(await client.post('/batchdelete', { volumns: [a.unique, 999, b.unique] })).toMatchObject({
      status: 406,
      message: 'volumes.error.not-exists',
    });
    expect(await snapshot(client)).toEqual(before);
  });

  it('batch delete with one volume in use deletes nothing and answers status-invalid', async () => {
    const { client, sandbox } = await start();
    const server = sandbox.servers().find((s) => s.userId === 100)!;
    const a = await createVolume(client);
    const b = await createVolume(client);
    await client.post(`/${b.unique}/attach`, { serverid: server.id });
    const before = await snapshot(client);
    expect((await client.post('/batchdelete', { volumns: [a.unique, b.unique] })).message).toBe('volumes.error.status-invalid');
    expect(await snapshot(client)).toEqual(before);
  });

  it('the first error wins', async () => {
    const { client, sandbox } = await start();
    const server = sandbox.servers().find((s) => s.userId === 100)!;
    const inUse = await createVolume(client);
    await client.post(`/${inUse.unique}/attach`, { serverid: server.id });
    expect((await client.post('/batchdelete', { volumns: [inUse.unique, 999] })).message).toBe('volumes.error.status-invalid');
    expect((await client.post('/batchdelete', { volumns: [999, inUse.unique] })).message).toBe('volumes.error.not-exists');
  });

  it('batch disable with one passing volume changes nothing', async () => {
    const { client } = await start({ speed: 0.01 });
    const creating = await createVolume(client);
    expect(creating.volumeStatus).toBe('CREATING');
    const other = await createVolume(client);
    expect(other.volumeStatus).toBe('CREATING');
    const before = await snapshot(client);
    expect((await client.post('/batchenableordisable', { serverids: [other.unique, creating.unique], status: 'DISABLED' })).message).toBe(
      'volumes.error.status-invalid',
    );
    expect((await client.post('/batchenableordisable', { serverids: ['nope', other.unique], status: 'DISABLED' })).message).toBe(
      'volumes.error.not-exists',
    );
    expect(await snapshot(client)).toEqual(before);
    // Enabling is allowed in any state.
    expect((await client.post('/batchenableordisable', { serverids: [other.unique, creating.unique], status: 'ACTIVED' })).status).toBe(
      200,
    );
  });

  it('batch disable detaches attached volumes; batch enable turns them back on', async () => {
    const { client, sandbox } = await start();
    const server = sandbox.servers().find((s) => s.userId === 100)!;
    const attached = await createVolume(client);
    const free = await createVolume(client);
    await client.post(`/${attached.unique}/attach`, { serverid: server.id });
    expect((await client.post('/batchenableordisable', { serverids: [attached.unique, free.unique], status: 'DISABLED' })).status).toBe(
      200,
    );
    for (const v of [attached, free]) {
      expect((await client.post<WireVolume>(`/${v.unique}/get`)).result).toMatchObject({
        status: 'DISABLED',
        volumeStatus: 'AVAILABLE',
        attachments: [],
      });
    }
    await client.post('/batchenableordisable', { serverids: [attached.unique, free.unique], status: 'ACTIVED' });
    expect((await client.get<WirePage>('/list', { status: 'ACTIVED' })).result!.total).toBe(2);
  });

  it('a user batch naming a volume of another tenant changes nothing', async () => {
    const { client: admin, sandbox } = await start();
    const user = admin.as(sandbox.createSession(101, 'user'));
    const mine = await createVolume(user);
    const theirs = await createVolume(admin, { userid: 102 });
    expect((await user.post('/batchenableordisable', { serverids: [mine.unique, theirs.unique], status: 'DISABLED' })).message).toBe(
      'volumes.error.not-exists',
    );
    expect((await user.post<WireVolume>(`/${mine.unique}/get`)).result!.status).toBe('ACTIVED');
  });
});
