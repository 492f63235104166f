/**
 * The one window: locked down (context isolation, sandbox, no Node), at its last size and place,
 * shown once it has painted, on the theme's background colour.
 */
import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import type { Logger } from '../core/ports';
import { APP_INDEX_URL } from './app-protocol';
import { backgroundColour } from './theme';
import { fitToDisplays, MIN_HEIGHT, MIN_WIDTH, type WindowState } from './window-state';

export function createMainWindow(saved: WindowState | undefined, logger: Logger): BrowserWindow {
  const { bounds, maximized } = fitToDisplays(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...bounds,
    minWidth: Math.min(MIN_WIDTH, bounds.width),
    minHeight: Math.min(MIN_HEIGHT, bounds.height),
    show: false,
    backgroundColor: backgroundColour(),
    title: 'Cloud Disk Desk',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  window.loadURL(APP_INDEX_URL).catch((error: unknown) => logger.error('window failed to load', { error: String(error) }));
  return window;
}

/** Brings the window forward: restored if minimized, shown if hidden, focused. */
export function bringForward(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
