/**
 * A running browser host over the real core (its Local sandbox in a temp data folder), and the
 * ways a test reaches it: a ws client with the token, a raw TCP socket after a valid upgrade
 * (to write frames a well-behaved client never would), and plain HTTP with any `Host` header.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect as tcpConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browser-host';
import { startAppCore, type AppCore } from '../../electron/core/app-core';

export interface HostUnderTest {
  core: AppCore;
  host: BrowserHost;
  token: string;
  close(): Promise<void>;
}

export async function startHostUnderTest(): Promise<HostUnderTest> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cdd-host-'));
  const rendererDir = join(dataDir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><div id="app"></div>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'export {};');
  const core = await startAppCore({ dataDir: join(dataDir, 'data'), sandbox: { speed: 0, seed: 'empty' } });
  const token = randomBytes(24).toString('base64url');
  const host = await startBrowserHost({ handlers: core.handlers, subscribe: core.onEvent, rendererDir, token });
  return {
    core,
    host,
    token,
    async close() {
      await host.stop();
      await core.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A socket as the page opens it: the page's origin, the token. */
export async function openSocket(target: HostUnderTest): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${target.host.port}/ipc?token=${target.token}`, { origin: target.host.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.on('error', () => undefined); // a protocol error is followed by a close, which the test reads
  return ws;
}

/** What the host sent back to one message: its reply (events are skipped), or how the socket closed. */
export interface ReplyMessage {
  id?: unknown;
  reply: { ok: boolean; error?: { code: string; params: Record<string, unknown>; detail?: string } };
}
export type Outcome = { kind: 'reply'; data: ReplyMessage } | { kind: 'closed'; code: number };

export function nextOutcome(ws: WebSocket): Promise<Outcome> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(String(data)) as ReplyMessage | { event: string };
      if ('event' in parsed) return;
      done();
      resolve({ kind: 'reply', data: parsed });
    };
    const onClose = (code: number) => {
      done();
      resolve({ kind: 'closed', code });
    };
    const done = () => {
      ws.off('message', onMessage);
      ws.off('close', onClose);
    };
    ws.on('message', onMessage);
    ws.on('close', onClose);
  });
}

let nextId = 1;

/** Sends `app:info` and tells whether the core answered it. */
export async function answersAppInfo(ws: WebSocket): Promise<boolean> {
  const id = `probe-${nextId++}`;
  const outcome = nextOutcome(ws);
  ws.send(JSON.stringify({ id, channel: 'app:info', payload: {} }));
  const got = await outcome;
  return got.kind === 'reply' && got.data.id === id && got.data.reply.ok;
}

/** A fresh socket answers `app:info`: the host is alive and serving. */
export async function hostIsAlive(target: HostUnderTest): Promise<boolean> {
  const ws = await openSocket(target);
  try {
    return await answersAppInfo(ws);
  } finally {
    ws.close();
  }
}

/** A TCP socket upgraded by hand; the test writes raw frames on it and reads what comes back. */
export async function rawUpgrade(
  target: HostUnderTest,
  headers: Record<string, string> = {},
): Promise<{ socket: Socket; status: number; rest: Buffer }> {
  const socket = tcpConnect(target.host.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const lines = {
    host: `127.0.0.1:${target.host.port}`,
    upgrade: 'websocket',
    connection: 'Upgrade',
    'sec-websocket-key': randomBytes(16).toString('base64'),
    'sec-websocket-version': '13',
    origin: target.host.origin,
    cookie: `cdd_token=${target.token}`,
    ...headers,
  };
  socket.write(
    `GET /ipc HTTP/1.1\r\n${Object.entries(lines)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`,
  );
  let buffered = Buffer.alloc(0);
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(buffered.toString('latin1'))?.[1]);
      resolve({ socket, status, rest: buffered.subarray(end + 4) });
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** A client frame: FIN set, the opcode, masked (or not) with a random key. */
export function frame(opcode: number, payload: Buffer, options: { masked?: boolean; claimedLength?: number } = {}): Buffer {
  const masked = options.masked ?? true;
  const length = options.claimedLength ?? payload.length;
  let header: Buffer;
  if (length < 126) header = Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | length]);
  else if (length < 65_536) header = Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | 126, length >> 8, length & 0xff]);
  else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = (masked ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ (key[i % 4] ?? 0)));
  return Buffer.concat([header, key, body]);
}

/** The close code of the close frame the server sends back on a raw socket, or null if it just hung up. */
export function closeCodeFrom(socket: Socket, already: Buffer): Promise<number | null> {
  let buffered = already;
  return new Promise((resolve) => {
    const check = () => {
      // Server frames are unmasked; a close frame is 0x88, a length, then the 2-byte code.
      const at = buffered.indexOf(0x88);
      if (at >= 0 && buffered.length >= at + 4) {
        finish(buffered.readUInt16BE(at + 2));
      }
    };
    const finish = (code: number | null) => {
      socket.off('data', onData);
      socket.destroy();
      resolve(code);
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      check();
    };
    socket.on('data', onData);
    socket.once('close', () => finish(null));
    socket.on('error', () => undefined);
    check();
  });
}

/** A plain HTTP request with any headers (fetch may not set `Host`). */
export function rawHttp(
  target: HostUnderTest,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: target.host.port, path, headers: { cookie: `cdd_token=${target.token}`, ...headers } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}
