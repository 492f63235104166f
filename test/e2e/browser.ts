import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browser-host';
import { createVolumeClient, type VolumeClient } from '../../electron/core/api';
import { startAppCore, type AppCore, type AppCoreOptions } from '../../electron/core/app-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The whole app as a browser sees it: a fresh data folder, the core with its Local sandbox, the browser host, Chromium. */
export interface AppInBrowser {
  dataDir: string;
  core: AppCore;
  host: BrowserHost;
  browser: Browser;
  close(): Promise<void>;
}

export interface AppInBrowserOptions extends Pick<AppCoreOptions, 'refreshIntervalMs' | 'sandbox'> {
  /** Writes into the fresh data folder before the core opens it (a damaged file, say). */
  prepare?: (dataDir: string) => Promise<void>;
}

export async function startAppInBrowser({ prepare, ...options }: AppInBrowserOptions = {}): Promise<AppInBrowser> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cdd-e2e-'));
  await prepare?.(dataDir);
  const core = await startAppCore({ dataDir, ...options });
  const host = await startBrowserHost({ handlers: core.handlers, subscribe: core.onEvent, rendererDir: resolve('dist/renderer') });
  const browser = await launchChromium();
  return {
    dataDir,
    core,
    host,
    browser,
    async close() {
      await browser.close();
      await host.stop();
      await core.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An API client on the app's Local sandbox with its admin session: changes made elsewhere, behind the window's back. */
export function sandboxAdmin(app: AppInBrowser): VolumeClient {
  const { sandbox } = app.core;
  return createVolumeClient({
    endpoint: sandbox.endpoint,
    credentials: {
      accessToken: sandbox.accessToken,
      sessionToken: sandbox.adminSession.sessionToken,
      sessionSecret: sandbox.adminSession.sessionSecret,
    },
  });
}
