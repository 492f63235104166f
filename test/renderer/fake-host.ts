/**
 * A host for store tests: answers each channel with a function the test gives, records every
 * call, and lets the test push events as the core would.
 */
import type { EventChannel, EventPayloads, HostApi, InvokeChannel, InvokePayload, InvokeResults } from '../../electron/shared/contract';
import { HostError } from '../../renderer/src/ipc/host';

export type FakeHandlers = { [C in InvokeChannel]?: (payload: InvokePayload<C>) => InvokeResults[C] | Promise<InvokeResults[C]> };

export interface FakeHost extends HostApi {
  calls: { channel: InvokeChannel; payload: unknown }[];
  emit<E extends EventChannel>(event: E, payload: EventPayloads[E]): void;
  handlers: FakeHandlers;
}

export function fakeHost(handlers: FakeHandlers = {}): FakeHost {
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  const calls: FakeHost['calls'] = [];
  return {
    calls,
    handlers,
    async invoke<C extends InvokeChannel>(channel: C, payload: InvokePayload<C>): Promise<InvokeResults[C]> {
      calls.push({ channel, payload });
      const handler = handlers[channel] as ((p: InvokePayload<C>) => InvokeResults[C] | Promise<InvokeResults[C]>) | undefined;
      if (!handler) throw new HostError('ipc.unknown-channel', {}, `No fake for ${channel}`);
      return handler(payload);
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit<E extends EventChannel>(event: E, payload: EventPayloads[E]): void {
      for (const listener of listeners.get(event) ?? []) (listener as (p: EventPayloads[E]) => void)(payload);
    },
  };
}
