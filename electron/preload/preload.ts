/**
 * Exposes only `invoke` and `on` over the contract's declared channels (allow-lists built from it);
 * errors come back as data and are rebuilt as real Errors here.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type HostApi, type InvokeReply } from '../shared/contract';

const allowed = new Set<string>(INVOKE_CHANNELS);
const events = new Set<string>(EVENT_CHANNELS);

const api: HostApi = {
  async invoke(channel, payload) {
    if (!allowed.has(channel)) throw new Error(`Unknown channel: ${channel}`);
    const reply = (await ipcRenderer.invoke(channel, payload)) as InvokeReply<never>;
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.result;
  },
  on(event, listener) {
    if (!events.has(event)) throw new Error(`Unknown event: ${event}`);
    const forward = (_event: unknown, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => ipcRenderer.removeListener(event, forward);
  },
};

contextBridge.exposeInMainWorld('api', api);
