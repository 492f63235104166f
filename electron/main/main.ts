/**
 * The Electron host, wiring only: each concern lives in its own module beside this one. Order
 * matters at the top: the app:// scheme, the crash reporter and the single-instance lock are set
 * before the app is ready; the core starts once it is.
 */
import { app, BrowserWindow, crashReporter, dialog, net, session, shell, type MessageBoxOptions } from 'electron';
import { join } from 'node:path';
import manifest from '../../package.json' with { type: 'json' };
import { startAppCore, type AppCore } from '../core/app-core';
import type { Handlers } from '../core/dispatch';
import { DEFAULT_SETTINGS, type AppCommand, type AppNotification, type EventPayloads, type Settings } from '../shared/contract';
import { installMenu } from './app-menu';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { registerIpc } from './ipc-bridge';
import { createFileLogger } from './logging';
import { bringForward, createMainWindow } from './main-window';
import { installNavigationGuard, openExternalSafely } from './navigation-guard';
import { NotificationCenter } from './notifications';
import { installQuitGuard } from './quit-guard';
import { claimSingleInstance } from './single-instance';
import { failStart } from './start-failure';
import { showQueueProgress } from './taskbar-progress';
import { languageOf, text } from './texts';
import { applyTheme } from './theme';
import { createUpdates, type UpdateCheck } from './updates';
import { loadWindowState, trackWindowState } from './window-state';

/** electron-builder's appId: Windows groups the app's windows and notifications under it. */
const APP_ID = 'io.github.cloud-disk-desk';
const homepage = (manifest as { homepage?: string }).homepage;

registerAppScheme();
crashReporter.start({ uploadToServer: false }); // dumps stay in app.getPath('crashDumps')
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

const logger = createFileLogger(app.getPath('logs'), { console: !app.isPackaged });
// CLOUD_DISK_DESK_DATA_DIR gives a run its own data folder (the end-to-end test uses it).
const dataDir = process.env.CLOUD_DISK_DESK_DATA_DIR ?? app.getPath('userData');
const updates = createUpdates({
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath ?? '',
  version: app.getVersion(),
  logger,
});

let core: AppCore | undefined;
let handlers: Handlers | undefined;
let settings: Settings = DEFAULT_SETTINGS;
let mainWindow: BrowserWindow | undefined;
let windowState: { flush(): Promise<void> } | undefined;
const language = () => languageOf(settings.language, app.getLocale());

const notifications = new NotificationCenter((target) => sendToPage('app:navigate', target));

const quitGuard = installQuitGuard({
  // Before the core runs (a second instance quitting at once) there is no work to ask about.
  activity: () => core?.queueActivity() ?? { pending: 0, running: 0, batchDone: 0, batchTotal: 0, failed: 0 },
  onQueueChange: (listener) => core?.onEvent((event) => event === 'queue:changed' && listener()) ?? (() => {}),
  window: () => mainWindow,
  language,
  async shutdown(idle) {
    updates.installOnQuit(idle);
    await windowState?.flush();
    await core?.stop();
    logger.info('stopped');
  },
  logger,
});

async function openWindow(): Promise<BrowserWindow> {
  const window = createMainWindow(await loadWindowState(dataDir, logger, core?.notices), logger);
  mainWindow = window;
  windowState = trackWindowState(window, dataDir, logger);
  window.on('close', (event) => {
    // Elsewhere than macOS closing the window quits the app, so it goes through the quit prompt first.
    if (process.platform !== 'darwin' && !quitGuard.quitting()) {
      event.preventDefault();
      app.quit();
    }
  });
  window.on('session-end', () => quitGuard.sessionEnd());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  return window;
}

/** The window brought forward; opened when there is none (macOS keeps running without one). */
function showWindow(): void {
  if (mainWindow) bringForward(mainWindow);
  else if (core) void openWindow();
}

/** Sends to the page, brought forward; a window opened for it gets it once its page has loaded. */
function sendToPage<E extends 'app:command' | 'app:navigate'>(channel: E, payload: EventPayloads[E]): void {
  if (mainWindow) {
    bringForward(mainWindow);
    mainWindow.webContents.send(channel, payload);
  } else if (core) {
    void openWindow().then((window) => window.webContents.once('did-finish-load', () => window.webContents.send(channel, payload)));
  }
}

const sendCommand = (command: AppCommand) => sendToPage('app:command', { command });

/**
 * A notification for the user who is looking at the window is a toast in it (which the window
 * leaves out when an open dialog already showed the refusal); the OS's own is for one who is not.
 */
function tellUser(notification: AppNotification): void {
  if (mainWindow && mainWindow.isFocused() && !mainWindow.isMinimized()) mainWindow.webContents.send('notification', notification);
  else notifications.show(notification);
}

function message(options: MessageBoxOptions): void {
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

async function checkForUpdates(interactive: boolean): Promise<void> {
  const result: UpdateCheck = await updates.check();
  if (!interactive) return;
  const detail =
    result.kind === 'not-configured'
      ? text(language(), 'updates.notConfigured')
      : result.kind === 'none'
        ? text(language(), 'updates.none', { version: result.version })
        : result.kind === 'downloading'
          ? text(language(), 'updates.downloading', { version: result.version })
          : text(language(), 'updates.failed', { reason: result.reason });
  message({
    type: result.kind === 'failed' ? 'warning' : 'info',
    title: text(language(), 'updates.title'),
    message: text(language(), 'updates.title'),
    detail,
    buttons: [text(language(), 'ok')],
  });
}

function rebuildMenu(): void {
  installMenu({
    platform: process.platform,
    isPackaged: app.isPackaged,
    language: language(),
    actions: {
      command: sendCommand,
      openDataFolder: () => void shell.openPath(dataDir),
      openLogsFolder: () => void shell.openPath(app.getPath('logs')),
      checkForUpdates: () => void checkForUpdates(true),
      about: () =>
        message({
          type: 'info',
          title: text(language(), 'menu.about'),
          message: 'Cloud Disk Desk',
          detail: `${text(language(), 'about.detail', { version: app.getVersion() })}${homepage ? `\n${homepage}` : ''}`,
          buttons: [text(language(), 'ok')],
        }),
      ...(homepage ? { homepage: () => openExternalSafely(homepage, logger) } : {}),
    },
  });
}

/** The settings as the shell follows them: theme of the native parts, menu language. */
function followSettings(next: Settings): void {
  const languageChanged = next.language !== settings.language;
  settings = next;
  applyTheme(next.theme);
  if (languageChanged) rebuildMenu();
}

async function start(): Promise<void> {
  logger.info('starting', { version: app.getVersion(), packaged: app.isPackaged, platform: process.platform });
  installNavigationGuard(session.defaultSession, logger);
  handleAppProtocol(join(__dirname, '../renderer'));
  try {
    // Chromium's network stack: the OS proxy settings (PAC included) and the system certificate store.
    core = await startAppCore({
      dataDir,
      logger,
      fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
      notify: tellUser,
    });
  } catch (error) {
    await failStart(error, dataDir, language(), logger);
    return;
  }
  const started = core;
  // The shell follows settings changes made from the window.
  handlers = {
    ...started.handlers,
    'settings:set': async (patch) => {
      const next = await started.handlers['settings:set'](patch);
      followSettings(next);
      return next;
    },
  };
  settings = await started.handlers['settings:get']({} as never);
  applyTheme(settings.theme);
  rebuildMenu();
  registerIpc(
    () => handlers,
    () => mainWindow?.webContents,
    logger,
  );
  started.onEvent((event, payload) => {
    mainWindow?.webContents.send(event, payload);
    if (event === 'queue:changed') showQueueProgress(mainWindow, started.queueActivity());
  });
  await openWindow();
  showQueueProgress(mainWindow, started.queueActivity());
  logger.info('started', { dataDir });
  if (settings.checkForUpdates) void checkForUpdates(false);
}

if (claimSingleInstance(() => showWindow())) {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && !mainWindow) void openWindow();
  });
  // Whatever fails after the core started (the window, the menu) ends the same way as a failed start.
  void app
    .whenReady()
    .then(start)
    .catch((error: unknown) => failStart(error, dataDir, language(), logger));
}
