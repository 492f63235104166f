/**
 * The built renderer's files, with the headers a page of this app is served with: its
 * Content-Security-Policy (the same one the Electron host sends), no referrer (the first URL
 * carries the token) and no content sniffing. Every answer goes through `send`, so a refusal
 * carries the same headers as a page.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { contentSecurityPolicy } from '../shared/content-security-policy';
import { TOKEN_COOKIE } from './token-guard';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

export interface PageHeaders {
  /** `ws://127.0.0.1:PORT`: the one socket the page may open. */
  socketOrigin: string;
}

export function send(
  response: ServerResponse,
  page: PageHeaders,
  status: number,
  body: string | Buffer = '',
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response
    .writeHead(status, {
      'content-security-policy': contentSecurityPolicy({ socketOrigin: page.socketOrigin }),
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      ...(typeof body === 'string' && body ? { 'content-type': 'text/plain; charset=utf-8' } : {}),
      ...headers,
    })
    .end(body);
}

/** The file a URL path names inside the renderer folder, or null for a bad escape or a path outside it. */
function fileFor(rendererDir: string, url: URL): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // a malformed % escape
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, pathname === '/' ? 'index.html' : pathname.slice(1));
  return file.startsWith(root + sep) ? file : null;
}

/** Answers a GET for one of the renderer's files; index.html also sets the token's cookie. */
export async function serveRendererFile(
  rendererDir: string,
  url: URL,
  response: ServerResponse,
  page: PageHeaders,
  token: string,
): Promise<void> {
  const file = fileFor(rendererDir, url);
  if (file === null) {
    send(response, page, 400, 'Bad path');
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    send(response, page, 404, 'Not found');
    return;
  }
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
  if (file === join(resolve(rendererDir), 'index.html')) {
    headers['set-cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    headers['cache-control'] = 'no-store';
  }
  send(response, page, 200, body, headers);
}
