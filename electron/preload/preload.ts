/**
 * Exposes only `invoke` over the contract's declared channels (an allow-list built from it);
 * errors come back as data and are rebuilt as real Errors here.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { INVOKE_CHANNELS, type HostApi, type InvokeReply } from '../shared/contract';

const allowed = new Set<string>(INVOKE_CHANNELS);

const api: HostApi = {
  async invoke(channel, payload) {
    if (!allowed.has(channel)) throw new Error(`Unknown channel: ${channel}`);
    const reply = (await ipcRenderer.invoke(channel, payload)) as InvokeReply<never>;
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.result;
  },
};

contextBridge.exposeInMainWorld('api', api);
