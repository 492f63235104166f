/**
 * Updates through electron-updater from the generic server that electron-builder's `publish`
 * setting names at build time (it writes `resources/app-update.yml`). Where no server is
 * configured, or in a development build, the updater says so and does nothing. A downloaded
 * update installs only when the app quits with no queue work left.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { autoUpdater, type AppUpdater } from 'electron-updater';
import type { Logger } from '../core/ports';

export type UpdateCheck =
  | { kind: 'not-configured' }
  | { kind: 'none'; version: string }
  | { kind: 'downloading'; version: string }
  | { kind: 'failed'; reason: string };

export interface UpdatesOptions {
  isPackaged: boolean;
  /** Electron's `process.resourcesPath`, where electron-builder puts `app-update.yml`. */
  resourcesPath: string;
  version: string;
  logger: Logger;
}

export interface Updates {
  check(): Promise<UpdateCheck>;
  /** Installs a downloaded update as the app quits, or not (queue work left, or none downloaded). */
  installOnQuit(allowed: boolean): void;
}

export function createUpdates(options: UpdatesOptions): Updates {
  const configured = options.isPackaged && existsSync(join(options.resourcesPath, 'app-update.yml'));
  let updater: AppUpdater | undefined;
  // electron-updater's autoUpdater is made on first use (it reads Electron's app then).
  const load = (): AppUpdater => {
    if (updater) return updater;
    autoUpdater.logger = {
      info: (m: unknown) => options.logger.info(`updater: ${String(m)}`),
      warn: (m: unknown) => options.logger.warn(`updater: ${String(m)}`),
      error: (m: unknown) => options.logger.error(`updater: ${String(m)}`),
      debug: () => {},
    };
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = false; // decided at quit time, see installOnQuit
    updater = autoUpdater;
    return autoUpdater;
  };
  return {
    async check() {
      if (!configured) {
        options.logger.info(
          options.isPackaged ? 'updates: no update server is configured for this build' : 'updates: off in a development build',
        );
        return { kind: 'not-configured' };
      }
      try {
        const result = await load().checkForUpdates();
        const version = result?.updateInfo.version ?? options.version;
        return result?.isUpdateAvailable ? { kind: 'downloading', version } : { kind: 'none', version: options.version };
      } catch (error) {
        options.logger.warn('updates: check failed', { error: String(error) });
        return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
      }
    },
    installOnQuit(allowed) {
      if (updater) updater.autoInstallOnAppQuit = allowed;
    },
  };
}
