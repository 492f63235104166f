import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolumeClient, isVolumeClientError, type VolumeClient } from '../../../electron/core/api';
import type { Logger } from '../../../electron/core/ports';
import { closedPortUrl, destroy, envelope, hang, ok, raw, startScriptedServer, type Handler, type ScriptedServer } from './scripted-server';
import { failure } from './failure';

const SECRETS = {
  accessToken: 'ACCESS-7f3a9c-ZETA',
  sessionToken: 'SESSTOK-41b8e2-OMEGA',
  sessionSecret: 'SESSSEC-a5d0c7-KAPPA',
};
const NEEDLES = Object.values(SECRETS);

const SECRET_HEADERS = ['ht-access-token', 'imr-session-token', 'imr-session-secret'];

/** A server that echoes the secret headers back (first, so no excerpt cuts them off). */
const echo =
  (build: (headers: string) => Handler): Handler =>
  (req, res, rawReq) =>
    build(SECRET_HEADERS.map((h) => req.headers[h]).join(' '))(req, res, rawReq);

let server: ScriptedServer;
let lines: string[];
let client: VolumeClient;

function capturingLogger(): Logger {
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${JSON.stringify(fields)} ${inspect(fields, { depth: 10 })}`);
  };
  return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

function makeClient(endpoint: string, credentials = SECRETS): VolumeClient {
  return createVolumeClient({ endpoint, credentials, logger: capturingLogger(), retry: { attempts: 2 }, sleep: async () => {} });
}

beforeAll(async () => {
  server = await startScriptedServer();
  lines = [];
  client = makeClient(server.url);
});
afterAll(() => server.close());

function renderings(error: unknown): string[] {
  const e = error as Error;
  return [String(e), e.message, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 10, showHidden: true })];
}

function expectClean(texts: string[], needles: string[]) {
  for (const text of texts) {
    for (const needle of needles) expect(text).not.toContain(needle);
  }
}

describe('no secret in any error or log line', () => {
  const serverFailures: [string, Handler][] = [
    ['api error echoing the headers', echo((h) => envelope(403, `volumes.error.access-denied ${h}`))],
    ['api error in an HTTP 200', echo((h) => envelope(500, h, undefined, 200))],
    ['HTML page echoing the headers', echo((h) => raw(502, `<html><body><pre>${h}</pre></body></html>`))],
    ['truncated JSON echoing the headers', echo((h) => raw(200, `{"status":200,"message":${JSON.stringify(h)}`))],
    ['result echoing the headers with wrong types', echo((h) => ok({ unique: h, name: 1, [h]: h }))],
    ['reset', destroy],
  ];

  it.each(serverFailures)('%s', async (_name, handler) => {
    server.fallback(handler);
    const error = await failure(client.get(1));
    expect(isVolumeClientError(error)).toBe(true);
    expectClean([...renderings(error), ...lines], NEEDLES);
  });

  it('timeout', async () => {
    server.fallback(hang);
    const error = await failure(client.get(1, { timeoutMs: 50 }));
    expect(error).toMatchObject({ kind: 'network', reason: 'timeout' });
    expectClean([...renderings(error), ...lines], NEEDLES);
  });

  it('cancel', async () => {
    server.fallback(hang);
    const controller = new AbortController();
    const pending = failure(client.delete(1, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    const error = await pending;
    expect(error).toMatchObject({ kind: 'cancelled' });
    expectClean([...renderings(error), ...lines], NEEDLES);
  });

  it('refused', async () => {
    const error = await failure(makeClient(await closedPortUrl()).get(1));
    expect(error).toMatchObject({ kind: 'network', reason: 'refused' });
    expectClean([...renderings(error), ...lines], NEEDLES);
  });

  it('dns', async () => {
    const error = await failure(makeClient('http://nonexistent.invalid').status(1));
    expect(error).toMatchObject({ kind: 'network', reason: 'dns' });
    expectClean([...renderings(error), ...lines], NEEDLES);
  });

  it('a credential that is not a valid header value (fetch would quote it)', async () => {
    const bad = { ...SECRETS, sessionSecret: 'SESSSEC-BADVALUE-88\nTAIL' };
    const error = await failure(makeClient(server.url, bad).delete(1));
    expect(isVolumeClientError(error)).toBe(true);
    expectClean([...renderings(error), ...lines], ['SESSSEC-BADVALUE-88', ...NEEDLES]);
  });

  it('log lines were written and carry no headers or body values', () => {
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.some((l) => l.includes('"operation":"get"') && l.includes('"attempt":2'))).toBe(true);
    expectClean(lines, [...NEEDLES, 'access-denied', '<html>']);
  });
});
