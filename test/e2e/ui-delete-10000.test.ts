import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { startAppInBrowser, type AppInBrowser } from './browser';
import { pagesOf, SCREENS } from './pages';

// Large work through the window: an account of 10,000 volumes (a sandbox seeded scale:10000),
// every one selected in the table and deleted with one press of Delete. The batch goes over the
// browser host's socket whole, runs through the queue in chunks of the batch endpoint, and the
// Activity panel follows it to the end without drawing 10,000 rows.
const COUNT = 10_000;
/** COUNT as the window writes it in English. */
const SHOWN = COUNT.toLocaleString('en');

/** The sandbox's data file of scale:10000 with every volume deletable: no attachments, nothing passing. */
async function deletableFleet(file: string): Promise<void> {
  const seeded = await startSandbox({ seed: `scale:${COUNT}`, dataFile: file, speed: 0 });
  await seeded.stop();
  const state = JSON.parse(await readFile(file, 'utf8')) as { volumes: Record<string, unknown>[]; sessions: unknown[] };
  for (const volume of state.volumes) {
    volume.attachments = [];
    if (volume.volumeStatus !== 'ERROR') volume.volumeStatus = 'AVAILABLE';
    delete volume.pending;
  }
  await writeFile(file, JSON.stringify(state));
}

describe('deleting 10,000 volumes from the window', () => {
  let app: AppInBrowser;
  let cloud: RunningSandbox;
  let page: Page;

  beforeAll(async () => {
    // The Local sandbox is left empty, so the table holds the 10,000 volumes alone.
    app = await startAppInBrowser({ sandbox: { speed: 0, seed: 'empty' } });
    const file = join(app.dataDir, 'scale-sandbox.json');
    await deletableFleet(file);
    cloud = await startSandbox({ dataFile: file, speed: 0 });
    page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(15_000);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await cloud?.stop();
  });

  // The first batch's counts ("1,234 of 10,000 finished …").
  const counts = () => page.getByTestId('batch-counts').first().innerText();

  it('selects all 10,000, deletes them in one batch, follows it to the end, and the host lives on', async () => {
    const { app: shell, volumes, dialogs, activity } = pagesOf(page);
    await shell.goto(app.host.url);
    await dialogs.addAccount({
      name: 'Scale cloud',
      endpoint: cloud.endpoint,
      accessToken: cloud.accessToken,
      sessionToken: cloud.adminSession.sessionToken,
      sessionSecret: cloud.adminSession.sessionSecret,
    });
    await expect.poll(() => volumes.count(), { timeout: 30_000 }).toBe(`${SHOWN} of ${SHOWN} volumes`);

    await volumes.table.focus();
    await page.keyboard.press('Control+a');
    await expect.poll(() => volumes.selectedCount(), { timeout: 10_000 }).toBe(`${SHOWN} selected`);
    await page.keyboard.press('Delete');
    const confirm = dialogs.operation('delete');
    expect(await confirm.getByTestId('refused-rows').count()).toBe(0);
    // How long the page's main thread is held at a time while the batch runs (printed, not asserted).
    await page.evaluate(() => {
      const tasks: number[] = [];
      (globalThis as unknown as { longTasks: number[] }).longTasks = tasks;
      // A browser entry type, unknown to the Node types this file is checked with.
      const longtask = { type: 'longtask' } as unknown as Parameters<InstanceType<typeof PerformanceObserver>['observe']>[0];
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe(longtask);
    });
    const started = performance.now();
    await confirm.getByRole('button', { name: `Delete ${SHOWN} volumes` }).click();
    await expect.poll(() => confirm.isVisible(), { timeout: 30_000 }).toBe(false); // queued: the host took the whole batch

    // Mid-run: a picture of the Activity panel with the batch partly done.
    const { panel } = activity;
    await expect
      .poll(async () => Number((/^([\d,]+) of/.exec(await counts())?.[1] ?? '0').replace(/,/g, '')), { timeout: 60_000, interval: 50 })
      .toBeGreaterThan(0);
    await panel.screenshot({ path: `${SCREENS}/activity-10000-running.png` });

    await expect.poll(counts, { timeout: 120_000, interval: 250 }).toMatch(new RegExp(`^${SHOWN} of ${SHOWN} finished\\s+Done ${SHOWN}$`));
    const ranMs = performance.now() - started;
    const longTasks = await page.evaluate(() => (globalThis as unknown as { longTasks: number[] }).longTasks);
    // The panel opened the batch by itself; it shows a page of its items, not 10,000 rows.
    const shown = await page.getByTestId('batch-item').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(50);
    await panel.screenshot({ path: `${SCREENS}/activity-10000-done.png` });

    await expect.poll(() => volumes.count(), { timeout: 30_000 }).toBe('0 of 0 volumes');

    // The host is alive: a fresh page loads over it and reads the (now empty) account.
    const again = await app.browser.newPage();
    const second = pagesOf(again);
    await second.app.goto(app.host.url);
    await expect.poll(() => second.volumes.count(), { timeout: 30_000 }).toBe('0 of 0 volumes');
    await second.app.toggleActivity(); // the history, from the journal
    await expect
      .poll(() => again.getByTestId('batch-counts').first().innerText(), { timeout: 10_000 })
      .toMatch(new RegExp(`^${SHOWN} of ${SHOWN} finished`));
    await again.close();
    const longest = Math.max(0, ...longTasks);
    const held = longTasks.reduce((sum, ms) => sum + ms, 0);
    console.log(
      `10,000 deletes through the window: queued to all done in ${(ranMs / 1000).toFixed(1)} s; ` +
        `the page's main thread was held over 50 ms ${longTasks.length} times, longest ${longest.toFixed(0)} ms, ${(held / 1000).toFixed(1)} s in all`,
    );
  }, 240_000);
});
