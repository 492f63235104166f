/**
 * Exposes only `invoke` and `on` over the contract's declared channels. Replies go to the page as
 * data, refusals included (contextBridge would strip a thrown Error of its code); the window turns
 * them into errors. The allow-lists are the contract's channel names, written in at build time
 * (build/build-electron.mjs), so the preload carries no schema code.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { EventChannel, InvokeChannel, InvokeReply, PreloadApi } from '../shared/contract';

declare const __INVOKE_CHANNELS__: InvokeChannel[];
declare const __EVENT_CHANNELS__: EventChannel[];

const allowed = new Set<string>(__INVOKE_CHANNELS__);
const events = new Set<string>(__EVENT_CHANNELS__);

const api: PreloadApi = {
  async invoke(channel, payload) {
    if (!allowed.has(channel))
      return { ok: false, error: { code: 'ipc.unknown-channel', params: {}, detail: String(channel).slice(0, 60) } };
    return (await ipcRenderer.invoke(channel, payload)) as InvokeReply<never>;
  },
  on(event, listener) {
    if (!events.has(event)) throw new Error(`Unknown event: ${String(event).slice(0, 60)}`);
    const forward = (_event: unknown, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => ipcRenderer.removeListener(event, forward);
  },
};

contextBridge.exposeInMainWorld('api', api);
