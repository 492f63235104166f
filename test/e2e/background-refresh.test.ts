import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxAdmin, startAppInBrowser, type AppInBrowser } from './browser';
import { AppPage, VolumesPage } from './pages';

describe('background refresh', () => {
  let app: AppInBrowser;

  beforeAll(async () => {
    app = await startAppInBrowser({ refreshIntervalMs: 500 });
  });

  afterAll(() => app?.close());

  it('shows a volume made elsewhere without the user asking', async () => {
    const page = await app.browser.newPage();
    const volumes = new VolumesPage(page);
    await new AppPage(page).goto(app.host.url);
    const { rows } = volumes;
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(10);

    // The table is virtualized: narrow it to what the test looks for, so the row is in view.
    await volumes.search('made-by');
    await expect.poll(() => rows.count(), { timeout: 5_000 }).toBe(0);

    // Someone else (another tool, a colleague) creates a volume on the same cloud.
    await sandboxAdmin(app).create({ name: 'made-by-a-colleague', size: 5 });

    await expect.poll(() => page.getByText('made-by-a-colleague').count(), { timeout: 10_000 }).toBe(1);
    await page.close();
  });
});
