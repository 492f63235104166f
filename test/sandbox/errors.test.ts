import { afterEach, describe, expect, it } from 'vitest';
import { createVolume, headersFor, start, stopAll, type WireVolume } from './helpers';

afterEach(stopAll);

const err = (status: number, code: string) => ({ httpStatus: status, status, message: `volumes.error.${code}` });

describe('credentials', () => {
  it('answers 403 access-denied for missing, wrong or partial headers', async () => {
    const { client, sandbox } = await start();
    const good = headersFor(sandbox);
    const variants: Record<string, string>[] = [
      {},
      { ...good, 'HT-ACCESS-TOKEN': 'wrong' },
      { ...good, 'IMR-SESSION-TOKEN': 'wrong' },
      { ...good, 'IMR-SESSION-SECRET': 'wrong' },
      { 'HT-ACCESS-TOKEN': good['HT-ACCESS-TOKEN']! },
      { 'IMR-SESSION-TOKEN': good['IMR-SESSION-TOKEN']!, 'IMR-SESSION-SECRET': good['IMR-SESSION-SECRET']! },
    ];
    for (const headers of variants) {
      expect(await client.post('/create', { name: 'x', size: 1 }, headers)).toEqual(err(403, 'access-denied'));
    }
    const res = await fetch(`${sandbox.endpoint}/services/openstack/volume/list`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ status: 403, message: 'volumes.error.access-denied' });
    expect((await client.get('/list')).status).toBe(200);
  });

  it('a session with a ttl expires', async () => {
    const { client, sandbox } = await start();
    const short = sandbox.createSession(101, 'user', 0.6);
    expect((await client.as(short).get('/list')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 700));
    expect(await client.as(short).get('/list')).toEqual(err(403, 'access-denied'));
  });

  it('sessionTtlSeconds applies to the admin session', async () => {
    const { client } = await start({ sessionTtlSeconds: 0.6 });
    expect(client.session.expiresAt).not.toBeNull();
    await new Promise((r) => setTimeout(r, 700));
    expect(await client.get('/list')).toEqual(err(403, 'access-denied'));
  });

  it('expireSessions and POST /__sandbox/sessions/expire end every session', async () => {
    const { client, sandbox } = await start();
    sandbox.expireSessions();
    expect(await client.get('/list')).toEqual(err(403, 'access-denied'));
    const made = await client.admin<{ sessionToken: string; sessionSecret: string; userId: number; role: string }>('sessions', {
      userId: 101,
      role: 'user',
    });
    expect(made.status).toBe(200);
    const fresh = client.as({ ...made.body, role: 'user', expiresAt: null });
    expect((await fresh.get('/list')).status).toBe(200);
    expect((await client.admin('sessions/expire', {})).status).toBe(200);
    expect(await fresh.get('/list')).toEqual(err(403, 'access-denied'));
  });

  it('admin paths need the access token and valid bodies', async () => {
    const { sandbox, client } = await start();
    const res = await fetch(`${sandbox.endpoint}/__sandbox/state`);
    expect(res.status).toBe(403);
    expect((await client.admin('sessions', { userId: 999, role: 'user' })).status).toBe(406);
    expect((await client.admin('sessions', { userId: 101, role: 'root' })).status).toBe(406);
    expect((await client.admin('nothing-here')).status).toBe(404);
    const made = await client.admin<{ expiresAt: number | null }>('sessions', { userId: 101, role: 'admin', ttlSeconds: 60 });
    expect(made.body.expiresAt).toBeGreaterThan(Date.now());
  });
});

describe('errors of the operations', () => {
  it('unknown path is 404 not-found; wrong method is 405', async () => {
    const { client, sandbox } = await start();
    expect(await client.post('/nope')).toEqual(err(404, 'not-found'));
    expect(await client.post('/1/frobnicate')).toEqual(err(404, 'not-found'));
    const res = await fetch(`${sandbox.endpoint}/elsewhere`);
    expect(res.status).toBe(404);
    expect((await client.post('/list')).status).toBe(405);
  });

  it('create', async () => {
    const { client, sandbox } = await start();
    const ubuntu = sandbox.images().find((i) => i.name === 'ubuntu-22.04')!;
    expect(await client.post('/create', { size: 10 })).toEqual(err(406, 'require-parameter-name'));
    expect(await client.post('/create', { name: 'x' })).toEqual(err(406, 'require-parameter-size'));
    expect(await client.post('/create', { name: 'x', size: 0 })).toEqual(err(406, 'size-invalid'));
    expect(await client.post('/create', { name: 'x', size: -5 })).toEqual(err(406, 'size-invalid'));
    expect(await client.post('/create', { name: 'x', size: 'ten' })).toEqual(err(406, 'parameter-invalid'));
    expect(await client.post('/create', { name: 'x', size: 2001 })).toEqual(err(406, 'size-insufficient'));
    expect(await client.post('/create', { name: 'x', image: 'no-such-image' })).toEqual(err(406, 'image-not-exists'));
    expect(await client.post('/create', { name: 'x', image: ubuntu.id, size: 5 })).toEqual(err(406, 'size-invalid'));
    expect(await client.post('/create', { name: 'x', size: 1, userid: 999 })).toEqual(err(406, 'parameter-invalid'));
    expect((await client.get('/list')).result).toMatchObject({ total: 0 });
  });

  it('quota counts every volume of the tenant, create, clone and extend', async () => {
    const { client } = await start();
    const big = await createVolume(client, { size: 1500 });
    expect(await client.post('/create', { name: 'x', size: 501 })).toEqual(err(406, 'size-insufficient'));
    expect(await client.post(`/${big.unique}/clone`, { uid: 100, name: 'c' })).toEqual(err(406, 'size-insufficient'));
    expect(await client.post(`/${big.unique}/extend`, { size: 2001 })).toEqual(err(406, 'size-insufficient'));
    expect((await client.post(`/${big.unique}/extend`, { size: 2000 })).status).toBe(200);
    expect(await client.post('/create', { name: 'x', size: 1 })).toEqual(err(406, 'size-insufficient'));
    const state = await client.admin<{ tenants: { userId: number; usedGb: number; quotaGb: number }[] }>('state');
    expect(state.body.tenants.find((t) => t.userId === 100)).toMatchObject({ usedGb: 2000, quotaGb: 2000 });
  });

  it('not-exists for unknown, malformed and deleted ids on every path operation', async () => {
    const { client } = await start();
    for (const path of ['get', 'clone', 'update', 'update/name', 'extend', 'delete', 'status', 'enable', 'attach', 'dettach']) {
      expect(await client.post(`/424242/${path}`, { uid: 100, name: 'n', value: 'v', size: 5, status: 'ACTIVED', serverid: 's' })).toEqual(
        err(406, 'not-exists'),
      );
      expect((await client.post(`/abc/${path}`)).message).toBe('volumes.error.not-exists');
    }
  });

  it('clone', async () => {
    const { client } = await start();
    const v = await createVolume(client);
    expect(await client.post(`/${v.unique}/clone`, { name: 'c' })).toEqual(err(406, 'require-parameter-uid'));
    expect(await client.post(`/${v.unique}/clone`, { uid: 100 })).toEqual(err(406, 'require-parameter-name'));
    expect(await client.post(`/${v.unique}/clone`, { uid: 'x', name: 'c' })).toEqual(err(406, 'parameter-invalid'));
    await client.post(`/${v.unique}/enable`, { status: 'DISABLED' });
    expect(await client.post(`/${v.unique}/clone`, { uid: 100, name: 'c' })).toEqual(err(406, 'disabled'));
  });

  it('update and update one field', async () => {
    const { client } = await start();
    const v = await createVolume(client);
    expect(await client.post(`/${v.unique}/update/size`, { value: '3' })).toEqual(err(406, 'parameter-invalid'));
    expect(await client.post(`/${v.unique}/update/name`)).toEqual(err(406, 'require-parameter-value'));
    expect(await client.post(`/${v.unique}/update/name`, { value: ' ' })).toEqual(err(406, 'parameter-invalid'));
    expect(await client.post(`/${v.unique}/update`, { name: '' })).toEqual(err(406, 'parameter-invalid'));
  });

  it('extend', async () => {
    const { client } = await start();
    const v = await createVolume(client, { size: 10 });
    expect(await client.post(`/${v.unique}/extend`)).toEqual(err(406, 'require-parameter-size'));
    expect(await client.post(`/${v.unique}/extend`, { size: 'big' })).toEqual(err(406, 'parameter-invalid'));
    expect(await client.post(`/${v.unique}/extend`, { size: 10 })).toEqual(err(406, 'size-invalid'));
    expect(await client.post(`/${v.unique}/extend`, { size: 5 })).toEqual(err(406, 'size-invalid'));
    await client.post(`/${v.unique}/enable`, { status: 'DISABLED' });
    expect(await client.post(`/${v.unique}/extend`, { size: 20 })).toEqual(err(406, 'disabled'));
  });

  it('attach, detach and enable', async () => {
    const { client, sandbox } = await start();
    const own = sandbox.servers().find((s) => s.userId === 100)!;
    const foreign = sandbox.servers().find((s) => s.userId === 101)!;
    const v = await createVolume(client);
    expect(await client.post(`/${v.unique}/attach`)).toEqual(err(406, 'require-parameter-serverid'));
    expect(await client.post(`/${v.unique}/attach`, { serverid: 'no-such-server' })).toEqual(err(406, 'server-not-exists'));
    expect(await client.post(`/${v.unique}/attach`, { serverid: foreign.id })).toEqual(err(406, 'server-not-exists'));
    expect(await client.post(`/${v.unique}/dettach`, { serverid: own.id })).toEqual(err(406, 'status-invalid'));
    expect(await client.post(`/${v.unique}/dettach`)).toEqual(err(406, 'require-parameter-serverid'));
    await client.post(`/${v.unique}/attach`, { serverid: own.id });
    expect(await client.post(`/${v.unique}/attach`, { serverid: own.id })).toEqual(err(406, 'status-invalid'));
    expect(await client.post(`/${v.unique}/dettach`, { serverid: foreign.id })).toEqual(err(406, 'server-not-exists'));
    expect(await client.post(`/${v.unique}/delete`)).toEqual(err(406, 'status-invalid'));
    expect(await client.post(`/${v.unique}/enable`)).toEqual(err(406, 'require-parameter-status'));
    expect(await client.post(`/${v.unique}/enable`, { status: 'OFF' })).toEqual(err(406, 'parameter-invalid'));
    expect(await client.post(`/${v.unique}/enable`, { status: 'DISABLED' })).toEqual(err(406, 'require-parameter-serverId'));
    expect(await client.post(`/${v.unique}/enable`, { status: 'DISABLED', serverId: foreign.id })).toEqual(err(406, 'server-not-exists'));
    const still = (await client.post<WireVolume>(`/${v.unique}/get`)).result!;
    expect(still).toMatchObject({ status: 'ACTIVED', volumeStatus: 'IN_USE' });

    const other = await createVolume(client);
    await client.post(`/${other.unique}/enable`, { status: 'DISABLED' });
    expect(await client.post(`/${other.unique}/attach`, { serverid: own.id })).toEqual(err(406, 'disabled'));
  });

  it('batches need their arrays and a valid status', async () => {
    const { client } = await start();
    const v = await createVolume(client);
    expect(await client.post('/batchdelete')).toEqual(err(406, 'require-parameter-volumns'));
    expect(await client.post('/batchenableordisable', { status: 'DISABLED' })).toEqual(err(406, 'require-parameter-serverids'));
    expect(await client.post('/batchenableordisable', { serverids: [v.unique] })).toEqual(err(406, 'require-parameter-status'));
    expect(await client.post('/batchenableordisable', { serverids: [v.unique], status: 'x' })).toEqual(err(406, 'parameter-invalid'));
  });

  it('list rejects bad parameters', async () => {
    const { client } = await start();
    for (const params of [
      { status: 'ON' },
      { order: 'size' },
      { page: 0 },
      { page: 'x' },
      { offset: 0 },
      { asc: 'yes' },
      { userid: 'me' },
    ]) {
      expect(await client.get('/list', params)).toEqual(err(406, 'parameter-invalid'));
    }
  });

  it('a body that is not JSON under a JSON content type is parameter-invalid', async () => {
    const { sandbox } = await start();
    const res = await fetch(`${sandbox.endpoint}/services/openstack/volume/create`, {
      method: 'POST',
      headers: { ...headersFor(sandbox), 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(406);
    expect(await res.json()).toEqual({ status: 406, message: 'volumes.error.parameter-invalid' });
  });
});
