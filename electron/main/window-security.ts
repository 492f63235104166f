import { shell, type BrowserWindow, type Session } from 'electron';

/** Opens only http(s) links, in the user's browser, after checking the URL parses. */
function openExternalSafely(url: string): void {
  try {
    const { protocol } = new URL(url);
    if (protocol === 'https:' || protocol === 'http:') void shell.openExternal(url);
  } catch {
    // Not a URL: nothing to open.
  }
}

/** The security baseline of ARCHITECTURE.md that is not a BrowserWindow option. */
export function lockDown(window: BrowserWindow, session: Session, appOrigin: string): void {
  window.webContents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== appOrigin) event.preventDefault();
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
