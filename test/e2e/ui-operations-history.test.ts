import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browser-host';
import { startAppCore, type AppCore } from '../../electron/core/app-core';
import { launchChromium } from './browser';
import { pagesOf } from './pages';

// The Activity panel's history comes from the queue's journal: it survives closing the app and
// starting it again on the same data folder.
describe('activity history across a restart', () => {
  let dataDir: string;
  let browser: Browser;
  let running: { core: AppCore; host: BrowserHost } | undefined;

  async function launch(): Promise<Page> {
    const core = await startAppCore({ dataDir, sandbox: { speed: 20 } });
    const host = await startBrowserHost({ handlers: core.handlers, subscribe: core.onEvent, rendererDir: resolve('dist/renderer') });
    running = { core, host };
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(10_000);
    const { app } = pagesOf(page);
    await app.goto(host.url);
    await app.waitForRows();
    return page;
  }

  async function quit(page: Page): Promise<void> {
    await page.close();
    await running?.host.stop();
    await running?.core.stop();
    running = undefined;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-e2e-history-'));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.host.stop();
    await running?.core.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows the batches of the last session, with their outcome', async () => {
    let page = await launch();
    let pages = pagesOf(page);
    await pages.volumes.openCreate();
    const create = pages.dialogs.operation('create');
    await create.getByLabel('Name', { exact: true }).fill('kept-history');
    await create.getByLabel('Count', { exact: true }).fill('3');
    await create.getByRole('button', { name: 'Create 3 volumes' }).click();
    const counts = () => pages.activity.counts(pages.activity.batch('Create 3 volumes (kept-history-01 … kept-history-03)'));
    await expect.poll(counts, { timeout: 20_000 }).toMatch(/3 of 3 finished\s+Done 3$/);
    await quit(page);

    page = await launch();
    pages = pagesOf(page);
    await pages.app.toggleActivity();
    await expect.poll(counts).toMatch(/3 of 3 finished\s+Done 3$/);
    await quit(page);
  });
});
