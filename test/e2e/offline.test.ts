import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browser-host';
import { startAppCore, type AppCore } from '../../electron/core/app-core';
import { launchChromium } from './browser';

describe('offline: the cloud stops answering', () => {
  let dataDir: string;
  let core: AppCore;
  let host: BrowserHost;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-offline-'));
    core = await startAppCore({ dataDir });
    host = await startBrowserHost({ handlers: core.handlers, rendererDir: resolve('dist/renderer') });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps showing the last known volumes, marked with their age', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    const rows = page.locator('.el-table__body tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(10);
    const firstName = await rows.first().locator('td').first().innerText();
    await expect.poll(() => page.locator('.el-loading-mask:visible').count(), { timeout: 15_000 }).toBe(0);

    await core.stop(); // the Local sandbox goes away: connections are refused from now on
    await page.getByRole('button', { name: 'Refresh volumes' }).click();

    const banner = page.locator('.offline');
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(1);
    expect(await banner.innerText()).toMatch(/Offline: showing the volumes as of \d{1,2}:\d{2}/);
    expect(await banner.innerText()).toMatch(/refused|ECONNREFUSED/i);
    expect(await rows.count()).toBeGreaterThan(10);
    expect(await rows.first().locator('td').first().innerText()).toBe(firstName);
    await expect.poll(() => page.locator('.el-loading-mask:visible').count(), { timeout: 15_000 }).toBe(0);
    await page.screenshot({ path: 'test-results/offline.png' });
    await page.close();
  });
});
