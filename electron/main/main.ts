/**
 * The Electron host: thin. It starts the Electron-free core, registers the contract's channels on
 * ipcMain (checking the sender), opens one locked-down window on the built renderer, and shows
 * the core's notifications as the OS's own.
 */
import { app, BrowserWindow, ipcMain, Notification } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startAppCore, type AppCore } from '../core/app-core';
import { dispatch } from '../core/dispatch';
import { INVOKE_CHANNELS, type AppNotification } from '../shared/contract';
import { lockDown } from './window-security';

let core: AppCore | undefined;
let mainWindow: BrowserWindow | undefined;

async function createWindow(): Promise<void> {
  const indexFile = join(__dirname, '../renderer/index.html');
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Cloud Disk Desk',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  lockDown(mainWindow, mainWindow.webContents.session, new URL(pathToFileURL(indexFile).href).origin);
  await mainWindow.loadFile(indexFile);
}

/** An OS notification; a click brings the window forward on the batch or account it is about. */
function showNotification(notification: AppNotification): void {
  if (!Notification.isSupported()) return;
  const shown = new Notification({ title: notification.title, body: notification.body });
  shown.on('click', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    mainWindow.webContents.send('app:navigate', notification.target);
  });
  shown.show();
}

app.whenReady().then(async () => {
  // CLOUD_DISK_DESK_DATA_DIR gives a run its own data folder (the end-to-end test uses it).
  core = await startAppCore({ dataDir: process.env.CLOUD_DISK_DESK_DATA_DIR ?? app.getPath('userData'), notify: showNotification });
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!mainWindow || event.sender !== mainWindow.webContents) {
        return { ok: false, error: { code: 'ipc.forbidden-sender', message: 'Request from an unknown frame' } };
      }
      return dispatch(core!.handlers, channel, payload);
    });
  }
  core.onEvent((event, payload) => mainWindow?.webContents.send(event, payload));
  await createWindow();
});

app.on('window-all-closed', () => {
  void core?.stop().finally(() => app.quit());
});
