/**
 * The page survives its host, in Chromium: the browser host stops mid-session (a call is
 * waiting for its answer), the page says the host is gone and the call fails with the reason;
 * the host starts again on the same port with the same token, and the page recovers by itself:
 * the banner goes, what changed meanwhile is shown, events flow again, an action works. Also:
 * no token left in the address bar, a reload served by the cookie, no CSP error in the console.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browser-host';
import { startAppCore, type AppCore } from '../../electron/core/app-core';
import type { Handlers } from '../../electron/core/dispatch';
import { launchChromium } from './browser';
import { pagesOf } from './pages';

describe('the page survives its host', () => {
  let dataDir: string;
  let core: AppCore;
  let host: BrowserHost;
  let browser: Browser;
  const token = randomBytes(24).toString('base64url');
  /** While set, `settings:set` waits: a call the host is still working on when it stops. */
  let held: { entered: () => void; entered$: Promise<void> } | null = null;

  function hold(): Promise<void> {
    let entered = () => undefined as void;
    const entered$ = new Promise<void>((done) => (entered = done));
    held = { entered, entered$ };
    return entered$;
  }

  function handlers(): Handlers {
    return {
      ...core.handlers,
      'settings:set': async (patch) => {
        if (held) {
          held.entered();
          await new Promise(() => undefined); // never answered: the host stops first
        }
        return core.handlers['settings:set'](patch);
      },
    };
  }

  function startHost(port?: number): Promise<BrowserHost> {
    return startBrowserHost({ handlers: handlers(), subscribe: core.onEvent, rendererDir: resolve('dist/renderer'), token, port });
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-e2e-restart-'));
    core = await startAppCore({ dataDir, sandbox: { speed: 0 } });
    host = await startHost();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await core?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says the host is gone, fails the waiting call, and recovers when it is back', async () => {
    const page = await browser.newPage();
    const cspErrors: string[] = [];
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    const { app: shell, volumes } = pagesOf(page);
    await shell.goto(host.url);
    const isDark = () => shell.isDark();
    const { rows } = volumes;
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(10);
    // The token leaves the address bar once the socket is open; a reload is authorised by the cookie.
    await expect.poll(() => page.url(), { timeout: 5_000 }).toBe(`${host.origin}/`);
    await page.reload();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(10);
    expect(page.url()).not.toContain(token);

    // A call under way when the host goes: the theme change waits for an answer that never comes.
    const entered = hold();
    const themeBefore = await isDark();
    await page.getByTestId('theme-toggle').click();
    await entered;
    const port = host.port;
    await host.stop();

    const banner = page.getByRole('alert').filter({ hasText: 'The app host is gone' });
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(1);
    // The waiting call failed with its reason, and the theme went back.
    await expect
      .poll(() => page.locator('.el-message--error').innerText(), { timeout: 10_000 })
      .toContain('The window lost its connection to the app');
    expect(await isDark()).toBe(themeBefore);
    await page.screenshot({ path: 'test-results/host-gone.png' });

    // Meanwhile the account is renamed in the core: the page must read it again once back.
    const [local] = await core.handlers['accounts:list']({} as never);
    expect(local).toBeDefined();
    await core.handlers['accounts:update']({ accountId: local!.id, name: 'Renamed while away' } as never);
    held = null;
    host = await startHost(port);

    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.locator('li.account').first().innerText(), { timeout: 10_000 }).toContain('Renamed while away');
    expect(await rows.count()).toBeGreaterThan(10);
    // Events flow again on the new socket.
    await core.handlers['accounts:update']({ accountId: local!.id, name: 'Renamed after' } as never);
    await expect.poll(() => page.locator('li.account').first().innerText(), { timeout: 10_000 }).toContain('Renamed after');
    // An action works: the theme changes, and the core keeps it.
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => isDark(), { timeout: 10_000 }).toBe(!themeBefore);
    await expect
      .poll(async () => (await core.handlers['settings:get']({} as never)).theme, { timeout: 10_000 })
      .toBe(themeBefore ? 'light' : 'dark');
    await page.screenshot({ path: 'test-results/host-back.png' });

    expect(cspErrors).toEqual([]);
    await page.close();
  });
});
