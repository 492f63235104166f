import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_USER_ID, startSandbox, type RunningSandbox } from '../../sandbox/index';
import { startAppInBrowser, type AppInBrowser } from './browser';
import { pagesOf } from './pages';

// The window itself, end to end: the real renderer build, the browser host, the core with its
// Local sandbox, and a second sandbox added as another account, in Debian's Chromium.

describe('the window: accounts, languages, themes, offline and expired sessions', () => {
  let app: AppInBrowser;
  let second: RunningSandbox;
  let page: Page;
  let pages: ReturnType<typeof pagesOf>;
  const secondFile = () => join(app.dataDir, 'second-sandbox.json');

  beforeAll(async () => {
    app = await startAppInBrowser({ sandbox: { speed: 20 } });
    page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
    pages = pagesOf(page);
  }, 60_000);

  afterAll(async () => {
    await second?.stop().catch(() => undefined);
    await app?.close();
  });

  const rows = () => pages.volumes.rows;
  const stateOf = (name: string) => pages.app.accountState(name);
  const screen = (name: string) => pages.app.screenshot(name);

  it('first launch shows the Local sandbox fleet', async () => {
    await pages.app.goto(app.host.url);
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBeGreaterThan(10);
    await expect.poll(() => stateOf('Local sandbox'), { timeout: 10_000 }).toBe('online');
    expect(await pages.app.accountEntry('Local sandbox').innerText()).toMatch(/Finance/); // its tenants, under it
    expect(await pages.volumes.count()).toMatch(/^\d+ of \d+ volumes$/);
    await screen('volumes-light');
  });

  it('adds a second account (a second sandbox) and shows both', async () => {
    second = await startSandbox({ dataFile: secondFile(), speed: 20 });
    await pages.app.addAccountButton.click();
    const dialog = pages.dialogs.account;
    // Plain http:// to another machine: a warning, and no adding until the user confirms it.
    await pages.dialogs.fillAccount({
      name: 'Second cloud',
      endpoint: 'http://cloud.example.com:8787',
      accessToken: 'x',
      sessionToken: 'y',
      sessionSecret: 'z',
    });
    await expect.poll(() => dialog.getByTestId('plain-http-warning').innerText()).toMatch(/not encrypted/);
    await dialog.getByTestId('account-submit').click();
    await expect.poll(() => dialog.innerText()).toMatch(/Not encrypted: confirm below, or use https:\/\//);
    expect(await dialog.isVisible()).toBe(true);
    await page.waitForTimeout(400); // the error's fade-in
    await screen('add-account-plain-http');
    await pages.dialogs.fillAccount({ endpoint: second.endpoint });
    await expect.poll(() => dialog.getByTestId('plain-http-warning').count()).toBe(0);
    await pages.dialogs.fillAccount({
      accessToken: second.accessToken,
      sessionToken: second.adminSession.sessionToken,
      sessionSecret: second.adminSession.sessionSecret,
    });
    await screen('add-account');
    await dialog.getByTestId('account-submit').click();
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);

    await expect.poll(() => stateOf('Second cloud'), { timeout: 15_000 }).toBe('online');
    // Adding it selected it: its rows alone, each naming it.
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBeGreaterThan(10);
    expect(await rows().first().locator('.cell-account').innerText()).toBe('Second cloud');
    await pages.app.allAccounts.click();
    const counts = await pages.app.accountCounts();
    expect(counts.every((n) => n > 10)).toBe(true);
    expect(await pages.volumes.count()).toContain(`of ${counts.reduce((a, b) => a + b)} volumes`);
  });

  it('opens a volume in the detail drawer', async () => {
    const name = await rows().first().locator('.cell-name').innerText();
    await rows().first().locator('.cell-name').dblclick();
    const drawer = pages.volumes.drawer;
    await expect.poll(() => drawer.isVisible()).toBe(true);
    expect(await drawer.getByTestId('detail-name').innerText()).toBe(name);
    expect(await drawer.innerText()).toMatch(/Volume UUID/);
    await page.waitForTimeout(400); // the drawer's slide-in
    await screen('detail-drawer');

    // Rename in place: one queued "update one field", and the row follows.
    await drawer.getByTestId('edit-name').click();
    await drawer.getByTestId('edit-name-input').fill(`${name}-renamed`);
    await page.keyboard.press('Enter');
    await expect.poll(() => drawer.getByTestId('detail-name').innerText(), { timeout: 15_000 }).toBe(`${name}-renamed`);
    expect(await drawer.innerText()).toMatch(/Update · Done/);
    await pages.volumes.closeDrawer();

    // The same drawer from the toolbar's Details button, for the one selected row.
    await page.getByTestId('open-details').click();
    await expect.poll(() => drawer.isVisible()).toBe(true);
    expect(await drawer.getByTestId('detail-name').innerText()).toBe(`${name}-renamed`);
    await pages.volumes.closeDrawer();
  });

  it('sorts, filters with chips, selects like a desktop list, answers the keyboard, and exports', async () => {
    const count = page.getByTestId('volume-count');
    const total = await pages.volumes.total();
    const sizeHeader = pages.volumes.columnHeader('Size (GB)');
    await pages.volumes.sortBy('Size (GB)');
    expect(await sizeHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await pages.volumes.columnHeader('Name').getAttribute('aria-sort')).toBe('none');
    const sizes = async () => (await rows().locator('.cell-size').allInnerTexts()).slice(0, 8).map(Number);
    expect(await sizes()).toEqual([...(await sizes())].sort((a, b) => a - b));
    // A sort patches the rows drawn with their new rows instead of building every row again (the
    // repaint's cost at scale): the first row's element stays first and shows another volume.
    const firstKey = await rows().first().getAttribute('data-key');
    await rows()
      .first()
      .evaluate((row) => Object.assign(row, { drawnBefore: true }));
    await pages.volumes.sortBy('Size (GB)');
    expect(await sizeHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await sizes()).toEqual([...(await sizes())].sort((a, b) => b - a));
    expect(await rows().first().getAttribute('data-key')).not.toBe(firstKey);
    expect(
      await rows()
        .first()
        .evaluate((row) => 'drawnBefore' in row),
    ).toBe(true);

    // Ctrl+F goes to the search box; a keyword becomes a removable chip.
    await pages.volumes.table.focus();
    await page.keyboard.press('Control+f');
    expect(await page.locator('[data-testid=volume-search]:focus').count()).toBe(1);
    await page.keyboard.type('backup');
    await expect.poll(() => count.innerText()).toMatch(new RegExp(`^\\d+ of ${total} volumes$`));
    const matching = Number(/^(\d+)/.exec(await count.innerText())?.[1]);
    expect(matching).toBeGreaterThan(2);
    expect(matching).toBeLessThan(total);
    for (const name of await rows().locator('.cell-name').allInnerTexts()) expect(name).toContain('backup');
    const chip = pages.volumes.chip('Search: backup');
    expect(await chip.count()).toBe(1);

    // Click, Shift-click a range, Ctrl-click one out; Ctrl+A takes every filtered row.
    await rows().nth(0).locator('.cell-name').click();
    await rows()
      .nth(2)
      .locator('.cell-name')
      .click({ modifiers: ['Shift'] });
    expect(await pages.volumes.selectedCount()).toBe('3 selected');
    await rows()
      .nth(1)
      .locator('.cell-name')
      .click({ modifiers: ['Control'] });
    expect(await pages.volumes.selectedCount()).toBe('2 selected');
    expect(await rows().nth(1).getAttribute('aria-selected')).toBe('false');
    // The header's box shows a partial selection as mixed; a click takes every filtered row, another none.
    const header = page.getByRole('checkbox', { name: `Select all ${matching}` });
    const state = () => header.evaluate((box: HTMLInputElement) => ({ checked: box.checked, mixed: box.indeterminate }));
    expect(await state()).toEqual({ checked: false, mixed: true });
    await header.click();
    await expect.poll(() => pages.volumes.selectedCount()).toBe(`${matching} selected`);
    expect(await state()).toEqual({ checked: true, mixed: false });
    await header.click();
    await expect.poll(state).toEqual({ checked: false, mixed: false });
    expect(await page.locator('[data-testid="volume-row"][aria-selected="true"]').count()).toBe(0);
    await pages.volumes.selectAll(matching);

    // Delete asks (in the delete dialog) before anything happens; Esc closes it.
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog').filter({ hasText: /delete/i });
    await expect.poll(() => dialog.isVisible(), { timeout: 5_000 }).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible(), { timeout: 5_000 }).toBe(false);

    // Export: the filtered, sorted rows, as CSV.
    const csv = (await readFile(await pages.volumes.export('csv'), 'utf8'))
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(csv[0]).toMatch(/^Name,Enabled,State,Size \(GB\)/);
    expect(csv).toHaveLength(matching + 1);
    expect(csv.slice(1).every((line) => line.includes('backup'))).toBe(true);

    await chip.locator('.el-tag__close').click();
    await expect.poll(() => count.innerText()).toBe(`${total} of ${total} volumes`);
    await pages.volumes.sortBy('Name');
  });

  it('remembers the columns chosen, across a reload', async () => {
    const updated = () => pages.volumes.columnHeader('Updated').count();
    expect(await updated()).toBe(1);
    await pages.volumes.toggleColumn('Updated');
    await expect.poll(updated).toBe(0);
    // Kept by the core, not the page's origin: the browser host's port, and so its origin, changes each launch.
    const saved = async () =>
      (JSON.parse(await readFile(join(app.dataDir, 'settings.json'), 'utf8')) as { volumeColumns: string[] | null }).volumeColumns;
    await expect.poll(saved).toEqual(expect.not.arrayContaining(['updated']));
    expect(await saved()).toContain('state');
    await page.reload();
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBeGreaterThan(10);
    expect(await updated()).toBe(0);
    await pages.volumes.toggleColumn('Updated');
    await expect.poll(updated).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('switches to Chinese and back, and to the dark theme', async () => {
    await pages.app.setLanguage('zh-CN');
    await expect.poll(() => pages.app.allAccounts.innerText()).toContain('全部账号');
    expect(await pages.volumes.count()).toMatch(/个磁盘/);
    expect(await pages.volumes.columnHeader('名称').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.mouse.move(0, 0);
    await screen('volumes-zh-CN');

    await pages.app.setLanguage('en');
    await expect.poll(() => pages.app.allAccounts.innerText()).toContain('All accounts');
    expect(await pages.volumes.columnHeader('Name').count()).toBe(1);

    await pages.app.setTheme('dark');
    await page.mouse.move(0, 0);
    await screen('volumes-dark');
    await pages.app.setTheme('light');
  });

  it('shows the account offline with its cached rows when its cloud stops, and recovers when it is back', async () => {
    const port = Number(new URL(second.endpoint).port);
    await pages.app.accountButton('Second cloud').click();
    await expect.poll(() => rows().count()).toBeGreaterThan(10);
    const shown = await pages.volumes.count();
    const firstName = await rows().first().locator('.cell-name').innerText();

    await second.stop();
    await pages.app.refresh();
    const banner = pages.app.offlineBanner;
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(1);
    expect(await banner.innerText()).toMatch(/Second cloud · Offline: showing the volumes as of \d{1,2}:\d{2}/);
    // Why, in the catalogue's words; the OS error is not the headline.
    expect(await banner.innerText()).toMatch(/The cloud cannot be reached/);
    expect(await banner.innerText()).not.toMatch(/ECONNREFUSED/);
    await expect.poll(() => stateOf('Second cloud'), { timeout: 10_000 }).toBe('offline');
    expect(await page.getByTestId('as-of').innerText()).toMatch(/^Second cloud · As of \d{1,2}:\d{2}$/);
    expect(await pages.volumes.count()).toBe(shown);
    expect(await rows().first().locator('.cell-name').innerText()).toBe(firstName);
    await screen('offline');

    // The same cloud coming back: its token and sessions are handed over (a sandbox keeps them only in memory).
    second = await startSandbox({ port, dataFile: secondFile(), speed: 20, credentials: second.credentials() });
    await expect
      .poll(
        async () => {
          await pages.app.refresh();
          return stateOf('Second cloud');
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('online');
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
    expect(await pages.volumes.count()).toBe(shown);
  });

  it('asks for new credentials when the session expires, and is online again once they are given', async () => {
    second.expireSessions();
    await pages.app.refresh();
    const prompt = pages.dialogs.expiredPrompt;
    await expect.poll(() => prompt.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await stateOf('Second cloud')).toBe('session expired');
    expect(await prompt.innerText()).toContain('Session expired: Second cloud');
    // The core's notification (already worded) shows too; clicking it later selects the account.
    const notification = pages.app.notification('Second cloud');
    await expect.poll(() => notification.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    await screen('expired-prompt');

    const session = second.createSession(ADMIN_USER_ID, 'admin');
    // The access token is kept by the core: only the new session is asked for.
    expect(await prompt.getByTestId('expired-access-token').count()).toBe(0);
    await pages.dialogs.fillExpired(session);
    await expect.poll(() => prompt.isVisible(), { timeout: 10_000 }).toBe(false);
    await expect
      .poll(
        async () => {
          if ((await stateOf('Second cloud')) !== 'online') await pages.app.refresh();
          return stateOf('Second cloud');
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe('online');
    expect(await page.locator('.expired').count()).toBe(0);
    expect(await rows().count()).toBeGreaterThan(10);

    await pages.app.allAccounts.click();
    await notification.first().click();
    expect(await pages.app.accountButton('Second cloud').getAttribute('aria-current')).toBe('true');
  });
});
