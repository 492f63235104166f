/** What an account's endpoint means for its secrets, for the dialog's warning and the core's check. */

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether calls to this endpoint would carry the three secrets unencrypted over a network:
 * plain `http://` to anything but this machine's loopback (the Local sandbox is loopback).
 */
export function sendsSecretsInClear(endpoint: string): boolean {
  try {
    const url = new URL(endpoint.trim());
    return url.protocol === 'http:' && !isLoopback(url.hostname);
  } catch {
    return false;
  }
}
