/**
 * Every webContents (the window's, and any other that appears) may show only the app's own
 * documents: navigations, frame navigations and redirects elsewhere are cancelled, webviews are
 * refused, new windows are refused (http(s) links open in the user's browser instead).
 */
import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/ports';
import { isAppUrl } from './app-protocol';

/** Whether a link may go to the user's browser: an http(s) URL with a host and no credentials. */
export function isExternalLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
      parsed.hostname !== '' &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}

/** Opens a link in the user's browser when it passes {@link isExternalLink}; does nothing otherwise. */
export function openExternalSafely(url: string, logger: Logger): void {
  if (!isExternalLink(url)) {
    logger.warn('refused to open a link', { scheme: url.split(':', 1)[0]?.slice(0, 20) });
    return;
  }
  shell.openExternal(url).catch((error: unknown) => logger.warn('could not open a link', { error: String(error) }));
}

type Preventable = { preventDefault(): void; url?: string };

export function guardWebContents(contents: WebContents, logger: Logger): void {
  const guard = (kind: string) => (event: Preventable, url?: string) => {
    const target = event.url ?? url ?? '';
    if (isAppUrl(target)) return;
    event.preventDefault();
    logger.warn('blocked a navigation', { kind, scheme: target.split(':', 1)[0]?.slice(0, 20) });
  };
  contents.on('will-navigate', guard('navigate'));
  contents.on('will-frame-navigate', guard('frame-navigate'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, logger);
    return { action: 'deny' };
  });
}

/** Applies the guard to every webContents the app ever creates, and denies every permission. */
export function installNavigationGuard(session: Session, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, logger));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
