/**
 * `Retry-After` on a 429 or 503: a read waits what the server asks (seconds or an HTTP date)
 * within the cap, gives up at once beyond it with a RetryLaterError that says when; a mutation is
 * still sent once, its error carrying what the server asked.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  createVolumeClient,
  CancelledError,
  ProtocolError,
  RetryLaterError,
  type VolumeClient,
} from '../../../electron/core/api';
import { parseRetryAfter } from '../../../electron/core/api/transport';
import { failure } from './failure';
import { CREDENTIALS, ok, useScriptedServer, wireVolume, type Handler } from './scripted-server';

const server = useScriptedServer();
let delays: number[];
let client: VolumeClient;

beforeEach(() => {
  delays = [];
  client = createVolumeClient({
    endpoint: server.url,
    credentials: CREDENTIALS,
    retry: { baseMs: 100, capMs: 250, retryAfterCapMs: 30_000 },
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
    },
  });
});

/** An error envelope (or an HTML page) with a Retry-After header. */
function busy(status: 429 | 503 | 500, retryAfter: string, html = false): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': html ? 'text/html' : 'application/json', 'Retry-After': retryAfter });
    res.end(html ? '<html>Service Unavailable</html>' : JSON.stringify({ status, message: 'volumes.error.too-many-requests' }));
  };
}

describe('reads honour Retry-After within the cap', () => {
  it('waits the seconds a 429 asks for, then succeeds', async () => {
    server.script(busy(429, '2'), ok(wireVolume({ unique: 3 })));
    await expect(client.get(3)).resolves.toMatchObject({ unique: 3 });
    expect(delays).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
  });

  it('waits until the HTTP date a 503 names (an HTML page, not an envelope)', async () => {
    const at = new Date(Date.now() + 10_000).toUTCString();
    server.script(busy(503, at, true), ok({ hasNext: false, total: 0, entites: [] }));
    await expect(client.list()).resolves.toMatchObject({ total: 0 });
    expect(delays).toHaveLength(1);
    // HTTP dates have whole seconds.
    expect(delays[0]).toBeGreaterThan(8000);
    expect(delays[0]).toBeLessThanOrEqual(10_000);
  });

  it('still stops after the policy attempts', async () => {
    server.fallback(busy(429, '1'));
    await expect(client.status(1)).rejects.toBeInstanceOf(ApiError);
    expect(delays).toEqual([1000, 1000]);
    expect(server.requests).toHaveLength(3);
  });

  it('a Retry-After on another status, or one that cannot be read, leaves the backoff', async () => {
    server.script(busy(500, '20'), busy(503, 'soon'), ok(wireVolume()));
    await expect(client.get(1)).resolves.toMatchObject({ unique: 1 });
    expect(delays).toEqual([0.5 * 100, 0.5 * 200]);
  });

  it('a cancellation during the wait ends the call', async () => {
    const real = createVolumeClient({ endpoint: server.url, credentials: CREDENTIALS });
    server.script(busy(429, '20'));
    const controller = new AbortController();
    const call = real.get(1, { signal: controller.signal });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(CancelledError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('beyond the cap', () => {
  it('a 429 asking for a day is given up at once, saying when to retry', async () => {
    server.fallback(busy(429, '86400'));
    const before = Date.now();
    const error = await failure(client.list());
    expect(error).toBeInstanceOf(RetryLaterError);
    const later = error as RetryLaterError;
    expect(later).toMatchObject({ kind: 'retry-later', operation: 'list', retryAfterMs: 86_400_000 });
    expect(later.retryAt).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(later.message).toMatch(/asks to retry in 86400 s, at \d{4}-\d\d-\d\dT/);
    expect(later.lastError).toBeInstanceOf(ApiError);
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('the cap is settable', async () => {
    const patient = createVolumeClient({
      endpoint: server.url,
      credentials: CREDENTIALS,
      retry: { retryAfterCapMs: 120_000 },
      sleep: async (ms) => void delays.push(ms),
    });
    server.script(busy(503, '90', true), ok(wireVolume()));
    await expect(patient.get(1)).resolves.toMatchObject({ unique: 1 });
    expect(delays).toEqual([90_000]);
    server.script(busy(503, '121', true));
    await expect(patient.get(1)).rejects.toMatchObject({ kind: 'retry-later', lastError: expect.any(ProtocolError) });
  });
});

describe('mutations are never re-sent', () => {
  it.each([
    ['create', (c: VolumeClient) => c.create({ name: 'x', size: 1 })],
    ['delete', (c: VolumeClient) => c.delete(1)],
    ['batchDelete', (c: VolumeClient) => c.batchDelete([1, 2])],
  ])('%s answered 429 with Retry-After: 1 is sent once; its error carries the wait', async (_name, run) => {
    server.fallback(busy(429, '1'));
    const error = await failure(run(client));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 1000 });
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  it.each([
    ['0', 0],
    ['120', 120_000],
    [' 5 ', 5000],
    ['Tue, 01 Jan 2030 00:01:00 GMT', 60_000],
    ['Mon, 31 Dec 2029 23:00:00 GMT', 0],
  ])('%j → %d ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
  it.each([null, '', '-1', '1.5', 'soon'])('%j is unreadable', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
