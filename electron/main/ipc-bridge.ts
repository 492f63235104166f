/**
 * The contract's channels on ipcMain. A request is answered only when it comes from the app's
 * window AND from that window's top frame showing the app's own page: an iframe or another
 * webContents (a devtools extension, a stray window) gets a refusal, never the core.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { dispatch, type Handlers } from '../core/dispatch';
import type { Logger } from '../core/ports';
import { INVOKE_CHANNELS, type InvokeReply } from '../shared/contract';
import { isAppUrl } from './app-protocol';

const FORBIDDEN: InvokeReply<never> = {
  ok: false,
  error: { code: 'ipc.forbidden-sender', params: {}, detail: 'Request from an unknown frame' },
};

/** Whether an invoke comes from the app's window's top frame on the app's own URL. */
export function isAppFrame(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, appContents: WebContents | undefined): boolean {
  const frame = event.senderFrame;
  if (!appContents || event.sender !== appContents || !frame) return false;
  return frame === appContents.mainFrame && frame.parent === null && isAppUrl(frame.url);
}

export function registerIpc(handlers: () => Handlers | undefined, appContents: () => WebContents | undefined, logger: Logger): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      const core = handlers();
      if (!core || !isAppFrame(event, appContents())) {
        logger.warn('refused an IPC request', { channel });
        return FORBIDDEN;
      }
      return dispatch(core, channel, payload);
    });
  }
}
