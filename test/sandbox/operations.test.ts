import { afterEach, describe, expect, it } from 'vitest';
import { createVolume, start, stopAll, type WirePage, type WireVolume } from './helpers';

afterEach(stopAll);

describe('every operation succeeds on its happy path (speed 0)', () => {
  it('create answers the new volume with every field of the spec', async () => {
    const { client } = await start();
    const answer = await client.post<WireVolume>('/create', { name: 'pg-primary-data', description: 'db', size: 50 });
    expect(answer).toMatchObject({ httpStatus: 200, status: 200, message: 'OK' });
    const v = answer.result!;
    expect(v).toMatchObject({
      userid: 100,
      name: 'pg-primary-data',
      description: 'db',
      status: 'ACTIVED',
      volumeStatus: 'AVAILABLE',
      size: 50,
      zone: 'nova',
      sourceVolid: null,
      snapshotId: null,
      imageId: null,
      bootable: false,
      attachments: [],
      migrateStatus: null,
    });
    expect(Object.keys(v).sort()).toEqual(
      [
        'unique',
        'userid',
        'name',
        'description',
        'status',
        'volumeId',
        'volumeStatus',
        'size',
        'zone',
        'volumeType',
        'sourceVolid',
        'snapshotId',
        'imageId',
        'bootable',
        'attachments',
        'migrateStatus',
        'created',
        'updated',
      ].sort(),
    );
    expect(v.volumeId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.isInteger(v.unique) && Number.isInteger(v.created)).toBe(true);
    const second = await createVolume(client);
    expect(second.unique).toBe(v.unique + 1);
  });

  it('create from an image defaults to its minimum size and is bootable', async () => {
    const { client, sandbox } = await start();
    const windows = sandbox.images().find((i) => i.name === 'windows-2022')!;
    const v = await createVolume(client, { size: undefined, image: windows.id });
    expect(v).toMatchObject({ size: 40, imageId: windows.id, bootable: true, volumeStatus: 'AVAILABLE' });
    const bigger = await createVolume(client, { size: 60, image: windows.id });
    expect(bigger.size).toBe(60);
  });

  it('create for a tenant as admin (userid)', async () => {
    const { client } = await start();
    const v = await createVolume(client, { userid: 101 });
    expect(v.userid).toBe(101);
  });

  it('get and status', async () => {
    const { client } = await start();
    const v = await createVolume(client);
    const got = await client.post<WireVolume>(`/${v.unique}/get`);
    expect(got.result).toEqual(v);
    const status = await client.post(`/${v.unique}/status`);
    expect(status.result).toEqual({ unique: v.unique, volumeStatus: 'AVAILABLE' });
  });

  it('clone copies size, type and source', async () => {
    const { client } = await start();
    const v = await createVolume(client, { size: 30 });
    const answer = await client.post<WireVolume>(`/${v.unique}/clone`, { uid: 101, name: 'copy', description: 'd' });
    expect(answer.status).toBe(200);
    expect(answer.result).toMatchObject({
      userid: 101,
      name: 'copy',
      description: 'd',
      size: 30,
      sourceVolid: v.volumeId,
      volumeStatus: 'AVAILABLE',
      volumeType: v.volumeType,
    });
    expect(answer.result!.unique).not.toBe(v.unique);
  });

  it('update and update one field', async () => {
    const { client } = await start();
    const v = await createVolume(client);
    expect(await client.post(`/${v.unique}/update`, { name: 'renamed', description: 'new' })).toEqual({
      httpStatus: 200,
      status: 200,
      message: 'OK',
    });
    await client.post(`/${v.unique}/update/description`, { value: 'only this' });
    await client.post(`/${v.unique}/update/name`, { value: 'again' });
    const got = (await client.post<WireVolume>(`/${v.unique}/get`)).result!;
    expect(got).toMatchObject({ name: 'again', description: 'only this' });
    expect(got.updated).toBeGreaterThanOrEqual(v.updated);
  });

  it('extend grows the volume', async () => {
    const { client } = await start();
    const v = await createVolume(client, { size: 10 });
    expect((await client.post(`/${v.unique}/extend`, { size: 25 })).status).toBe(200);
    expect((await client.post<WireVolume>(`/${v.unique}/get`)).result).toMatchObject({ size: 25, volumeStatus: 'AVAILABLE' });
  });

  it('attach, detach (dettach), disable with serverId, enable', async () => {
    const { client, sandbox } = await start();
    const server = sandbox.servers().find((s) => s.userId === 100)!;
    const v = await createVolume(client);
    expect((await client.post(`/${v.unique}/attach`, { serverid: server.id })).status).toBe(200);
    let got = (await client.post<WireVolume>(`/${v.unique}/get`)).result!;
    expect(got.volumeStatus).toBe('IN_USE');
    expect(got.attachments).toEqual([{ serverId: server.id, device: '/dev/vdb', attachedAt: expect.any(Number) }]);

    expect((await client.post(`/${v.unique}/dettach`, { serverid: server.id })).status).toBe(200);
    got = (await client.post<WireVolume>(`/${v.unique}/get`)).result!;
    expect(got).toMatchObject({ volumeStatus: 'AVAILABLE', attachments: [] });

    await client.post(`/${v.unique}/attach`, { serverid: server.id });
    expect((await client.post(`/${v.unique}/enable`, { status: 'DISABLED', serverId: server.id })).status).toBe(200);
    got = (await client.post<WireVolume>(`/${v.unique}/get`)).result!;
    expect(got).toMatchObject({ status: 'DISABLED', volumeStatus: 'AVAILABLE', attachments: [] });

    expect((await client.post(`/${v.unique}/enable`, { status: 'ACTIVED' })).status).toBe(200);
    expect((await client.post<WireVolume>(`/${v.unique}/get`)).result!.status).toBe('ACTIVED');
  });

  it('a second attachment on the same server gets the next device', async () => {
    const { client, sandbox } = await start();
    const server = sandbox.servers().find((s) => s.userId === 100)!;
    const a = await createVolume(client);
    const b = await createVolume(client);
    await client.post(`/${a.unique}/attach`, { serverid: server.id });
    await client.post(`/${b.unique}/attach`, { serverid: server.id });
    const got = (await client.post<WireVolume>(`/${b.unique}/get`)).result!;
    expect(got.attachments[0]?.device).toBe('/dev/vdc');
  });

  it('delete removes the volume', async () => {
    const { client } = await start();
    const v = await createVolume(client);
    expect((await client.post(`/${v.unique}/delete`)).status).toBe(200);
    expect(await client.post(`/${v.unique}/get`)).toMatchObject({ httpStatus: 406, message: 'volumes.error.not-exists' });
  });

  it('list answers the page shape with entites', async () => {
    const { client } = await start();
    await createVolume(client);
    const answer = await client.get<WirePage>('/list');
    expect(answer.status).toBe(200);
    expect(answer.result).toMatchObject({ hasPrevious: false, hasNext: false, total: 1 });
    expect(answer.result!.entites).toHaveLength(1);
  });

  it('batch enable/disable and batch delete', async () => {
    const { client } = await start();
    const a = await createVolume(client);
    const b = await createVolume(client);
    expect((await client.post('/batchenableordisable', { serverids: [a.unique, b.unique], status: 'DISABLED' })).status).toBe(200);
    const page = (await client.get<WirePage>('/list', { status: 'DISABLED' })).result!;
    expect(page.total).toBe(2);
    expect((await client.post('/batchdelete', { volumns: [a.unique, b.unique] })).status).toBe(200);
    expect((await client.get<WirePage>('/list')).result!.total).toBe(0);
  });

  it('accepts a JSON body with the same names, arrays included', async () => {
    const { client, sandbox } = await start();
    const post = (path: string, body: unknown) =>
      fetch(`${sandbox.endpoint}/services/openstack/volume${path}`, {
        method: 'POST',
        headers: {
          'HT-ACCESS-TOKEN': sandbox.accessToken,
          'IMR-SESSION-TOKEN': sandbox.adminSession.sessionToken,
          'IMR-SESSION-SECRET': sandbox.adminSession.sessionSecret,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ status: number; result?: WireVolume }>);
    const created = await post('/create', { name: 'json', size: 12 });
    expect(created.result).toMatchObject({ name: 'json', size: 12 });
    const other = await createVolume(client);
    expect((await post('/batchdelete', { volumns: [created.result!.unique, other.unique] })).status).toBe(200);
    expect((await client.get<WirePage>('/list')).result!.total).toBe(0);
  });
});
