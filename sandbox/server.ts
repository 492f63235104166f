import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import { ApiError, accessDenied, parameterInvalid } from './errors';
import { FAILURE_MESSAGES, faultPatchSchema, type Faults } from './faults';
import { mergeParams, paramsFromJson, paramsFromSearch, type Params } from './params';
import type { Sessions } from './sessions';
import type { OperationName } from './types';
import type { Caller, VolumeStore } from './volume-store';

export const API_PREFIX = '/services/openstack/volume/';
export const ADMIN_PREFIX = '/__sandbox/';
const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerContext {
  store: VolumeStore;
  sessions: Sessions;
  faults: Faults;
  /** Resolves once every change made so far is durable. */
  persist: () => Promise<void>;
  log: (line: string) => void;
  sessionTtlSeconds: number | undefined;
}

interface Route {
  op: OperationName;
  method: 'GET' | 'POST';
  /** Whether a success changes state (and so must be durable before the answer). */
  mutates: boolean;
  run: (caller: Caller, params: Params) => unknown;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is just an id that does not exist
  }
}

/** Maps an API path (after the prefix) to its operation. */
function matchRoute(store: VolumeStore, path: string): Route | undefined {
  const parts = path.split('/');
  const [first, second, third] = parts;
  if (parts.length === 1) {
    switch (first) {
      case 'create':
        return { op: 'create', method: 'POST', mutates: true, run: (c, p) => store.create(c, p) };
      case 'list':
        return { op: 'list', method: 'GET', mutates: false, run: (c, p) => store.list(c, p) };
      case 'batchenableordisable':
        return { op: 'batchEnable', method: 'POST', mutates: true, run: (c, p) => store.batchEnable(c, p) };
      case 'batchdelete':
        return { op: 'batchDelete', method: 'POST', mutates: true, run: (c, p) => store.batchDelete(c, p) };
    }
    return undefined;
  }
  if (first === undefined || first === '' || second === undefined) return undefined;
  const id = decode(first);
  if (parts.length === 3 && second === 'update' && third !== undefined) {
    const field = decode(third);
    return { op: 'updateField', method: 'POST', mutates: true, run: (c, p) => store.updateField(c, id, field, p) };
  }
  if (parts.length !== 2) return undefined;
  switch (second) {
    case 'get':
      return { op: 'get', method: 'POST', mutates: false, run: (c) => store.get(c, id) };
    case 'status':
      return { op: 'status', method: 'POST', mutates: false, run: (c) => store.status(c, id) };
    case 'clone':
      return { op: 'clone', method: 'POST', mutates: true, run: (c, p) => store.clone(c, id, p) };
    case 'update':
      return { op: 'update', method: 'POST', mutates: true, run: (c, p) => store.update(c, id, p) };
    case 'extend':
      return { op: 'extend', method: 'POST', mutates: true, run: (c, p) => store.extend(c, id, p) };
    case 'delete':
      return { op: 'delete', method: 'POST', mutates: true, run: (c) => store.delete(c, id) };
    case 'enable':
      return { op: 'enable', method: 'POST', mutates: true, run: (c, p) => store.enable(c, id, p) };
    case 'attach':
      return { op: 'attach', method: 'POST', mutates: true, run: (c, p) => store.attach(c, id, p) };
    case 'dettach': // [source quirk] spelling
      return { op: 'detach', method: 'POST', mutates: true, run: (c, p) => store.detach(c, id, p) };
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'request-too-large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isJson(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().includes('application/json');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw parameterInvalid();
  }
}

async function bodyParams(req: IncomingMessage): Promise<Params> {
  const text = await readBody(req);
  if (isJson(req)) return paramsFromJson(text.trim() === '' ? {} : parseJson(text));
  return paramsFromSearch(new URLSearchParams(text));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function envelope(status: number, message: string, result?: unknown): object {
  return result === undefined ? { status, message } : { status, message, result };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The answer to a request Node's HTTP parser refused: 431 for oversize headers (a long URL counts), else 400. */
function parserRejection(code: string | undefined): { status: number; message: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, message: 'volumes.error.header-too-large' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'volumes.error.request-timeout' };
  return { status: 400, message: 'volumes.error.bad-request' };
}

/**
 * Answers what the HTTP parser refuses (a garbage request line, a bad header, a 20,000-character
 * URL) with the spec's error envelope instead of Node's empty 400, and lets a client that went
 * away go quietly.
 */
export function answerParserErrors(server: Server, log: (line: string) => void): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, message } = parserRejection(err.code);
    const body = JSON.stringify(envelope(status, message));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    log(`request refused by the HTTP parser: ${status} (${err.code ?? 'unknown'})`);
  });
}

/** Whether the client closed the connection before its answer (an abort, not a server fault). */
function clientWentAway(req: IncomingMessage, res: ServerResponse): boolean {
  return (req.destroyed && !req.complete) || (res.destroyed && !res.writableFinished);
}

/** The request handler of the sandbox: the volume API plus the admin paths under /__sandbox/. */
export function createHandler(ctx: ServerContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const method = req.method ?? 'GET';
    const finish = (status: number | 'dropped' | 'aborted'): void => {
      ctx.log(`${method} ${url.pathname} ${status} ${Math.round(performance.now() - started)}ms`);
    };
    const handle = url.pathname.startsWith(ADMIN_PREFIX) ? handleAdmin : handleApi;
    handle(ctx, req, res, url, finish).catch((err: unknown) => {
      if (!(err instanceof ApiError) && clientWentAway(req, res)) {
        finish('aborted');
        return;
      }
      const status = err instanceof ApiError ? err.status : 500;
      if (!(err instanceof ApiError)) ctx.log(`internal error: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) send(res, status, envelope(status, err instanceof ApiError ? err.message : 'volumes.error.internal'));
      finish(status);
    });
  };
}

async function handleApi(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  finish: (status: number | 'dropped') => void,
): Promise<void> {
  const route = url.pathname.startsWith(API_PREFIX) ? matchRoute(ctx.store, url.pathname.slice(API_PREFIX.length)) : undefined;
  if (!route) throw new ApiError(404, 'not-found');
  if (req.method !== route.method) throw new ApiError(405, 'method-not-allowed');
  const query = paramsFromSearch(url.searchParams);
  const params = route.method === 'GET' ? query : mergeParams(await bodyParams(req), query);
  const latency = ctx.faults.latencyMs();
  if (latency > 0) await sleep(latency);
  const caller = ctx.sessions.authenticate(req.headers);
  if (ctx.faults.shouldDrop(route.op)) {
    req.socket.destroy();
    finish('dropped');
    return;
  }
  const settled = ctx.store.settle();
  let status = 200;
  let body: object;
  let changed = settled;
  try {
    if (ctx.faults.shouldFail(route.op)) throw new ApiError(500, FAILURE_MESSAGES[route.op]);
    const result = route.run(caller, params);
    changed ||= route.mutates;
    body = envelope(200, 'OK', result);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    status = err.status;
    body = envelope(status, err.message);
  }
  if (changed) {
    try {
      await ctx.persist();
    } catch (err) {
      ctx.log(`cannot save the data file: ${err instanceof Error ? err.message : String(err)}`);
      throw new ApiError(500, FAILURE_MESSAGES[route.op]);
    }
  }
  send(res, status, body);
  finish(status);
}

async function handleAdmin(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  finish: (status: number) => void,
): Promise<void> {
  if (!ctx.sessions.hasAccessToken(req.headers)) throw accessDenied();
  const path = url.pathname.slice(ADMIN_PREFIX.length);
  const body = req.method === 'POST' ? await readBody(req) : '';
  const json = (): unknown => (body.trim() === '' ? {} : parseJson(body));
  let result: unknown;
  if (path === 'faults' && req.method === 'GET') {
    result = ctx.faults.current;
  } else if (path === 'faults' && req.method === 'POST') {
    const patch = faultPatchSchema.safeParse(json());
    if (!patch.success) throw parameterInvalid();
    result = ctx.faults.patch(patch.data);
  } else if (path === 'sessions' && req.method === 'POST') {
    result = createSessionFromBody(ctx, json());
    await ctx.persist();
  } else if (path === 'sessions/expire' && req.method === 'POST') {
    ctx.sessions.expireAll();
    await ctx.persist();
    result = { expired: true };
  } else if (path === 'state' && req.method === 'GET') {
    if (ctx.store.settle()) await ctx.persist();
    result = describeState(ctx.store);
  } else {
    throw new ApiError(404, 'not-found');
  }
  send(res, 200, result);
  finish(200);
}

const sessionRequestSchema = z.strictObject({
  userId: z.number().int(),
  role: z.enum(['admin', 'user']),
  ttlSeconds: z.number().positive().optional(),
});

function createSessionFromBody(ctx: ServerContext, body: unknown): object {
  const request = sessionRequestSchema.safeParse(body);
  if (!request.success) throw parameterInvalid();
  const { userId, role, ttlSeconds } = request.data;
  let session;
  try {
    session = ctx.sessions.create(userId, role, ttlSeconds ?? ctx.sessionTtlSeconds);
  } catch {
    throw parameterInvalid(); // no such tenant
  }
  return {
    sessionToken: session.token,
    sessionSecret: session.secret,
    userId: session.userId,
    role: session.role,
    expiresAt: session.expiresAt,
  };
}

export function describeState(store: VolumeStore): object {
  const { tenants, servers, images } = store.state;
  return {
    tenants: tenants.map((t) => ({ ...t, usedGb: store.usedGb(t.userId) })),
    servers: servers.map((s) => ({ ...s })),
    images: images.map((i) => ({ ...i })),
    volumeCount: store.volumeCount,
  };
}
