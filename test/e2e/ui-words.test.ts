import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppInBrowser, type AppInBrowser } from './browser';
import { pagesOf } from './pages';

// Words and numbers as the window shows them, end to end: the real renderer build in Chromium,
// the browser host and the core with a Local sandbox of 1,200 volumes (enough for a thousands
// separator). A launch leaves the page console clean, and the page's icon is served.
const VOLUMES = 1200;

describe("the window's words and numbers, and a clean console", () => {
  let app: AppInBrowser;
  let page: Page;
  /** Every console error or warning and uncaught page error since the page opened. */
  const troubles: string[] = [];

  beforeAll(async () => {
    app = await startAppInBrowser({ sandbox: { speed: 0, seed: `scale:${VOLUMES}` } });
    page = await app.browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') troubles.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => troubles.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) troubles.push(`HTTP ${response.status()}: ${response.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  const status = (id: 'volumes' | 'accounts') => page.getByTestId(`status-${id}`).innerText();

  it('launches with nothing in the console, and its own icon as the page icon', async () => {
    const { app: shell } = pagesOf(page);
    await shell.goto(app.host.url);
    await shell.waitForRows();
    await expect.poll(() => status('volumes'), { timeout: 15_000 }).toBe('1,200 volumes');
    await page.waitForTimeout(500); // anything the first listing would log
    expect(troubles).toEqual([]);

    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toMatch(/icon.*\.svg$/);
    const icon = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
    }, href!);
    expect(icon.status).toBe(200);
    expect(icon.type).toContain('image/svg+xml');
    expect(icon.text).toContain('<svg');
  });

  it('says counts with their plural form and thousands separators, in English', async () => {
    const { app: shell, volumes, overview } = pagesOf(page);
    expect(await status('accounts')).toBe('1 account');
    expect(await volumes.count()).toBe('1,200 of 1,200 volumes');
    expect(await page.locator('li.account .badge').first().innerText()).toBe('1,200');
    // Buttons named by what they show (label in name), the count's noun added for screen readers.
    expect(await page.getByRole('button', { name: 'All accounts 1,200 volumes', exact: true }).getAttribute('data-testid')).toBe(
      'all-accounts',
    );

    // A tenant's number is its user id, told apart from a count.
    const tenant = page.locator('.tenants .item').first();
    expect(await tenant.locator('.user-id').innerText()).toMatch(/^#\d+$/);
    expect(await tenant.getAttribute('aria-description')).toMatch(/^User id \d+$/);

    await volumes.selectAll();
    expect(await volumes.selectedCount()).toBe('1,200 selected');
    await page.keyboard.press('Escape');

    await shell.switchView('overview');
    await overview.waitDrawn();
    expect(await overview.firstAccount.getByTestId('overview-count').innerText()).toBe('1,200');
    expect(await overview.firstAccount.getByTestId('overview-gb').innerText()).toMatch(/^\d{1,3}(,\d{3})+ GB$/);
    await page.mouse.move(0, 0);
    await shell.screenshot('overview-words-en');
  });

  it('and in Chinese', async () => {
    const { app: shell, overview } = pagesOf(page);
    await shell.setLanguage('zh-CN');
    await expect.poll(() => status('volumes')).toBe('1,200 个磁盘');
    expect(await status('accounts')).toBe('1 个账号');
    expect(await overview.firstAccount.getByTestId('overview-count').innerText()).toBe('1,200');
    expect(await overview.firstAccount.getByTestId('overview-gb').innerText()).toMatch(/^\d{1,3}(,\d{3})+ GB$/);
    await page.mouse.move(0, 0);
    await shell.screenshot('overview-words-zh-CN');
    await shell.switchView('volumes');
    await expect.poll(() => page.getByTestId('volume-count').innerText()).toBe('1,200 / 1,200 个磁盘');
    await shell.setLanguage('en');
    expect(troubles).toEqual([]);
  });
});
