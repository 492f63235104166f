/**
 * A tiny real HTTP server for client tests: each request is answered by the next scripted
 * handler (or the fallback), and recorded for wire-format assertions.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  form: URLSearchParams;
}

export type Handler = (req: RecordedRequest, res: ServerResponse, raw: IncomingMessage) => void;

export interface ScriptedServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  requests: RecordedRequest[];
  /** Queues handlers, one per coming request. */
  script(...handlers: Handler[]): void;
  /** The handler once the queue is empty (default: `envelope(200)`). */
  fallback(handler: Handler): void;
  close(): Promise<void>;
}

/** Answers an envelope with HTTP status equal to its status. */
export function envelope(status = 200, message = 'OK', result?: unknown, httpStatus = status): Handler {
  const body = JSON.stringify(result === undefined ? { status, message } : { status, message, result });
  return raw(httpStatus, body, 'application/json');
}

/** A success envelope carrying `result`. */
export function ok(result?: unknown): Handler {
  return envelope(200, 'OK', result);
}

/** Answers a raw body. */
export function raw(httpStatus: number, body: string, contentType = 'text/html'): Handler {
  return (_req, res) => {
    res.writeHead(httpStatus, { 'Content-Type': contentType });
    res.end(body);
  };
}

/** Destroys the connection without answering. */
export const destroy: Handler = (_req, _res, rawReq) => {
  rawReq.socket.destroy();
};

/** Never answers. */
export const hang: Handler = () => {};

export async function startScriptedServer(): Promise<ScriptedServer> {
  const queue: Handler[] = [];
  let fallback: Handler = ok();
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        form: new URLSearchParams(body),
      };
      requests.push(recorded);
      (queue.shift() ?? fallback)(recorded, res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...handlers) => queue.push(...handlers),
    fallback: (handler) => {
      fallback = handler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * One scripted server for a test file: started before its tests, closed after them, and before
 * each test its record emptied and its fallback reset to `ok()`. Register it before the file's
 * own `beforeEach`, which can then read `url`.
 */
export function useScriptedServer(): ScriptedServer {
  let started: ScriptedServer | undefined;
  const current = (): ScriptedServer => {
    if (!started) throw new Error('the scripted server is not started yet (use it inside a test or hook)');
    return started;
  };
  beforeAll(async () => {
    started = await startScriptedServer();
  });
  afterAll(() => started?.close());
  beforeEach(() => {
    current().requests.length = 0;
    current().fallback(ok());
  });
  return {
    get url() {
      return current().url;
    },
    get requests() {
      return current().requests;
    },
    script: (...handlers) => current().script(...handlers),
    fallback: (handler) => current().fallback(handler),
    close: () => current().close(),
  };
}

/** A port on 127.0.0.1 that nothing listens on (just closed). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A well-formed wire volume, with overrides. */
export function wireVolume(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    unique: 1,
    userid: 10,
    name: 'data',
    description: 'a disk',
    status: 'ACTIVED',
    volumeId: '8c7f0e0e-1111-2222-3333-444455556666',
    volumeStatus: 'AVAILABLE',
    size: 20,
    zone: 'nova',
    volumeType: 'ssd',
    sourceVolid: null,
    snapshotId: null,
    imageId: null,
    bootable: false,
    attachments: [],
    migrateStatus: null,
    created: 1_700_000_000_000,
    updated: 1_700_000_100_000,
    ...overrides,
  };
}

export const CREDENTIALS = {
  accessToken: 'access-token-1',
  sessionToken: 'session-token-1',
  sessionSecret: 'session-secret-1',
};
