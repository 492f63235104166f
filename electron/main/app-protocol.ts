/**
 * The renderer is served from a privileged custom scheme, `app://cloud-disk-desk/`, instead of
 * `file://`: every `file:`, `data:` and `about:` page has the origin "null", so an origin check
 * cannot tell the app's page from any local file, and a `file://` page cannot carry a CSP header.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from '../shared/content-security-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'cloud-disk-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Must run before the app is ready: a standard, secure scheme, so the page has a real origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Whether a URL is one of the app's own documents (the scheme and host, any path). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** The file inside `root` that an app:// URL names, or null for anything outside it or malformed. */
export function appFileOf(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null; // a malformed % escape
  }
  if (path.includes('\0')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const file = normalize(join(root, path));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/** Answers app:// requests from the built renderer folder, each with the window's CSP as a header. */
export async function serveAppFile(root: string, url: string): Promise<Response> {
  const file = appFileOf(root, url);
  if (!file) return notFound();
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return notFound(); // missing, or a folder
  }
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export function handleAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppFile(root, request.url));
}
