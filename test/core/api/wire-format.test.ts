import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVolumeClient, type VolumeClient } from '../../../electron/core/api';
import { CREDENTIALS, ok, startScriptedServer, wireVolume, type ScriptedServer } from './scripted-server';

const ROOT = '/services/openstack/volume';
const FORM = 'application/x-www-form-urlencoded';

let server: ScriptedServer;
let client: VolumeClient;

beforeAll(async () => {
  server = await startScriptedServer();
  client = createVolumeClient({ endpoint: server.url, credentials: CREDENTIALS });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.fallback(ok());
});

function lastRequest() {
  const req = server.requests.at(-1);
  if (!req) throw new Error('no request');
  return req;
}

function expectPost(path: string, form: [string, string][]) {
  const req = lastRequest();
  expect(req.method).toBe('POST');
  expect(req.path).toBe(`${ROOT}${path}`);
  expect(req.headers['content-type']).toBe(FORM);
  expect([...req.form.entries()]).toEqual(form);
  expect(req.query.size).toBe(0);
}

describe('wire format of every operation', () => {
  it('sends the three credential headers and asks for JSON', async () => {
    await client.delete(5);
    const { headers } = lastRequest();
    expect(headers['ht-access-token']).toBe(CREDENTIALS.accessToken);
    expect(headers['imr-session-token']).toBe(CREDENTIALS.sessionToken);
    expect(headers['imr-session-secret']).toBe(CREDENTIALS.sessionSecret);
    expect(headers.accept).toBe('application/json');
  });

  it('create', async () => {
    server.script(ok(wireVolume({ unique: 9 })));
    const volume = await client.create({ userid: 10, name: 'data disk', description: 'x&y=z', size: 20 });
    expect(volume.unique).toBe(9);
    expectPost('/create', [
      ['userid', '10'],
      ['name', 'data disk'],
      ['description', 'x&y=z'],
      ['size', '20'],
    ]);
    expect(lastRequest().body).toBe('userid=10&name=data+disk&description=x%26y%3Dz&size=20');
  });

  it('create from an image leaves undefined parameters out', async () => {
    server.script(ok(wireVolume()));
    await client.create({ name: 'boot', image: 'img-1', size: undefined });
    expectPost('/create', [
      ['name', 'boot'],
      ['image', 'img-1'],
    ]);
  });

  it('get', async () => {
    server.script(ok(wireVolume({ unique: 42 })));
    expect((await client.get(42)).unique).toBe(42);
    expectPost('/42/get', []);
  });

  it('clone uses uid', async () => {
    server.script(ok(wireVolume({ unique: 43 })));
    await client.clone(42, { uid: 7, name: 'copy' });
    expectPost('/42/clone', [
      ['uid', '7'],
      ['name', 'copy'],
    ]);
  });

  it('update', async () => {
    await expect(client.update(42, { name: 'n', description: 'd' })).resolves.toBeUndefined();
    expectPost('/42/update', [
      ['name', 'n'],
      ['description', 'd'],
    ]);
  });

  it('update one field', async () => {
    await client.updateField(42, 'description', 'new text');
    expectPost('/42/update/description', [['value', 'new text']]);
  });

  it('extend', async () => {
    await client.extend(42, 50);
    expectPost('/42/extend', [['size', '50']]);
  });

  it('delete', async () => {
    await client.delete(42);
    expectPost('/42/delete', []);
  });

  it('status', async () => {
    server.script(ok({ unique: 42, volumeStatus: 'IN_USE' }));
    expect(await client.status(42)).toEqual({ unique: 42, volumeStatus: 'IN_USE' });
    expectPost('/42/status', []);
  });

  it('list is a GET with a query string and no body', async () => {
    server.script(ok({ hasPrevious: false, hasNext: false, total: 0, entites: [] }));
    await client.list({ userid: 3, keywords: 'db disk', status: 'DISABLED', page: 2, offset: 50, order: 'created', asc: true });
    const req = lastRequest();
    expect(req.method).toBe('GET');
    expect(req.path).toBe(`${ROOT}/list`);
    expect(req.body).toBe('');
    expect([...req.query.entries()]).toEqual([
      ['userid', '3'],
      ['keywords', 'db disk'],
      ['status', 'DISABLED'],
      ['page', '2'],
      ['offset', '50'],
      ['order', 'created'],
      ['asc', 'true'],
    ]);
  });

  it('list without parameters sends no query string', async () => {
    server.script(ok({ hasPrevious: false, hasNext: false, total: 0, entites: [] }));
    await client.list();
    expect(lastRequest().query.size).toBe(0);
  });

  it('enable and disable use camel-case serverId', async () => {
    await client.setEnabled(42, { status: 'DISABLED', serverId: 'srv-1' });
    expectPost('/42/enable', [
      ['status', 'DISABLED'],
      ['serverId', 'srv-1'],
    ]);
    await client.setEnabled(42, { status: 'ACTIVED' });
    expectPost('/42/enable', [['status', 'ACTIVED']]);
  });

  it('attach uses lower-case serverid', async () => {
    await client.attach(42, 'srv-1');
    expectPost('/42/attach', [['serverid', 'srv-1']]);
  });

  it('detach goes to dettach', async () => {
    await client.detach(42, 'srv-1');
    expectPost('/42/dettach', [['serverid', 'srv-1']]);
  });

  it('batch enable sends volume uniques as repeated serverids', async () => {
    await client.batchSetEnabled([3, 7], 'ACTIVED');
    expectPost('/batchenableordisable', [
      ['serverids', '3'],
      ['serverids', '7'],
      ['status', 'ACTIVED'],
    ]);
  });

  it('batch delete sends repeated volumns', async () => {
    await client.batchDelete([3, 7]);
    expectPost('/batchdelete', [
      ['volumns', '3'],
      ['volumns', '7'],
    ]);
    expect(lastRequest().body).toBe('volumns=3&volumns=7');
  });
});

describe('endpoint', () => {
  it('keeps a path prefix and tolerates a trailing slash', async () => {
    const prefixed = createVolumeClient({ endpoint: `${server.url}/gw/v1/`, credentials: () => CREDENTIALS });
    await prefixed.delete(1);
    expect(lastRequest().path).toBe(`/gw/v1${ROOT}/1/delete`);
  });

  it('rejects a non-http endpoint when the client is made', () => {
    expect(() => createVolumeClient({ endpoint: 'ftp://x', credentials: CREDENTIALS })).toThrow(TypeError);
  });

  it('reads the credentials function before every request', async () => {
    let n = 0;
    const rotating = createVolumeClient({
      endpoint: server.url,
      credentials: () => ({ ...CREDENTIALS, sessionToken: `s${++n}` }),
    });
    await rotating.delete(1);
    await rotating.delete(1);
    expect(server.requests.map((r) => r.headers['imr-session-token'])).toEqual(['s1', 's2']);
  });
});
