import type { HostApi, PreloadApi } from '@shared/contract';
import { HostError } from './host-error';
import { createSocketHost, type HostConnection } from './socket-host';

export { HostError } from './host-error';
export type { ConnectionState, HostConnection } from './socket-host';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    api?: PreloadApi;
  }
}

/** The Electron preload's API as the window uses it: a refusal becomes a HostError with its code. */
export function fromPreload(preload: PreloadApi): HostApi {
  return {
    async invoke(channel, payload) {
      const reply = await preload.invoke(channel, payload);
      if (!reply.ok) throw new HostError(reply.error.code, reply.error.params, reply.error.detail);
      return reply.result;
    },
    on: (event, listener) => preload.on(event, listener),
  };
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
  current ??= window.api
    ? { api: fromPreload(window.api), connection: ALWAYS_OPEN }
    : createSocketHost(`ws://${location.host}/ipc`, forgetTokenInAddress);
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
