import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Volume } from '../../electron/shared/volume';
import { startAppInBrowser, type AppInBrowser } from './browser';
import { pagesOf, SCREENS } from './pages';

// Every main screen's buttons by keyboard only, in Chromium over the real sandbox: each is reached
// with Tab and pressed with Enter, then with Space, and does what a click does. A button inside a
// tooltip used to hear neither key (the tooltip took both to toggle itself), and Enter on a
// server's copy button in a table row opened the row's drawer instead of copying.
describe('every button by keyboard', () => {
  const KEYS = ['Enter', 'Space'] as const;
  let app: AppInBrowser;
  let page: Page;
  let ui: ReturnType<typeof pagesOf>;
  let accountId: string;
  /** A volume attached to a server, and one free to attach. */
  let attached: Volume;
  let free: Volume;
  /** The calls the window sent to the core, by channel, since it opened. */
  const sent: string[] = [];

  beforeAll(async () => {
    await mkdir(SCREENS, { recursive: true });
    // No background refresh during the test: a listing the window sends is one a key asked for.
    app = await startAppInBrowser({ sandbox: { speed: 0 }, refreshIntervalMs: 600_000 });
    const [local] = await app.core.handlers['accounts:list']({});
    accountId = local!.id;
    const { volumes } = await app.core.handlers['volumes:list']({ accountId });
    attached = volumes.find((v) => v.attachments.length === 1 && v.status === 'ACTIVED' && v.volumeStatus === 'IN_USE')!;
    free = volumes.find((v) => v.attachments.length === 0 && v.status === 'ACTIVED' && v.volumeStatus === 'AVAILABLE')!;
    expect(attached && free, 'the demo fleet has an attached volume and a free one').toBeTruthy();
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.host.origin });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const channel = (JSON.parse(String(payload)) as { channel?: string }).channel;
        if (channel) sent.push(channel);
      }),
    );
    ui = pagesOf(page);
    await ui.app.goto(app.host.url);
    await ui.app.waitForRows();
  }, 60_000);

  afterAll(() => app?.close());

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail')
      await page?.screenshot({ path: `${SCREENS}/failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}.png` });
  });

  const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);
  const visible = (target: Locator) => expect.poll(() => target.isVisible()).toBe(true);
  const hidden = (target: Locator) => expect.poll(() => target.isVisible()).toBe(false);

  /** Moves the focus to `target` with Tab alone, from where it is. */
  async function tabTo(target: Locator, most = 120): Promise<void> {
    await target.waitFor();
    for (let presses = 0; presses < most; presses++) {
      if (await isFocused(target)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`${String(target)} not reached in ${most} presses of Tab`);
  }

  /** From the page's start (or from `from`), Tab to `button` and press `key` on it. */
  async function press(button: Locator, key: (typeof KEYS)[number], from?: Locator): Promise<void> {
    if (from) await from.focus();
    else {
      // The page's start: the body focused (for this moment), so the next Tab is the first control.
      await page.evaluate(() => {
        document.body.tabIndex = -1;
        document.body.focus();
        document.body.removeAttribute('tabindex');
      });
    }
    await tabTo(button);
    await page.keyboard.press(key);
  }

  /**
   * Each key on `button` opens `overlay`; then Esc, once the focus has moved into the overlay
   * (a menu, a dialog), closes it again, or with `toggles` the same key on the button does.
   */
  async function opensWithBothKeys(button: Locator, overlay: Locator, from?: Locator, { toggles = false } = {}): Promise<void> {
    for (const key of KEYS) {
      await press(button, key, from);
      await visible(overlay);
      if (toggles) {
        expect(await isFocused(button)).toBe(true);
        await page.keyboard.press(key);
      } else {
        await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.el-popper, .el-overlay') !== null)).toBe(true);
        await page.keyboard.press('Escape');
      }
      await hidden(overlay);
    }
  }

  it('header: language, theme and settings', async () => {
    await opensWithBothKeys(page.getByTestId('language-menu'), page.getByTestId('language-zh-CN'));
    for (const key of KEYS) {
      const dark = await ui.app.isDark();
      await press(page.getByTestId('theme-toggle'), key);
      await expect.poll(() => ui.app.isDark()).toBe(!dark);
    }
    await opensWithBothKeys(page.getByTestId('settings-button'), page.getByTestId('settings-dialog'));
  });

  it('toolbar: Filters, Refresh, Create, Columns, More, and Delete with a selection', async () => {
    const search = ui.volumes.searchBox;
    // The filters open and close as a click does, on their button; their fields follow it in the
    // Tab order, and Esc there closes them with the focus back on the button.
    const filters = page.getByTestId('filters-button');
    await opensWithBothKeys(filters, page.getByTestId('filter-states'), search, { toggles: true });
    await press(filters, 'Enter', search);
    await visible(page.getByTestId('filter-states'));
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.filter-form') !== null)).toBe(true);
    await expect
      .poll(() =>
        page
          .locator('.el-popover')
          .filter({ has: page.getByTestId('filter-states') })
          .evaluate((el) => getComputedStyle(el).opacity),
      )
      .toBe('1');
    await ui.app.screenshot('toolbar-filters-by-keyboard');
    await page.keyboard.press('Escape');
    await hidden(page.getByTestId('filter-states'));
    expect(await isFocused(filters)).toBe(true);
    for (const key of KEYS) {
      const listings = sent.filter((channel) => channel === 'volumes:list').length;
      await press(page.getByTestId('refresh-volumes'), key, search);
      await expect.poll(() => sent.filter((channel) => channel === 'volumes:list').length).toBeGreaterThan(listings);
    }
    await opensWithBothKeys(page.getByTestId('create-volume'), ui.dialogs.operation('create'), search);
    await opensWithBothKeys(
      page.getByRole('button', { name: 'Columns' }),
      page.getByRole('menuitem').filter({ hasText: 'Size (GB)' }),
      search,
    );
    await opensWithBothKeys(page.getByTestId('toolbar-more'), page.getByTestId('toolbar-more-menu'), search);

    // A selection by keyboard (the first ArrowDown selects the first row), then its Delete.
    await ui.volumes.table.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => ui.volumes.selectedCount()).toBe('1 selected');
    await opensWithBothKeys(ui.volumes.batchAction('delete'), ui.dialogs.operation('delete'), search);
    await ui.volumes.table.focus();
    await page.keyboard.press('Space'); // clears the selection again
    await hidden(page.getByTestId('selected-count'));
  });

  it("sidebar: Add account and an account's menu", async () => {
    const sidebarSearch = page.getByTestId('sidebar-search');
    await opensWithBothKeys(ui.app.addAccountButton, ui.dialogs.account, sidebarSearch);
    await opensWithBothKeys(
      page.getByTestId(`account-menu-${accountId}`),
      page.getByRole('menuitem', { name: 'Test connection' }),
      sidebarSearch,
    );
  });

  it('status bar: the Activity toggle opens and closes the panel', async () => {
    for (const key of KEYS) {
      const open = await ui.activity.panel.isVisible();
      await press(page.getByTestId('activity-toggle'), key);
      await expect.poll(() => ui.activity.panel.isVisible()).toBe(!open);
    }
  });

  it('Attachments: Attach and Detach open their dialogs', async () => {
    await ui.app.switchView('attachments');
    const search = ui.attachments.view.getByRole('textbox');
    await search.fill(free.name);
    await opensWithBothKeys(page.getByRole('button', { name: `Attach ${free.name} to a server` }), ui.dialogs.operation('attach'), search);
    await search.fill(attached.name);
    await opensWithBothKeys(
      ui.attachments.detachButton(attached.name, attached.attachments[0]!.serverId),
      ui.dialogs.operation('detach'),
      search,
    );
    await ui.app.switchView('volumes');
  });

  it("table: a server's copy button copies its id, without opening the drawer or changing the selection", async () => {
    const serverId = attached.attachments[0]!.serverId;
    await ui.volumes.search(attached.name);
    await expect.poll(() => ui.volumes.rows.count()).toBe(1);
    const copy = ui.volumes.row(attached.name).getByRole('button', { name: `Copy ${serverId}` });
    for (const key of KEYS) {
      await page.evaluate(() => navigator.clipboard.writeText(''));
      // The row focused (and selected) by the table's own keys, then Tab on to its copy button.
      await ui.volumes.table.focus();
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => ui.volumes.selectedCount()).toBe('1 selected');
      await tabTo(copy);
      await page.keyboard.press(key);
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(serverId);
      expect(await ui.volumes.drawer.isVisible()).toBe(false);
      expect(await ui.volumes.selectedCount()).toBe('1 selected');
    }
  });
});
