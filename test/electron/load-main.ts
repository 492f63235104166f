/**
 * Loads a BUILT main bundle (default `dist/electron/main.cjs`) or preload in this Node process
 * with `require('electron')` answered by the stand-in (./stand-in/electron.ts). Each load gets a
 * fresh copy of the bundle and of electron-log; native modules (keytar) stay loaded.
 *
 *   const main = loadMain({ paths: tempPaths(root) });   // the bundle has run its top level
 *   await main.start();                                    // fires `ready`, waits for the window (or the end)
 *   main.window.paint();                                   // ready-to-show
 *   await main.quit();                                     // app.quit(), waits for the graceful end
 *
 * The packaging test uses it on the bundle extracted from app.asar: pass `main` as that path.
 */
import Module, { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createStandIn, type FakeBrowserWindowInstance, type StandIn, type StandInOptions } from './stand-in/electron';

export const BUILT_MAIN = resolve('dist/electron/main.cjs');
export const BUILT_PRELOAD = resolve('dist/electron/preload.cjs');

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Load };
let current: StandIn | undefined;
let hooked = false;

/** Answers `require('electron')` with the stand-in of the latest load. */
function hookElectron(): void {
  if (hooked) return;
  hooked = true;
  const original = moduleInternals._load;
  moduleInternals._load = function (request, parent, isMain) {
    if (request === 'electron' && current) return current.module;
    return original.call(this, request, parent, isMain);
  };
}

/** Forgets the bundle and the pure-JS libraries whose module-level state must not leak between loads. */
function forgetCached(require: NodeJS.Require, bundle: string): void {
  for (const path of Object.keys(require.cache)) {
    if (path === bundle || /[\\/]node_modules[\\/](electron-log|electron-updater)[\\/]/.test(path)) delete require.cache[path];
  }
}

/** Runs a built bundle under a new stand-in; returns the stand-in. */
export function requireWithStandIn(bundle: string, options: StandInOptions): StandIn {
  hookElectron();
  const standIn = createStandIn(options);
  const require = createRequire(bundle);
  forgetCached(require, bundle);
  // Stays the answer after the load too: libraries require('electron') lazily (electron-updater).
  current = standIn;
  require(bundle);
  return standIn;
}

/** The folders app.getPath answers, all under one temp root. */
export function tempPaths(root: string): Record<string, string> {
  return {
    userData: join(root, 'data'),
    logs: join(root, 'logs'),
    crashDumps: join(root, 'crashes'),
    temp: join(root, 'tmp'),
    appData: root,
    home: root,
  };
}

/** Waits (a bounded number of short pauses) until `check` holds; fails naming `what`. */
export async function until(check: () => boolean, what: string, attempts = 1500): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (check()) return;
    await new Promise((done) => setTimeout(done, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface LoadedMain {
  electron: StandIn;
  /** Fires `ready` and waits until the main window exists or the app ended (a failed start). */
  start(): Promise<void>;
  /** The (latest) main window. */
  readonly window: FakeBrowserWindowInstance;
  /** Asks the app to quit and waits until it has (answer the quit prompt through `answer`). */
  quit(): Promise<void>;
}

export interface LoadMainOptions extends StandInOptions {
  /** The built main bundle; default dist/electron/main.cjs. */
  main?: string;
}

export function loadMain(options: LoadMainOptions): LoadedMain {
  const electron = requireWithStandIn(options.main ?? BUILT_MAIN, options);
  const loaded: LoadedMain = {
    electron,
    async start() {
      electron.ready();
      await until(() => electron.windows.length > 0 || electron.ended() !== undefined, 'the window or the end of the app');
    },
    get window() {
      const window = electron.windows.at(-1);
      if (!window) throw new Error('no window was created');
      return window;
    },
    async quit() {
      (electron.module.app as { quit(): void }).quit();
      await electron.whenEnded();
    },
  };
  return loaded;
}
