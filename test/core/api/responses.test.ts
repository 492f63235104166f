import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, CancelledError, NetworkError, ProtocolError, createVolumeClient, type VolumeClient } from '../../../electron/core/api';
import {
  CREDENTIALS,
  closedPortUrl,
  destroy,
  envelope,
  hang,
  ok,
  raw,
  startScriptedServer,
  wireVolume,
  type ScriptedServer,
} from './scripted-server';
import { failure } from './failure';

let server: ScriptedServer;
let client: VolumeClient;

beforeAll(async () => {
  server = await startScriptedServer();
  client = createVolumeClient({ endpoint: server.url, credentials: CREDENTIALS, retry: { attempts: 1 } });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.fallback(ok());
});

describe('envelope decoding', () => {
  it('normalises a volume: attachment (singular), null optionals, unknown state', async () => {
    server.script(
      ok(
        wireVolume({
          attachments: undefined,
          attachment: [{ serverId: 's1', device: '/dev/vdb', attachedAt: 5 }],
          description: null,
          zone: undefined,
          userid: null,
          bootable: null,
          volumeStatus: 'extending',
        }),
      ),
    );
    const volume = await client.get(1);
    expect(volume.attachments).toEqual([{ serverId: 's1', device: '/dev/vdb', attachedAt: 5 }]);
    expect(volume).toMatchObject({ description: '', zone: null, userid: null, bootable: false, volumeStatus: 'UNRECOGNIZED' });
    expect(volume).not.toHaveProperty('attachment');
  });

  it('reads attachments (plural) and Cinder-style lower-case states', async () => {
    server.script(ok(wireVolume({ volumeStatus: 'in-use', attachments: [{ serverId: 's2', device: null, attachedAt: null }] })));
    const volume = await client.get(1);
    expect(volume.volumeStatus).toBe('IN_USE');
    expect(volume.attachments).toEqual([{ serverId: 's2', device: '', attachedAt: null }]);
  });

  it('reads entites and entities', async () => {
    server.script(ok({ hasPrevious: false, hasNext: true, total: 3, entites: [wireVolume({ unique: 1 })] }));
    expect((await client.list()).entities.map((v) => v.unique)).toEqual([1]);
    server.script(ok({ hasPrevious: true, hasNext: false, total: 3, entities: [wireVolume({ unique: 2 })] }));
    const page = await client.list();
    expect(page).toMatchObject({ hasPrevious: true, hasNext: false, total: 3 });
    expect(page.entities.map((v) => v.unique)).toEqual([2]);
  });

  it('accepts a bare status string', async () => {
    server.script(ok('DETACHING'));
    expect(await client.status(8)).toEqual({ unique: 8, volumeStatus: 'DETACHING' });
    server.script(ok('maintenance'));
    expect(await client.status(8)).toEqual({ unique: 8, volumeStatus: 'UNRECOGNIZED' });
  });

  it('an error envelope is an ApiError with the full code', async () => {
    server.script(envelope(406, 'volumes.error.size-insufficient'));
    const error = await failure(client.create({ name: 'x', size: 1 }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'api', operation: 'create', status: 406, code: 'volumes.error.size-insufficient' });
    expect((error as Error).message).toBe('create failed: volumes.error.size-insufficient (406)');
  });

  it('an HTTP 200 carrying an error envelope is an ApiError', async () => {
    server.script(envelope(403, 'volumes.error.access-denied', undefined, 200));
    expect(await failure(client.delete(1))).toMatchObject({ kind: 'api', status: 403, code: 'volumes.error.access-denied' });
  });

  it('an HTTP 500 carrying a success envelope succeeds', async () => {
    server.script(envelope(200, 'OK', undefined, 500));
    await expect(client.delete(1)).resolves.toBeUndefined();
  });
});

describe('protocol errors', () => {
  const cases: [string, Parameters<typeof raw>, RegExp][] = [
    ['an HTML 502 page', [502, '<html><head><title>502 Bad Gateway</title></head></html>'], /HTML page/],
    ['an empty body', [200, ''], /empty body/],
    ['truncated JSON', [200, '{"status":200,"message":"OK","result":{"uni'], /truncated JSON/],
    ['JSON that is not an envelope', [200, '{"ok":true}'], /not an API envelope/],
    ['plain text', [500, 'Internal Server Error'], /not JSON/],
  ];
  it.each(cases)('%s', async (_name, [status, body], reason) => {
    server.script(raw(status, body));
    const error = await failure(client.get(1));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ kind: 'protocol', operation: 'get', httpStatus: status });
    expect((error as ProtocolError).reason).toMatch(reason);
  });

  it('a success envelope whose result has wrong types', async () => {
    server.script(ok(wireVolume({ size: '20' })));
    const error = await failure(client.get(1));
    expect(error).toMatchObject({ kind: 'protocol', httpStatus: 200 });
    expect((error as ProtocolError).reason).toMatch(/size/);
  });

  it('a page without entites or entities', async () => {
    server.script(ok({ hasPrevious: false, hasNext: false, total: 0 }));
    expect(await failure(client.list())).toBeInstanceOf(ProtocolError);
  });

  it('a redirect is not followed', async () => {
    server.script((_req, res) => {
      res.writeHead(302, { Location: 'http://elsewhere.invalid/' });
      res.end();
    });
    expect(await failure(client.get(1))).toMatchObject({ kind: 'protocol', httpStatus: 302 });
  });
});

describe('network errors', () => {
  it('refused: nothing listens on the port', async () => {
    const dead = createVolumeClient({ endpoint: await closedPortUrl(), credentials: CREDENTIALS, retry: { attempts: 1 } });
    const error = await failure(dead.get(1));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ kind: 'network', reason: 'refused', operation: 'get' });
  });

  it('reset: the server destroys the socket', async () => {
    server.script(destroy);
    expect(await failure(client.delete(1))).toMatchObject({ kind: 'network', reason: 'reset', operation: 'delete' });
  });

  it('reset: the server dies in the middle of the body', async () => {
    server.script((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      res.write('{"status":200,');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(await failure(client.delete(1))).toMatchObject({ kind: 'network', reason: 'reset' });
  });

  it('timeout: the server never answers', async () => {
    server.script(hang);
    const error = await failure(client.get(1, { timeoutMs: 100 }));
    expect(error).toMatchObject({ kind: 'network', reason: 'timeout' });
    expect((error as Error).message).toBe('get failed: network error (timeout: no answer within 100 ms)');
  });

  it('timeout: the client-wide setting', async () => {
    const slow = createVolumeClient({ endpoint: server.url, credentials: CREDENTIALS, timeoutMs: 80, retry: { attempts: 1 } });
    server.script(hang);
    expect(await failure(slow.delete(1))).toMatchObject({ kind: 'network', reason: 'timeout' });
  });

  it('dns: an unknown host', async () => {
    const lost = createVolumeClient({ endpoint: 'http://nonexistent.invalid', credentials: CREDENTIALS, retry: { attempts: 1 } });
    expect(await failure(lost.get(1))).toMatchObject({ kind: 'network', reason: 'dns' });
  });
});

describe('cancellation', () => {
  it('aborting during a request is a CancelledError', async () => {
    server.script(hang);
    const controller = new AbortController();
    const pending = failure(client.get(1, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 30);
    const error = await pending;
    expect(error).toBeInstanceOf(CancelledError);
    expect(error).toMatchObject({ kind: 'cancelled', operation: 'get', message: 'get cancelled' });
  });

  it('an already aborted signal sends nothing', async () => {
    const error = await failure(client.delete(1, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(CancelledError);
    expect(server.requests).toHaveLength(0);
  });
});
