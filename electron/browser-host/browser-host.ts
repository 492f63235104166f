import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import type { EventListener } from '../core/app-core';
import { dispatch, type Handlers } from '../core/dispatch';
import { hasToken, TOKEN_COOKIE } from './token-guard';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

export interface BrowserHostOptions {
  handlers: Handlers;
  /** Subscribes to the core's events, which go to every open window. */
  subscribe: (listener: EventListener) => () => void;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
}

export interface BrowserHost {
  /** The URL to open, with the token. */
  url: string;
  origin: string;
  stop(): Promise<void>;
}

async function serveFile(rendererDir: string, request: IncomingMessage, response: ServerResponse, token: string): Promise<void> {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(rendererDir, relative));
  if (!file.startsWith(normalize(rendererDir) + sep)) {
    response.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(file);
    const headers: Record<string, string> = { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' };
    if (relative === 'index.html') headers['set-cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    response.writeHead(200, headers).end(body);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }
}

/**
 * Serves the renderer and carries the IPC contract over a WebSocket on loopback, guarded by a
 * random token: the same handlers the Electron host registers, reachable from any browser.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(24).toString('base64url');
  const server = createServer((request, response) => {
    if (!hasToken(request, token)) {
      response.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden: open the URL with its token');
      return;
    }
    if (request.method !== 'GET') {
      response.writeHead(405).end();
      return;
    }
    void serveFile(options.rendererDir, request, response, token);
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ipc' || !hasToken(request, token) || request.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const unsubscribe = options.subscribe((event, payload) => ws.send(JSON.stringify({ event, payload })));
      ws.on('close', unsubscribe);
      ws.on('message', (data) => {
        void (async () => {
          let message: { id?: unknown; channel?: unknown; payload?: unknown };
          try {
            message = JSON.parse(String(data)) as typeof message;
          } catch {
            return;
          }
          const reply = await dispatch(options.handlers, message.channel, message.payload);
          ws.send(JSON.stringify({ id: message.id, reply }));
        })();
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
