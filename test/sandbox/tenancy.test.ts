import { afterEach, describe, expect, it } from 'vitest';
import { createVolume, start, stopAll, type WirePage, type WireVolume } from './helpers';

afterEach(stopAll);

const denied = { httpStatus: 403, status: 403, message: 'volumes.error.access-denied' };
const missing = { httpStatus: 406, status: 406, message: 'volumes.error.not-exists' };

describe('role scoping', () => {
  it('a user sees and acts only on its own volumes', async () => {
    const { client: admin, sandbox } = await start();
    const finance = admin.as(sandbox.createSession(101, 'user'));
    const rnd = admin.as(sandbox.createSession(102, 'user'));
    const mine = await createVolume(finance, { name: 'fin' });
    expect(mine.userid).toBe(101);
    const theirs = await createVolume(rnd, { name: 'rnd' });

    for (const path of ['get', 'status', 'delete', 'update', 'extend', 'enable', 'attach', 'dettach', 'update/name']) {
      expect(await finance.post(`/${theirs.unique}/${path}`, { size: 20, status: 'ACTIVED', serverid: 'x', value: 'v' })).toEqual(missing);
    }
    expect(await finance.post(`/${theirs.unique}/clone`, { uid: 101, name: 'steal' })).toEqual(missing);
    expect(await finance.post('/batchdelete', { volumns: [mine.unique, theirs.unique] })).toEqual(missing);
    expect((await finance.post<WireVolume>(`/${mine.unique}/get`)).result!.unique).toBe(mine.unique);

    const page = (await finance.get<WirePage>('/list')).result!;
    expect(page.entites.map((v) => v.unique)).toEqual([mine.unique]);
    expect((await admin.get<WirePage>('/list')).result!.total).toBe(2);
  });

  it('a user naming another userid or uid is denied', async () => {
    const { client: admin, sandbox } = await start();
    const finance = admin.as(sandbox.createSession(101, 'user'));
    const mine = await createVolume(finance);
    expect(await finance.post('/create', { name: 'x', size: 1, userid: 102 })).toEqual(denied);
    expect(await finance.post(`/${mine.unique}/clone`, { uid: 102, name: 'c' })).toEqual(denied);
    expect(await finance.get('/list', { userid: 102 })).toEqual(denied);
    expect((await finance.post('/create', { name: 'x', size: 1, userid: 101 })).status).toBe(200);
    expect((await finance.post(`/${mine.unique}/clone`, { uid: 101, name: 'c' })).status).toBe(200);
    expect((await finance.get('/list', { userid: 101 })).status).toBe(200);
  });

  it('an admin acts for any tenant, and list filters by userid', async () => {
    const { client: admin } = await start();
    const a = await createVolume(admin, { userid: 101 });
    await createVolume(admin, { userid: 102 });
    const page = (await admin.get<WirePage>('/list', { userid: 101 })).result!;
    expect(page.entites.map((v) => v.unique)).toEqual([a.unique]);
    const clone = await admin.post<WireVolume>(`/${a.unique}/clone`, { uid: 103, name: 'to ops' });
    expect(clone.result!.userid).toBe(103);
  });

  it("a volume attaches only to a server of its owner's tenant", async () => {
    const { client: admin, sandbox } = await start();
    const finServer = sandbox.servers().find((s) => s.userId === 101)!;
    const rndServer = sandbox.servers().find((s) => s.userId === 102)!;
    const v = await createVolume(admin, { userid: 101 });
    expect((await admin.post(`/${v.unique}/attach`, { serverid: rndServer.id })).message).toBe('volumes.error.server-not-exists');
    expect((await admin.post(`/${v.unique}/attach`, { serverid: finServer.id })).status).toBe(200);
  });

  it('each tenant has its own quota', async () => {
    const { client: admin, sandbox } = await start();
    const finance = sandbox.tenants().find((t) => t.userId === 101)!;
    expect((await admin.post('/create', { name: 'x', size: finance.quotaGb + 1, userid: 101 })).message).toBe(
      'volumes.error.size-insufficient',
    );
    expect((await admin.post('/create', { name: 'x', size: finance.quotaGb, userid: 101 })).status).toBe(200);
  });
});
