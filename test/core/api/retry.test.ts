import { beforeEach, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/core/api/retry';
import { createVolumeClient, type VolumeClient } from '../../../electron/core/api';
import { CREDENTIALS, destroy, envelope, ok, raw, useScriptedServer, wireVolume } from './scripted-server';

const BASE = 100;
const CAP = 250;

const server = useScriptedServer();
let delays: number[];
let client: VolumeClient;
let randomValue: number;

beforeEach(() => {
  delays = [];
  randomValue = 0.999;
  client = createVolumeClient({
    endpoint: server.url,
    credentials: CREDENTIALS,
    retry: { baseMs: BASE, capMs: CAP },
    random: () => randomValue,
    sleep: async (ms) => {
      delays.push(ms);
    },
  });
});

function expectDelaysWithinJitter() {
  delays.forEach((ms, n) => {
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThanOrEqual(Math.min(CAP, BASE * 2 ** n));
  });
}

describe('retries of reads', () => {
  it.each([
    ['503 envelope', envelope(503, 'volumes.error.get-fail')],
    ['429 envelope', envelope(429, 'volumes.error.too-many')],
    ['HTML 502 page', raw(502, '<html>Bad Gateway</html>')],
    ['connection reset', destroy],
  ])('get is tried 3 times in all on %s', async (_name, handler) => {
    server.fallback(handler);
    await expect(client.get(1)).rejects.toMatchObject({ operation: 'get' });
    expect(server.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    expectDelaysWithinJitter();
  });

  it('succeeds on a later attempt', async () => {
    server.script(envelope(503, 'volumes.error.get-status-failed'), destroy, ok('AVAILABLE'));
    expect(await client.status(4)).toEqual({ unique: 4, volumeStatus: 'AVAILABLE' });
    expect(server.requests).toHaveLength(3);
    expect(delays).toEqual([0.999 * 100, 0.999 * 200]);
  });

  it('list is retried', async () => {
    server.script(envelope(500, 'volumes.error.list-fail'), ok({ hasPrevious: false, hasNext: false, total: 0, entites: [] }));
    await expect(client.list()).resolves.toMatchObject({ total: 0 });
    expect(server.requests).toHaveLength(2);
  });

  it('a 4xx API error is not retried', async () => {
    server.script(envelope(406, 'volumes.error.not-exists'));
    await expect(client.get(1)).rejects.toMatchObject({ kind: 'api', status: 406 });
    expect(server.requests).toHaveLength(1);
  });

  it('a malformed 200 answer is not retried', async () => {
    server.script(ok(wireVolume({ unique: 'x' })));
    await expect(client.get(1)).rejects.toMatchObject({ kind: 'protocol' });
    expect(server.requests).toHaveLength(1);
  });

  it('honours attempts', async () => {
    const once = createVolumeClient({ endpoint: server.url, credentials: CREDENTIALS, retry: { attempts: 5 }, sleep: async () => {} });
    server.fallback(envelope(503, 'volumes.error.get-fail'));
    await expect(once.get(1)).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(5);
  });

  it('never retries after cancellation, and the pause is abortable', async () => {
    const controller = new AbortController();
    const sleeping = createVolumeClient({
      endpoint: server.url,
      credentials: CREDENTIALS,
      sleep: (ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new Error(`aborted after ${ms}`)));
          controller.abort();
        }),
    });
    server.fallback(envelope(503, 'volumes.error.get-fail'));
    await expect(sleeping.get(1, { signal: controller.signal })).rejects.toMatchObject({ kind: 'cancelled' });
    expect(server.requests).toHaveLength(1);
  });

  it('the default sleep really waits and can be aborted', async () => {
    // random() = 1: the full-jitter pause is the whole 10 s, so the abort at 150 ms comes first.
    const real = createVolumeClient({
      endpoint: server.url,
      credentials: CREDENTIALS,
      retry: { baseMs: 10_000, capMs: 10_000 },
      random: () => 1,
    });
    server.fallback(envelope(503, 'volumes.error.get-fail'));
    const started = Date.now();
    await expect(real.get(1, { signal: AbortSignal.timeout(150) })).rejects.toMatchObject({ kind: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
  });
});

describe('mutations are never retried', () => {
  const mutations: [string, (c: VolumeClient) => Promise<unknown>][] = [
    ['create', (c) => c.create({ name: 'x', size: 1 })],
    ['clone', (c) => c.clone(1, { uid: 1, name: 'x' })],
    ['update', (c) => c.update(1, { name: 'x' })],
    ['updateField', (c) => c.updateField(1, 'name', 'x')],
    ['extend', (c) => c.extend(1, 30)],
    ['delete', (c) => c.delete(1)],
    ['enable', (c) => c.setEnabled(1, { status: 'ACTIVED' })],
    ['attach', (c) => c.attach(1, 's')],
    ['detach', (c) => c.detach(1, 's')],
    ['batchEnable', (c) => c.batchSetEnabled([1], 'DISABLED')],
    ['batchDelete', (c) => c.batchDelete([1])],
  ];
  it.each(mutations)('%s is sent once on 503 and once on reset', async (operation, run) => {
    server.fallback(envelope(503, `volumes.error.${operation}-fail`));
    await expect(run(client)).rejects.toMatchObject({ kind: 'api', operation });
    server.fallback(destroy);
    await expect(run(client)).rejects.toMatchObject({ kind: 'network', reason: 'reset', operation });
    expect(server.requests).toHaveLength(2);
    expect(delays).toEqual([]);
  });
});

describe('backoffDelay', () => {
  it('is full jitter under min(cap, base * 2^n)', () => {
    const policy = { baseMs: 100, capMs: 20_000, random: () => 1 };
    expect([0, 1, 2, 10, 20].map((n) => backoffDelay(n, policy))).toEqual([100, 200, 400, 20_000, 20_000]);
    expect(backoffDelay(3, { ...policy, random: () => 0 })).toBe(0);
  });
});

describe('listAll', () => {
  const page = (uniques: number[], hasNext: boolean, total: number) =>
    ok({ hasPrevious: false, hasNext, total, entites: uniques.map((unique) => wireVolume({ unique })) });

  it('pages by hasNext when the server grants smaller pages than asked', async () => {
    server.script(page([1, 2], true, 5), page([3, 4], true, 5), page([5], false, 5));
    const result = await client.listAll({ keywords: 'db' });
    expect(result).toMatchObject({ pages: 3, total: 5, complete: true });
    expect(result.volumes.map((v) => v.unique)).toEqual([1, 2, 3, 4, 5]);
    expect(server.requests.map((r) => [r.query.get('page'), r.query.get('offset'), r.query.get('keywords')])).toEqual([
      ['1', '1000', 'db'],
      ['2', '1000', 'db'],
      ['3', '1000', 'db'],
    ]);
  });

  it('uses the page size asked for', async () => {
    server.script(page([1], false, 1));
    await client.listAll({}, { pageSize: 50 });
    expect(server.requests[0]?.query.get('offset')).toBe('50');
  });

  it('de-duplicates a volume that shifts between pages, keeping the latest data', async () => {
    server.script(
      page([1, 2], true, 4),
      ok({ hasPrevious: true, hasNext: false, total: 4, entites: [wireVolume({ unique: 2, name: 'renamed' }), wireVolume({ unique: 3 })] }),
    );
    const result = await client.listAll();
    expect(result.volumes.map((v) => [v.unique, v.name])).toEqual([
      [1, 'data'],
      [2, 'renamed'],
      [3, 'data'],
    ]);
    // One volume slipped past while the fleet shifted: the pass says it is not the whole picture.
    expect(result.complete).toBe(false);
  });

  it('stops on an empty page that claims more', async () => {
    server.script(page([1], true, 9));
    server.fallback(page([], true, 9));
    const result = await client.listAll();
    expect(result).toMatchObject({ pages: 2, complete: false });
    expect(server.requests).toHaveLength(2);
  });

  it('stops when a server repeats the same page forever', async () => {
    server.fallback(page([1, 2], true, 9));
    const result = await client.listAll();
    expect(result).toMatchObject({ pages: 4, complete: false });
    expect(result.volumes).toHaveLength(2);
  });

  it('retries a failed page', async () => {
    server.script(page([1], true, 2), envelope(503, 'volumes.error.list-fail'), page([2], false, 2));
    const result = await client.listAll();
    expect(result.volumes.map((v) => v.unique)).toEqual([1, 2]);
    expect(server.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '2']);
  });
});
