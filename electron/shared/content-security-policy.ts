/**
 * The window's Content-Security-Policy, sent by both hosts as a response header (a `<meta>` cannot
 * carry `frame-ancestors`, and Chromium logs an error when it tries).
 */

/** What the page may connect to besides its own origin: the browser host's socket on loopback. */
export interface CspOptions {
  /** e.g. `ws://127.0.0.1:5173`; the Electron window has no socket. */
  socketOrigin?: string;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.socketOrigin ? [options.socketOrigin] : [])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Element Plus and ECharts set inline styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
