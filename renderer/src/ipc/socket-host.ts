/**
 * The browser host's transport: the contract over a WebSocket to the page's own origin, which
 * outlives its socket. When the socket closes, calls waiting for an answer are rejected
 * (`ipc.disconnected`), the connection says it is lost, and it opens again with a growing pause;
 * event listeners stay registered, so events resume on the new socket (the host sends every event
 * to every socket), and whoever shows data reads it again on `'open'` after a loss.
 */
import type { EventChannel, EventPayloads, HostApi, InvokeChannel, InvokePayload, InvokeReply, InvokeResults } from '@shared/contract';
import { HostError } from './host-error';

export type ConnectionState = 'connecting' | 'open' | 'lost';

export interface HostConnection {
  readonly state: ConnectionState;
  /** Called on each change; `recovered` is true on an `'open'` that follows a loss. Returns the function that stops it. */
  onChange(listener: (state: ConnectionState, recovered: boolean) => void): () => void;
}

/** Pauses before each new attempt, in ms; the last one repeats. */
const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 5000];

interface Pending {
  resolve(reply: InvokeReply<unknown>): void;
  reject(error: HostError): void;
}

function disconnected(): HostError {
  return new HostError('ipc.disconnected', {}, 'The app host went away before it answered');
}

export function createSocketHost(url: string, onFirstOpen: () => void = () => undefined): { api: HostApi; connection: HostConnection } {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const watchers = new Set<(state: ConnectionState, recovered: boolean) => void>();
  let state: ConnectionState = 'connecting';
  let wasLost = false;
  let everOpened = false;
  let failures = 0;
  let socket: WebSocket;
  /** Settles when the current attempt opens (true) or fails (false). */
  let attempt: Promise<boolean>;

  function setState(next: ConnectionState): void {
    const recovered = next === 'open' && wasLost;
    if (next === 'lost') wasLost = true;
    if (next === 'open') wasLost = false;
    state = next;
    watchers.forEach((watcher) => watcher(next, recovered));
  }

  function onMessage(message: MessageEvent): void {
    let data: { id?: number; reply?: InvokeReply<unknown>; event?: string; payload?: never };
    try {
      data = JSON.parse(String(message.data)) as typeof data;
    } catch {
      return;
    }
    if (typeof data.event === 'string') {
      listeners.get(data.event)?.forEach((listener) => listener(data.payload as never));
      return;
    }
    if (typeof data.id !== 'number' || !data.reply) return;
    pending.get(data.id)?.resolve(data.reply);
    pending.delete(data.id);
  }

  function connect(): void {
    setState('connecting');
    socket = new WebSocket(url);
    attempt = new Promise<boolean>((settle) => {
      socket.addEventListener('open', () => {
        failures = 0;
        setState('open');
        if (!everOpened) onFirstOpen();
        everOpened = true;
        settle(true);
      });
      // A browser always follows an 'error' with a 'close'.
      socket.addEventListener('close', () => {
        settle(false);
        for (const call of pending.values()) call.reject(disconnected());
        pending.clear();
        setState('lost');
        setTimeout(connect, BACKOFF_MS[Math.min(failures++, BACKOFF_MS.length - 1)]);
      });
    });
    socket.addEventListener('message', onMessage);
  }

  connect();

  const api: HostApi = {
    async invoke<C extends InvokeChannel>(channel: C, payload: InvokePayload<C>): Promise<InvokeResults[C]> {
      // Waits for an attempt under way; while the host is known to be gone, fails at once.
      if (state === 'lost' || (state === 'connecting' && !(await attempt))) throw disconnected();
      const id = nextId++;
      const reply = await new Promise<InvokeReply<unknown>>((resolve, reject) => {
        if (state !== 'open') return reject(disconnected()); // closed while this call waited for its turn
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, channel, payload }));
      });
      if (!reply.ok) throw new HostError(reply.error.code, reply.error.params, reply.error.detail);
      return reply.result as InvokeResults[C];
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      const forEvent = listeners.get(event) ?? new Set();
      listeners.set(event, forEvent);
      forEvent.add(listener);
      return () => forEvent.delete(listener);
    },
  };
  const connection: HostConnection = {
    get state() {
      return state;
    },
    onChange(watcher) {
      watchers.add(watcher);
      return () => watchers.delete(watcher);
    },
  };
  return { api, connection };
}
