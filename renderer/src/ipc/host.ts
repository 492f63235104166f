import type { EventChannel, EventPayloads, HostApi, InvokeChannel, InvokePayload, InvokeReply, InvokeResults } from '../../../electron/shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    api?: HostApi;
  }
}

/** An error that crossed the boundary, rebuilt with its code. */
export class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/** The browser host's transport: the same contract over a WebSocket to the page's own origin. */
function socketHost(): HostApi {
  let nextId = 1;
  const pending = new Map<number, (reply: InvokeReply<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const socket = new WebSocket(`ws://${location.host}/ipc`);
  const open = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new HostError('ipc.disconnected', 'Cannot reach the app host')));
  });
  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as { id: number; reply: InvokeReply<unknown> } | { event: string; payload: never };
    if ('event' in data) {
      listeners.get(data.event)?.forEach((listener) => listener(data.payload));
      return;
    }
    pending.get(data.id)?.(data.reply);
    pending.delete(data.id);
  });
  return {
    async invoke<C extends InvokeChannel>(channel: C, payload: InvokePayload<C>): Promise<InvokeResults[C]> {
      await open;
      const id = nextId++;
      const reply = await new Promise<InvokeReply<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, payload }));
      });
      if (!reply.ok) throw new HostError(reply.error.code, reply.error.message);
      return reply.result as InvokeResults[C];
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      const forEvent = listeners.get(event) ?? new Set();
      listeners.set(event, forEvent);
      forEvent.add(listener);
      return () => forEvent.delete(listener);
    },
  };
}

let current: HostApi | undefined;

/** Replaces the host (tests give the stores a fake one); the real one is made on first use. */
export function setHost(api: HostApi): void {
  current = api;
}

function realHost(): HostApi {
  current ??= window.api ?? socketHost();
  return current;
}

/** The one way the renderer reaches its host. */
export const host: HostApi = {
  invoke: (channel, payload) => realHost().invoke(channel, payload),
  on: (event, listener) => realHost().on(event, listener),
};
