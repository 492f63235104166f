/**
 * What every request to the browser host must show before the token is even looked at: a URL
 * that parses, and a `Host` header naming the loopback address and port the host listens on. A
 * page of another site that made its name resolve to 127.0.0.1 (DNS rebinding) sends its own
 * name there, and is refused. Only `127.0.0.1:PORT` is accepted: that is the URL the host prints,
 * and the token's cookie belongs to that name.
 */
import type { IncomingMessage } from 'node:http';

/** The request's URL, or null when it does not parse (a request line of garbage). */
export function requestUrl(request: IncomingMessage): URL | null {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

export function isOwnHost(request: IncomingMessage, hostAndPort: string): boolean {
  return request.headers.host === hostAndPort;
}
