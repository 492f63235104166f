import type { HostApi } from '@shared/contract';
import { createSocketHost, type HostConnection } from './socket-host';

export { HostError } from './host-error';
export type { ConnectionState, HostConnection } from './socket-host';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    api?: HostApi;
  }
}

/** The Electron host, or a fake one in tests: in the same process as the window, never lost. */
const ALWAYS_OPEN: HostConnection = { state: 'open', onChange: () => () => undefined };

/**
 * The address bar without the token: once the socket has opened, the cookie set with the page
 * authorises everything (a reload included), and the token no longer shows in the URL, the
 * history or a screenshot.
 */
function forgetTokenInAddress(): void {
  const address = new URL(location.href);
  if (!address.searchParams.has('token')) return;
  address.searchParams.delete('token');
  history.replaceState(history.state, '', `${address.pathname}${address.search}${address.hash}`);
}

let current: { api: HostApi; connection: HostConnection } | undefined;

/** Replaces the host (tests give the stores a fake one); the real one is made on first use. */
export function setHost(api: HostApi): void {
  current = { api, connection: ALWAYS_OPEN };
}

function realHost(): { api: HostApi; connection: HostConnection } {
  current ??= window.api ? { api: window.api, connection: ALWAYS_OPEN } : createSocketHost(`ws://${location.host}/ipc`, forgetTokenInAddress);
  return current;
}

/** The one way the renderer reaches its host. */
export const host: HostApi = {
  invoke: (channel, payload) => realHost().api.invoke(channel, payload),
  on: (event, listener) => realHost().api.on(event, listener),
};

/** Whether the host can be reached now (the browser host's socket may be lost, and come back). */
export const hostConnection: HostConnection = {
  get state() {
    return realHost().connection.state;
  },
  onChange: (listener) => realHost().connection.onChange(listener),
};
