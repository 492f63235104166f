import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_USER_ID, startSandbox, type RunningSandbox } from '../../sandbox/index';
import { startAppInBrowser, type AppInBrowser } from './browser';

// The window itself, end to end: the real renderer build, the browser host, the core with its
// Local sandbox, and a second sandbox added as another account, in Debian's Chromium.
const SCREENS = 'test-results/screens';

describe('the window: accounts, languages, themes, offline and expired sessions', () => {
  let app: AppInBrowser;
  let second: RunningSandbox;
  let page: Page;
  const secondFile = () => join(app.dataDir, 'second-sandbox.json');

  beforeAll(async () => {
    await mkdir(SCREENS, { recursive: true });
    app = await startAppInBrowser({ sandbox: { speed: 20 } });
    page = await app.browser.newPage({ viewport: { width: 1440, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await second?.stop().catch(() => undefined);
    await app?.close();
  });

  const rows = () => page.getByTestId('volume-row');
  const accountEntry = (name: string) => page.locator('li.account', { hasText: name });
  const stateOf = (name: string) => accountEntry(name).locator('.state').innerText();
  const screen = (name: string) => page.screenshot({ path: `${SCREENS}/${name}.png` });

  it('first launch shows the Local sandbox fleet', async () => {
    await page.goto(app.host.url);
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBeGreaterThan(10);
    await expect.poll(() => stateOf('Local sandbox'), { timeout: 10_000 }).toBe('online');
    expect(await accountEntry('Local sandbox').innerText()).toMatch(/Finance/); // its tenants, under it
    expect(await page.getByTestId('volume-count').innerText()).toMatch(/^\d+ of \d+ volumes$/);
    await screen('volumes-light');
  });

  it('adds a second account (a second sandbox) and shows both', async () => {
    second = await startSandbox({ dataFile: secondFile(), speed: 20 });
    await page.getByTestId('add-account').click();
    const dialog = page.getByTestId('account-dialog');
    await dialog.getByTestId('account-name').fill('Second cloud');
    // Plain http:// to another machine: a warning, and no adding until the user confirms it.
    await dialog.getByTestId('account-endpoint').fill('http://cloud.example.com:8787');
    await dialog.getByTestId('account-access-token').fill('x');
    await dialog.getByTestId('account-session-token').fill('y');
    await dialog.getByTestId('account-session-secret').fill('z');
    await expect.poll(() => dialog.getByTestId('plain-http-warning').innerText()).toMatch(/not encrypted/);
    await dialog.getByTestId('account-submit').click();
    await expect.poll(() => dialog.innerText()).toMatch(/Not encrypted: confirm below, or use https:\/\//);
    expect(await dialog.isVisible()).toBe(true);
    await page.waitForTimeout(400); // the error's fade-in
    await screen('add-account-plain-http');
    await dialog.getByTestId('account-endpoint').fill(second.endpoint);
    await expect.poll(() => dialog.getByTestId('plain-http-warning').count()).toBe(0);
    await dialog.getByTestId('account-access-token').fill(second.accessToken);
    await dialog.getByTestId('account-session-token').fill(second.adminSession.sessionToken);
    await dialog.getByTestId('account-session-secret').fill(second.adminSession.sessionSecret);
    await screen('add-account');
    await dialog.getByTestId('account-submit').click();
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);

    await expect.poll(() => stateOf('Second cloud'), { timeout: 15_000 }).toBe('online');
    // Adding it selected it: its rows alone, each naming it.
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBeGreaterThan(10);
    expect(await rows().first().locator('.cell-account').innerText()).toBe('Second cloud');
    await page.getByTestId('all-accounts').click();
    const counts = await page.locator('li.account .badge').allInnerTexts();
    expect(counts.map(Number).every((n) => n > 10)).toBe(true);
    expect(await page.getByTestId('volume-count').innerText()).toContain(`of ${counts.map(Number).reduce((a, b) => a + b)} volumes`);
  });

  it('opens a volume in the detail drawer', async () => {
    const name = await rows().first().locator('.cell-name').innerText();
    await rows().first().locator('.cell-name').dblclick();
    const drawer = page.getByTestId('volume-drawer');
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
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.isVisible()).toBe(false);

    // The same drawer from the toolbar's Details button, for the one selected row.
    await page.getByTestId('open-details').click();
    await expect.poll(() => drawer.isVisible()).toBe(true);
    expect(await drawer.getByTestId('detail-name').innerText()).toBe(`${name}-renamed`);
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.isVisible()).toBe(false);
  });

  it('sorts, filters with chips, selects like a desktop list, answers the keyboard, and exports', async () => {
    const count = page.getByTestId('volume-count');
    const total = Number(/of (\d+)/.exec(await count.innerText())?.[1]);
    const sizeHeader = page.getByRole('columnheader', { name: 'Size (GB)' });
    await sizeHeader.getByRole('button').click();
    expect(await sizeHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('none');
    const sizes = async () => (await rows().locator('.cell-size').allInnerTexts()).slice(0, 8).map(Number);
    expect(await sizes()).toEqual([...(await sizes())].sort((a, b) => a - b));
    await sizeHeader.getByRole('button').click();
    expect(await sizeHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await sizes()).toEqual([...(await sizes())].sort((a, b) => b - a));

    // Ctrl+F goes to the search box; a keyword becomes a removable chip.
    await page.getByTestId('volume-table').focus();
    await page.keyboard.press('Control+f');
    expect(await page.locator('[data-testid=volume-search]:focus').count()).toBe(1);
    await page.keyboard.type('backup');
    await expect.poll(() => count.innerText()).toMatch(new RegExp(`^\\d+ of ${total} volumes$`));
    const matching = Number(/^(\d+)/.exec(await count.innerText())?.[1]);
    expect(matching).toBeGreaterThan(2);
    expect(matching).toBeLessThan(total);
    for (const name of await rows().locator('.cell-name').allInnerTexts()) expect(name).toContain('backup');
    const chip = page.getByTestId('filter-chips').locator('.el-tag', { hasText: 'Search: backup' });
    expect(await chip.count()).toBe(1);

    // Click, Shift-click a range, Ctrl-click one out; Ctrl+A takes every filtered row.
    await rows().nth(0).locator('.cell-name').click();
    await rows().nth(2).locator('.cell-name').click({ modifiers: ['Shift'] });
    expect(await page.getByTestId('selected-count').innerText()).toBe('3 selected');
    await rows().nth(1).locator('.cell-name').click({ modifiers: ['Control'] });
    expect(await page.getByTestId('selected-count').innerText()).toBe('2 selected');
    expect(await rows().nth(1).getAttribute('aria-selected')).toBe('false');
    await page.getByTestId('volume-table').focus();
    await page.keyboard.press('Control+a');
    expect(await page.getByTestId('selected-count').innerText()).toBe(`${matching} selected`);

    // Delete asks (in the delete dialog) before anything happens; Esc closes it.
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog').filter({ hasText: /delete/i });
    await expect.poll(() => dialog.isVisible(), { timeout: 5_000 }).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible(), { timeout: 5_000 }).toBe(false);

    // Export: the filtered, sorted rows, as CSV.
    await page.getByTestId('toolbar-more').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(csv[0]).toMatch(/^Name,Enabled,State,Size \(GB\)/);
    expect(csv).toHaveLength(matching + 1);
    expect(csv.slice(1).every((line) => line.includes('backup'))).toBe(true);

    await chip.locator('.el-tag__close').click();
    await expect.poll(() => count.innerText()).toBe(`${total} of ${total} volumes`);
    await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  });

  it('remembers the columns chosen, across a reload', async () => {
    const updated = () => page.getByRole('columnheader', { name: 'Updated' }).count();
    expect(await updated()).toBe(1);
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitem').filter({ hasText: 'Updated' }).locator('.el-checkbox').click();
    await expect.poll(updated).toBe(0);
    // Kept by the core, not the page's origin: the browser host's port, and so its origin, changes each launch.
    const saved = async () => (JSON.parse(await readFile(join(app.dataDir, 'settings.json'), 'utf8')) as { volumeColumns: string[] | null }).volumeColumns;
    await expect.poll(saved).toEqual(expect.not.arrayContaining(['updated']));
    expect(await saved()).toContain('state');
    await page.reload();
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBeGreaterThan(10);
    expect(await updated()).toBe(0);
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitem').filter({ hasText: 'Updated' }).locator('.el-checkbox').click();
    await expect.poll(updated).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('switches to Chinese and back, and to the dark theme', async () => {
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect.poll(() => page.getByTestId('all-accounts').innerText()).toContain('全部账号');
    expect(await page.getByTestId('volume-count').innerText()).toMatch(/个磁盘/);
    expect(await page.getByRole('columnheader', { name: '名称' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.mouse.move(0, 0);
    await screen('volumes-zh-CN');

    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByTestId('all-accounts').innerText()).toContain('All accounts');
    expect(await page.getByRole('columnheader', { name: 'Name' }).count()).toBe(1);

    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.locator('html').getAttribute('class')).toContain('dark');
    await page.mouse.move(0, 0);
    await screen('volumes-dark');
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.locator('html').getAttribute('class')).not.toContain('dark');
  });

  it('shows the account offline with its cached rows when its cloud stops, and recovers when it is back', async () => {
    const port = Number(new URL(second.endpoint).port);
    await accountEntry('Second cloud').locator('button.item').first().click();
    await expect.poll(() => rows().count()).toBeGreaterThan(10);
    const shown = await page.getByTestId('volume-count').innerText();
    const firstName = await rows().first().locator('.cell-name').innerText();

    await second.stop();
    await page.getByRole('button', { name: 'Refresh volumes' }).click();
    const banner = page.locator('.offline');
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(1);
    expect(await banner.innerText()).toMatch(/Second cloud · Offline: showing the volumes as of \d{1,2}:\d{2}/);
    // Why, in the catalogue's words; the OS error is not the headline.
    expect(await banner.innerText()).toMatch(/The cloud cannot be reached/);
    expect(await banner.innerText()).not.toMatch(/ECONNREFUSED/);
    await expect.poll(() => stateOf('Second cloud'), { timeout: 10_000 }).toBe('offline');
    expect(await page.getByTestId('as-of').innerText()).toMatch(/^Second cloud · As of \d{1,2}:\d{2}$/);
    expect(await page.getByTestId('volume-count').innerText()).toBe(shown);
    expect(await rows().first().locator('.cell-name').innerText()).toBe(firstName);
    await screen('offline');

    // The same cloud coming back: its token and sessions are handed over (a sandbox keeps them only in memory).
    second = await startSandbox({ port, dataFile: secondFile(), speed: 20, credentials: second.credentials() });
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh volumes' }).click();
          return stateOf('Second cloud');
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('online');
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('volume-count').innerText()).toBe(shown);
  });

  it('asks for new credentials when the session expires, and is online again once they are given', async () => {
    second.expireSessions();
    await page.getByRole('button', { name: 'Refresh volumes' }).click();
    const prompt = page.getByTestId('expired-prompt');
    await expect.poll(() => prompt.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await stateOf('Second cloud')).toBe('session expired');
    expect(await prompt.innerText()).toContain('Session expired: Second cloud');
    // The core's notification (already worded) shows too; clicking it later selects the account.
    const notification = page.locator('.app-notification', { hasText: 'Second cloud' });
    await expect.poll(() => notification.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    await screen('expired-prompt');

    const session = second.createSession(ADMIN_USER_ID, 'admin');
    // The access token is kept by the core: only the new session is asked for.
    expect(await prompt.getByTestId('expired-access-token').count()).toBe(0);
    await prompt.getByTestId('expired-session-token').fill(session.sessionToken);
    await prompt.getByTestId('expired-session-secret').fill(session.sessionSecret);
    await prompt.getByTestId('expired-submit').click();
    await expect.poll(() => prompt.isVisible(), { timeout: 10_000 }).toBe(false);
    await expect
      .poll(
        async () => {
          if ((await stateOf('Second cloud')) !== 'online') await page.getByRole('button', { name: 'Refresh volumes' }).click();
          return stateOf('Second cloud');
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe('online');
    expect(await page.locator('.expired').count()).toBe(0);
    expect(await rows().count()).toBeGreaterThan(10);

    await page.getByTestId('all-accounts').click();
    await notification.first().click();
    expect(await accountEntry('Second cloud').locator('button.item').first().getAttribute('aria-current')).toBe('true');
  });
});
