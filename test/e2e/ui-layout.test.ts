import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppInBrowser, type AppInBrowser } from './browser';

// The window at the sizes people use it (1280×720 and 1440×900), by keyboard, with long names and
// toasts: the real renderer build, the browser host, the core and its Local sandbox, in Chromium.
const SCREENS = 'test-results/screens';
const LONG_NAME = `long-${'n'.repeat(250)}`; // 255 characters, the API's limit
const LONG_TWIN = `long-${'n'.repeat(249)}2`; // a second one, for the dialogs' list of many

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not rendered');
  return { left: box.x, right: box.x + box.width, top: box.y, bottom: box.y + box.height };
}

function within(inner: Box, outer: Box): boolean {
  return (
    inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5
  );
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

describe('the window at 1280×720 and up: table, toolbar, long names, toasts', () => {
  let app: AppInBrowser;
  let page: Page;

  beforeAll(async () => {
    await mkdir(SCREENS, { recursive: true });
    app = await startAppInBrowser({ sandbox: { speed: 20 } });
    const [local] = await app.core.handlers['accounts:list']({});
    if (!local) throw new Error('no Local sandbox account');
    const create = (name: string) => ({ op: 'create' as const, accountId: local.id, params: { name, size: 1 }, label: name });
    await app.core.handlers['queue:submit']({ title: 'Long names', items: [create(LONG_NAME), create(LONG_TWIN)] });
    page = await app.browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.setDefaultTimeout(5_000); // a step that cannot happen fails as itself, not as the test's timeout
    await page.goto(app.host.url);
    await rows().nth(10).waitFor({ timeout: 15_000 });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  const rows = () => page.getByTestId('volume-row');
  const table = () => page.getByTestId('volume-table');
  const viewport = (): Box => {
    const size = page.viewportSize();
    if (!size) throw new Error('no viewport');
    return { left: 0, top: 0, right: size.width, bottom: size.height };
  };
  const screen = (name: string) => page.screenshot({ path: `${SCREENS}/${name}.png` });

  async function setLanguage(language: 'en' | 'zh-CN'): Promise<void> {
    await page.getByTestId('language-menu').click();
    await page.getByTestId(`language-${language}`).click();
    await expect.poll(() => page.getByTestId('language-menu').innerText()).toBe(language === 'en' ? 'EN' : '中文');
  }

  async function setTheme(theme: 'light' | 'dark'): Promise<void> {
    const dark = async () => page.locator('html').evaluate((el) => el.classList.contains('dark'));
    if ((await dark()) !== (theme === 'dark')) await page.getByTestId('theme-toggle').click();
    await expect.poll(dark).toBe(theme === 'dark');
  }

  /** Focus as the keyboard gives it (the ring is for keyboard users): a Tab first, then the table. */
  async function focusTableByKeyboard(): Promise<void> {
    await page.getByTestId('volume-search').focus();
    await page.keyboard.press('Tab');
    await table().focus();
  }

  for (const language of ['en', 'zh-CN'] as const) {
    it(`reaches the table's last column at 1280×720 (${language})`, async () => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await setLanguage(language);
      const lastHeader = table().locator('[role="columnheader"][data-column]').last();
      expect(await lastHeader.getAttribute('data-column')).toBe('updated');
      // Scroll it into view as a person would: the wheel sideways over the table (Shift+wheel).
      const area = await boxOf(table());
      await page.mouse.move((area.left + area.right) / 2, (area.top + area.bottom) / 2);
      await page.mouse.wheel(2000, 0);
      await expect.poll(async () => within(await boxOf(lastHeader), await boxOf(table()))).toBe(true);
      expect(within(await boxOf(lastHeader), viewport())).toBe(true);
      // The cells scrolled with their header: the first row's Updated date, whole.
      const updated = rows().first().locator('.cell-updated');
      expect(within(await boxOf(updated), viewport())).toBe(true);
      expect(await updated.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      // No header cut on the way, in either language.
      for (const header of await table().locator('[role="columnheader"][data-column] .sort-label').all()) {
        expect(await header.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      }
      await screen(`layout-1280-table-end-${language}`);
      await page.mouse.wheel(-2000, 0);
    });
  }

  it('shows whole dates, headers and the search placeholder at 1440×900', async () => {
    await setLanguage('en');
    await page.setViewportSize({ width: 1440, height: 900 });
    const updated = rows().first().locator('.cell-updated');
    await expect.poll(() => updated.evaluate((el) => el.scrollWidth <= el.clientWidth && el.textContent !== '')).toBe(true);
    const headers = table().locator('[role="columnheader"][data-column] .sort-label');
    for (const header of await headers.all()) {
      // One line each ("Size (GB)" did wrap), and not cut.
      expect(
        await header.evaluate((el) => [el.textContent, el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().height < 24]),
      ).toEqual([await header.textContent(), true]);
    }
    const search = page.getByTestId('volume-search');
    expect(await search.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await screen('layout-1440-volumes-en');
  });

  for (const language of ['en', 'zh-CN'] as const) {
    it(`fits the toolbar with a selection at 1280×720, the rest under More (${language})`, async () => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await setLanguage(language);
      await rows().nth(0).click();
      await rows()
        .nth(1)
        .click({ modifiers: ['Shift'] });
      const toolbar = page.getByRole('toolbar').first();
      await expect.poll(() => page.getByTestId('selected-count').count()).toBe(1);
      const controls = toolbar.locator('button:visible, input:visible, [role="status"]:visible');
      expect(await controls.count()).toBeGreaterThan(4);
      for (const control of await controls.all()) {
        expect(within(await boxOf(control), viewport())).toBe(true);
      }
      const deleteButton = page.getByTestId('batch-delete');
      expect(await deleteButton.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      expect(await deleteButton.innerText()).toBe(language === 'en' ? 'Delete' : '删除');
      await screen(`layout-1280-selection-${language}`);

      // More holds the less-used actions, by keyboard: Enter opens it, arrows move, Enter picks.
      await page.getByTestId('toolbar-more').focus();
      await page.keyboard.press('Enter');
      const menu = page.getByTestId('toolbar-more-menu');
      await expect.poll(() => menu.isVisible()).toBe(true);
      for (const id of ['batch-enable', 'batch-disable', 'batch-detach', 'batch-extend', 'export-csv', 'export-json']) {
        expect(await menu.getByTestId(id).getAttribute('role')).toBe('menuitem');
      }
      await page.waitForTimeout(300); // the menu's fade-in, for the screenshot
      await screen(`layout-1280-more-${language}`);
      const focusedItem = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
      await expect.poll(focusedItem).toMatch(/^(batch|export)-/);
      const before = await focusedItem();
      await page.keyboard.press('ArrowDown');
      await expect.poll(focusedItem).not.toBe(before);
      for (let i = 0; i < 6 && (await focusedItem()) !== 'batch-enable'; i++) await page.keyboard.press('ArrowUp');
      expect(await focusedItem()).toBe('batch-enable');
      await page.keyboard.press('Enter');
      const enable = page.locator('[role="dialog"]:visible');
      await expect.poll(() => enable.count()).toBe(1);
      await page.keyboard.press('Escape');
      await expect.poll(() => enable.count()).toBe(0);
      await expect.poll(() => menu.isVisible()).toBe(false);
    });
  }

  it('moves through the table by keyboard: the first row first, the horizontal scroll kept, a visible focus ring', async () => {
    await setLanguage('en');
    await page.setViewportSize({ width: 1280, height: 720 });
    // A clean start: a search that hides every row drops the focus and the selection.
    await page.getByTestId('volume-search').fill('no-such-volume');
    await expect.poll(() => rows().count()).toBe(0);
    await page.getByTestId('volume-search').fill('');
    await expect.poll(() => rows().count()).toBeGreaterThan(10);
    expect(await page.getByTestId('selected-count').count()).toBe(0);
    await focusTableByKeyboard();
    const ring = await table().evaluate((el) => {
      const style = getComputedStyle(el);
      return { outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0, shadow: style.boxShadow !== 'none' };
    });
    expect(ring.outline || ring.shadow).toBe(true);

    const firstKey = await rows().first().getAttribute('data-key');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.el-table-v2__row.is-focused').getAttribute('data-key')).toBe(firstKey);
    const focusedRing = await page.locator('.el-table-v2__row.is-focused').evaluate((el) => {
      const style = getComputedStyle(el);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    });
    expect(focusedRing).toBe(true);
    await screen('layout-1280-focus-light');

    // Down the rows, the table stays where it is sideways: Name in view, at the same place.
    const nameHeader = table().locator('[role="columnheader"][data-column="name"]');
    const nameAt = (await boxOf(nameHeader)).left;
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    expect((await boxOf(nameHeader)).left).toBe(nameAt);
    // Scrolled sideways by the wheel, the arrows keep that position too.
    const area = await boxOf(table());
    await page.mouse.move((area.left + area.right) / 2, (area.top + area.bottom) / 2);
    await page.mouse.wheel(30, 0);
    await expect.poll(async () => (await boxOf(nameHeader)).left).toBeLessThan(nameAt);
    const scrolledAt = (await boxOf(nameHeader)).left;
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowDown'); // past the bottom: the table scrolls down
    await page.keyboard.press('ArrowUp');
    await page.waitForTimeout(200);
    expect((await boxOf(nameHeader)).left).toBe(scrolledAt);
    const focusedRow = await boxOf(page.locator('.el-table-v2__row.is-focused'));
    expect(focusedRow.top >= area.top && focusedRow.bottom <= area.bottom).toBe(true); // scrolled down to it
    await page.mouse.wheel(-30, 0);

    await setTheme('dark');
    await focusTableByKeyboard();
    expect(await table().evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await screen('layout-1280-focus-dark');
    await setTheme('light');
  });

  it('keeps the Attach buttons in view beside a 255-character name, the full name on hover', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('view-switcher').getByText('Attachments').click();
    const longRow = page.getByTestId('free-volume').filter({ hasText: 'long-nnnn' }).first();
    await expect.poll(() => page.getByTestId('free-volume').filter({ hasText: 'long-nnnn' }).count(), { timeout: 15_000 }).toBe(2);
    for (const button of await page
      .getByTestId('free-volume')
      .getByRole('button', { name: /Attach/ })
      .all()) {
      expect(within(await boxOf(button), viewport())).toBe(true);
    }
    expect([LONG_NAME, LONG_TWIN]).toContain(await longRow.locator('[title]').first().getAttribute('title'));
    await screen('layout-1280-attachments-en');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screen('layout-1440-attachments-en');
    await page.getByTestId('view-switcher').getByText('Volumes').click();
  });

  it("lays the drawer's action buttons on one row right under its title in English and Chinese, Enable or Disable as the volume needs", async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('volume-search').fill('');
    const drawer = page.getByTestId('volume-drawer');
    for (const language of ['zh-CN', 'en'] as const) {
      await setLanguage(language);
      await rows().first().click();
      await page.keyboard.press('Enter');
      await expect.poll(() => drawer.isVisible()).toBe(true);
      const buttons = drawer.locator('[data-testid^="detail-"]:is(button)');
      const tops = await buttons.evaluateAll((list) => list.map((b) => Math.round(b.getBoundingClientRect().top)));
      expect(tops.length, language).toBe(6);
      expect(new Set(tops).size, `${language}: ${tops.join(', ')}`).toBe(1);
      // Right under the title, not below Element Plus's 52 px of empty header margin and body padding.
      const gap = tops[0]! - (await boxOf(page.locator('.volume-drawer .el-drawer__title'))).bottom;
      expect(gap, `${language}: ${gap} px from the title to the actions`).toBeLessThanOrEqual(16);
      // The one of Enable and Disable the volume is already in is not offered.
      expect((await drawer.getByTestId('detail-enable').count()) + (await drawer.getByTestId('detail-disable').count())).toBe(1);
      expect(await drawer.getByTestId('detail-delete').isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => drawer.isVisible()).toBe(false);
    }
  });

  it("keeps a tall dialog's title and footer in view at 1280×720, its body scrolling, and tells a placeholder from a typed value", async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(theme);
      await page.getByTestId('add-account').click();
      const dialog = page.getByTestId('account-dialog');
      await expect.poll(() => dialog.isVisible()).toBe(true);
      const submit = dialog.locator('.el-dialog__footer .el-button--primary');
      await expect.poll(async () => within(await boxOf(submit), viewport())).toBe(true);
      expect(within(await boxOf(dialog.locator('.el-dialog__header')), viewport())).toBe(true);
      const body = dialog.locator('.el-dialog__body');
      expect(await body.evaluate((el) => el.scrollHeight > el.clientHeight && getComputedStyle(el).overflowY === 'auto')).toBe(true);
      // The name field: its placeholder a clear step dimmer than what is typed in it.
      const input = dialog.locator('input').first();
      const [typed, hint] = await input.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el, '::placeholder').color]);
      const lightness = (rgb: string) => (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, v) => sum + Number(v), 0) / 3;
      expect(Math.abs(lightness(typed!) - lightness(hint!)), `${theme}: ${typed} / ${hint}`).toBeGreaterThan(60);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
    }
    await setTheme('light');
  });

  it("ellipsizes a 255-character name in the drawer title and the dialogs' list, their buttons in view", async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('volume-search').fill('long-nnnn');
    await expect.poll(() => rows().count()).toBe(2);
    await rows().first().click();
    await page.keyboard.press('Enter');
    const drawer = page.getByTestId('volume-drawer');
    await expect.poll(() => drawer.getByTestId('detail-name').innerText()).toBe(LONG_TWIN); // first by name ('2' before 'n')
    const title = page.locator('.volume-drawer .el-drawer__title');
    expect(await title.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === 'ellipsis')).toBe(true);
    // Once slid in, its close button is on screen: the name did not push it out.
    await expect.poll(async () => within(await boxOf(page.locator('.volume-drawer .el-drawer__close-btn')), viewport())).toBe(true);
    expect(within(await boxOf(drawer.getByTestId('detail-name')), await boxOf(page.locator('.volume-drawer')))).toBe(true);
    await screen('layout-1280-drawer-long-name');
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.isVisible()).toBe(false);

    await page.keyboard.press('Control+a'); // both long names: the dialog lists them
    await page.getByTestId('batch-delete').click();
    const dialog = page.locator('[role="dialog"]:visible');
    const name = dialog.getByTestId('dialog-volume-list').locator('[title]').first();
    await name.waitFor({ timeout: 5_000 });
    expect([LONG_NAME, LONG_TWIN]).toContain(await name.getAttribute('title'));
    expect(await name.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true); // cut, with the full name on hover
    for (const button of await dialog.getByRole('button').all()) expect(within(await boxOf(button), viewport())).toBe(true);
    expect(within(await boxOf(dialog.getByTestId('dialog-volume-list')), await boxOf(dialog))).toBe(true);
    await screen('layout-1280-delete-long-name');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await page.getByTestId('volume-search').fill('');
  });

  it('groups two identical toasts into one, covering no toolbar', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('settings-button').click();
    const save = page.getByTestId('settings-dialog').getByRole('button', { name: 'Save' });
    await save.click();
    await expect.poll(() => save.isVisible()).toBe(false);
    await page.getByTestId('settings-button').click();
    await save.click();
    const toasts = page.locator('.el-message');
    await expect.poll(() => toasts.count()).toBe(1);
    expect(await toasts.locator('.el-badge').innerText()).toBe('2');
    const toast = await boxOf(toasts.first());
    for (const area of [page.getByRole('toolbar').first(), page.locator('header.top'), page.getByTestId('status-bar')]) {
      expect(overlaps(toast, await boxOf(area))).toBe(false);
    }
    await screen('layout-1280-toast');

    // With the Activity panel open, a toast sits above it (the panel is the place of record).
    await expect.poll(() => toasts.count(), { timeout: 8_000 }).toBe(0); // a success goes by itself, in seconds
    await page.getByTestId('activity-toggle').click();
    const panel = page.locator('.app > .activity');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await page.getByTestId('settings-button').click();
    await save.click();
    const latest = toasts.last();
    await expect.poll(async () => overlaps(await boxOf(latest), await boxOf(panel))).toBe(false);
    expect(overlaps(await boxOf(latest), await boxOf(page.getByRole('toolbar').first()))).toBe(false);
    await screen('layout-1280-toast-activity');
    await page.getByTestId('activity-toggle').click();
  });
});
