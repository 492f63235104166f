import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { requestUrl } from './request-checks';

export const TOKEN_COOKIE = 'cdd_token';

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return rest.join('=');
  }
  return undefined;
}

/**
 * Whether a request carries the host's token, as `?token=` (the URL printed at start, as Jupyter
 * does) or as the cookie set when that URL was first opened (so assets and the socket carry it).
 */
export function hasToken(request: IncomingMessage, token: string): boolean {
  return sameToken(requestUrl(request)?.searchParams.get('token'), token) || sameToken(cookieToken(request), token);
}
