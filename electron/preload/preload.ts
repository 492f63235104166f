/**
 * Exposes only `invoke` and `on` over the contract's declared channels; errors come back as data
 * and are rebuilt here as real Errors with their code. The allow-lists are the contract's channel
 * names, written in at build time (build/build-electron.mjs), so the preload carries no schema code.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { EventChannel, HostApi, InvokeChannel, InvokeReply } from '../shared/contract';

declare const __INVOKE_CHANNELS__: InvokeChannel[];
declare const __EVENT_CHANNELS__: EventChannel[];

const allowed = new Set<string>(__INVOKE_CHANNELS__);
const events = new Set<string>(__EVENT_CHANNELS__);

const api: HostApi = {
  async invoke(channel, payload) {
    if (!allowed.has(channel)) throw new Error(`Unknown channel: ${String(channel).slice(0, 60)}`);
    const reply = (await ipcRenderer.invoke(channel, payload)) as InvokeReply<never>;
    if (!reply.ok) throw Object.assign(new Error(reply.error.detail ?? reply.error.code), reply.error);
    return reply.result;
  },
  on(event, listener) {
    if (!events.has(event)) throw new Error(`Unknown event: ${String(event).slice(0, 60)}`);
    const forward = (_event: unknown, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => ipcRenderer.removeListener(event, forward);
  },
};

contextBridge.exposeInMainWorld('api', api);
