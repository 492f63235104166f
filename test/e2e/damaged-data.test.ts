/**
 * A damaged data file, as a user meets it: the app starts anyway, and the window says which file
 * was set aside and where, in the user's language, until dismissed.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppInBrowser, type AppInBrowser } from './browser';
import { AppPage, VolumesPage } from './pages';

describe('a damaged settings file', () => {
  let app: AppInBrowser;
  beforeAll(async () => {
    app = await startAppInBrowser({
      sandbox: { speed: 0 },
      prepare: (dataDir) => writeFile(join(dataDir, 'settings.json'), '{"theme": "dark", "refreshInt'),
    });
  }, 60_000);
  afterAll(() => app?.close());

  it('starts, shows the volumes, and says where the damaged file was kept', async () => {
    const kept = (await readdir(app.dataDir)).find((name) => name.startsWith('settings.json.damaged-'));
    expect(kept).toBeDefined();
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const shell = new AppPage(page);
    await shell.goto(app.host.url);
    const notice = page.locator('.data-notices');
    await expect.poll(() => notice.innerText(), { timeout: 15_000 }).toContain(kept!);
    expect(await notice.innerText()).toMatch(/settings\.json/);
    await expect.poll(() => new VolumesPage(page).rows.count(), { timeout: 15_000 }).toBeGreaterThan(10);
    await shell.screenshot('damaged-data-notice');
    // By keyboard: the Dismiss button takes the focus and Enter.
    await notice.getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => notice.count()).toBe(0);
    await page.close();
  });
});
