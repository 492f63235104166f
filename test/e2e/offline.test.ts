import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppInBrowser, type AppInBrowser } from './browser';
import { AppPage, VolumesPage } from './pages';

describe('offline: the cloud stops answering', () => {
  let app: AppInBrowser;

  beforeAll(async () => {
    app = await startAppInBrowser();
  });

  afterAll(() => app?.close());

  it('keeps showing the last known volumes, marked with their age', async () => {
    const page = await app.browser.newPage();
    const shell = new AppPage(page);
    const volumes = new VolumesPage(page);
    await shell.goto(app.host.url);
    const { rows } = volumes;
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(10);
    const firstName = await rows.first().locator('.cell-name').innerText();
    await expect.poll(() => page.getByTestId('volumes-skeleton').count(), { timeout: 15_000 }).toBe(0);

    await app.core.stop(); // the Local sandbox goes away: connections are refused from now on
    await shell.refresh();

    const banner = shell.offlineBanner;
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(1);
    expect(await banner.innerText()).toMatch(/Offline: showing the volumes as of \d{1,2}:\d{2}/);
    expect(await banner.innerText()).toContain('The cloud cannot be reached');
    expect(await banner.innerText()).not.toMatch(/ECONNREFUSED/); // the OS error is detail, never the headline
    expect(await rows.count()).toBeGreaterThan(10);
    await expect.poll(() => shell.accountState('Local sandbox'), { timeout: 10_000 }).toBe('offline');
    expect(await rows.first().locator('.cell-name').innerText()).toBe(firstName);
    await expect.poll(() => page.getByTestId('volumes-skeleton').count(), { timeout: 15_000 }).toBe(0);
    await page.screenshot({ path: 'test-results/offline.png' });
    await page.close();
  });
});
