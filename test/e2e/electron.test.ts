/**
 * The desktop shell itself, through Playwright's Electron driver: it launches, its window keeps
 * the security baseline, and one request makes the round trip through preload and ipcMain.
 * Runs wherever an Electron binary is installed; says why it is skipped where none is.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../build/electron-binary.mjs';
import type { PreloadApi } from '../../electron/shared/contract';

/** The page's globals these checks read (the test itself is compiled without the DOM library). */
type PageGlobals = { api?: PreloadApi; open(url: string): unknown };

const binary = findElectronBinary();
if (!binary)
  console.log(
    'SKIPPED "the Electron shell": no Electron binary is installed here (its download from github.com is not reachable); `npm install` where it is, then `npm test` runs it',
  );

describe.skipIf(!binary)('the Electron shell', () => {
  it('opens a locked-down window whose renderer reaches the core only through the contract', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cdd-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, CLOUD_DISK_DESK_DATA_DIR: dataDir } });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      // Served from the app's own privileged scheme, not file://.
      expect(page.url()).toBe('app://cloud-disk-desk/index.html');
      // What the page can reach: no Node, only the preload's two functions, no new windows.
      const reach = await page.evaluate(() => {
        const page = globalThis as unknown as PageGlobals & { require?: unknown; process?: unknown };
        return {
          require: typeof page.require,
          process: typeof page.process,
          api: Object.keys(page.api ?? {}).sort(),
          popup: page.open('https://example.com') === null,
        };
      });
      expect(reach).toEqual({ require: 'undefined', process: 'undefined', api: ['invoke', 'on'], popup: true });
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
      const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).api!.invoke('app:info', {}));
      expect(info.ok && info.result.version).toMatch(/^\d+\.\d+\.\d+/);
      // Refusals cross as data, so the window keeps their code (contextBridge drops an Error's own properties).
      const refused = await page.evaluate(() =>
        (globalThis as unknown as PageGlobals)
          .api!.invoke('secrets:dump' as never, {} as never)
          .then((reply) => (reply.ok ? 'answered' : reply.error.code)),
      );
      expect(refused).toBe('ipc.unknown-channel');
      await page.screenshot({ path: 'test-results/screens/electron-window.png' });
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
