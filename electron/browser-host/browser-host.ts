import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventListener } from '../core/app-core';
import type { Handlers } from '../core/dispatch';
import { silentLogger, type Logger } from '../core/ports';
import { MAX_REQUEST_BYTES } from '../shared/message-limits';
import { serveIpcSocket } from './ipc-socket';
import { PageVisibility } from './page-visibility';
import { isOwnHost, requestUrl } from './request-checks';
import { send, serveRendererFile } from './serve-renderer';
import { hasToken } from './token-guard';

export interface BrowserHostOptions {
  handlers: Handlers;
  /** Subscribes to the core's events, which go to every open window. */
  subscribe: (listener: EventListener) => () => void;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  /**
   * The token a request must carry; a fresh random one when absent (the CLI). A host started
   * again with the same port and token is the same host to a page that is still open.
   */
  token?: string;
  logger?: Logger;
}

export interface BrowserHost {
  /** The URL to open, with the token. */
  url: string;
  origin: string;
  port: number;
  stop(): Promise<void>;
}

/** Ends a socket that is refused before it becomes a WebSocket, with a plain HTTP status. */
function refuseUpgrade(socket: Duplex, status: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  else socket.destroy();
}

/**
 * Serves the renderer and carries the IPC contract over a WebSocket on loopback, guarded by the
 * `Host` header and a random token: the same handlers the Electron host registers, reachable
 * from a browser. No input ends the process: every socket's errors are handled, and a request
 * that cannot be served is refused alone.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  if (token.length < 16) throw new Error('The browser host token must have at least 16 characters');
  const logger = options.logger ?? silentLogger;
  // Known once listening; no request is answered before.
  const page = { socketOrigin: '' };
  let hostAndPort = '';
  let origin = '';

  const server = createServer((request, response) => {
    response.on('error', () => response.destroy());
    const url = requestUrl(request);
    if (!isOwnHost(request, hostAndPort)) return send(response, page, 421, `Misdirected: this host answers only as ${hostAndPort}`);
    if (!url) return send(response, page, 400, 'Bad request');
    if (!hasToken(request, token)) return send(response, page, 403, 'Forbidden: open the URL with its token');
    if (request.method !== 'GET') return send(response, page, 405, 'Method not allowed', { allow: 'GET' });
    serveRendererFile(options.rendererDir, url, response, page, token).catch((error: unknown) => {
      logger.error('browser host: a file could not be served', { error: error instanceof Error ? error.message : 'unknown' });
      send(response, page, 500, 'Internal error');
    });
  });
  server.on('connection', (socket: Socket) => socket.on('error', () => socket.destroy()));
  // A request the HTTP parser refuses (garbage, a header too large): answered and closed, never an exit.
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    refuseUpgrade(socket, error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request');
  });
  server.on('error', (error) => logger.error('browser host: server error', { error: error.message }));

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  // Several tabs may be open: background pace follows whether any of them is visible.
  const visibility = new PageVisibility(options.handlers['app:visibility']);
  const servePage = (ws: WebSocket) => {
    const page = visibility.opened();
    ws.on('close', () => {
      visibility.closed(page).catch((error: unknown) =>
        logger.warn('browser host: the pace could not follow a closed page', {
          error: error instanceof Error ? error.message : 'unknown',
        }),
      );
    });
    serveIpcSocket(ws, { handlers: visibility.handlersFor(page, options.handlers), subscribe: options.subscribe, logger });
  };
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node's HTTP server stops watching a socket once it is upgraded; until ws takes it, this does.
    socket.on('error', () => socket.destroy());
    const url = requestUrl(request);
    if (!isOwnHost(request, hostAndPort)) return refuseUpgrade(socket, '421 Misdirected Request');
    if (url?.pathname !== '/ipc' || !hasToken(request, token) || request.headers.origin !== origin)
      return refuseUpgrade(socket, '403 Forbidden');
    sockets.handleUpgrade(request, socket, head, servePage);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  hostAndPort = `127.0.0.1:${port}`;
  origin = `http://${hostAndPort}`;
  page.socketOrigin = `ws://${hostAndPort}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
