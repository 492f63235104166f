import { mkdir } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInBrowser } from './browser';
import { AppPage, SCREENS } from './pages';
import { openTourApp, restMouseAndFocus, tourOf } from './pages/tour';

// The screenshot matrix of issue 12: every main screen and dialog (pages/tour.ts) at 1280×720 and
// 1920×1080, light and dark, English and Chinese, saved as
// test-results/screens/<size>-<theme>-<lang>-<screen>.png to be looked at. One browser and one
// page throughout: the viewport, language and theme change in place.
const SUBJECT = 'screens-subject';
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

describe('screenshots of every screen and dialog', () => {
  let app: AppInBrowser;
  let page: Page;

  beforeAll(async () => {
    await mkdir(SCREENS, { recursive: true });
    ({ app, page } = await openTourApp(SUBJECT, SIZES[0]));
    // Transitions end at once (Vue's transitions see a 0 s duration and finish), so a dialog or
    // drawer is drawn whole as soon as it is open and gone as soon as it is closed: the pictures
    // are the settled screens, without waiting out Element Plus's 0.3 s fades 240 times.
    await page.addStyleTag({
      content:
        '*, *::before, *::after { transition-duration: 0s !important; transition-delay: 0s !important; animation-duration: 0s !important; animation-delay: 0s !important; }',
    });
  }, 60_000);

  afterAll(() => app?.close());

  it('saves each at both sizes, in both themes and languages', async () => {
    const shell = new AppPage(page);
    // Transitions end at once (above), so the tour need not wait for them.
    const tour = tourOf(page, SUBJECT, 0);
    const started = performance.now();
    let saved = 0;
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const lang of ['en', 'zh-CN'] as const) {
        await shell.setLanguage(lang);
        for (const theme of ['light', 'dark'] as const) {
          await shell.setTheme(theme);
          for (const stop of tour) {
            await stop.open();
            await restMouseAndFocus(page);
            await page.screenshot({
              path: `${SCREENS}/${size.width}x${size.height}-${theme}-${lang}-${stop.name}.png`,
              animations: 'disabled',
            });
            saved += 1;
            await stop.close();
          }
        }
      }
    }
    expect(saved).toBe(SIZES.length * 2 * 2 * tour.length);
    await shell.setLanguage('en');
    console.log(`${saved} screenshots in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }, 300_000);
});
