/**
 * Prompts and counts as a user meets them, through the browser host in Chromium with a real cloud
 * sandbox and the Local sandbox (1,200 volumes):
 * - the sidebar at 1280×720 and 1440×900 keeps an account's name beside its "needs credentials"
 *   state, in English and Chinese (screenshots);
 * - a wrong session token in the expired-session prompt keeps the prompt open with the cloud's
 *   refusal under the session token field; the right one closes it;
 * - a batch of 1,200 items counts its items with separators, in both languages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { startAppInBrowser, type AppInBrowser } from './browser';
import { pagesOf } from './pages';
import { CredentialsPrompt } from './pages/credentials-page';

const NAME = 'Shanghai storage cluster';
const LOCAL = { speed: 0, seed: 'scale:1200' } as const;

describe('credential prompts that keep their refusal, the sidebar at 1280 px, counts in paginations', () => {
  let cloud: RunningSandbox;
  let app: AppInBrowser;
  let page: Page;

  beforeAll(async () => {
    cloud = await startSandbox({ seed: 'demo', speed: 0 });
    app = await startAppInBrowser({
      refreshIntervalMs: 3_600_000,
      sandbox: LOCAL,
      // A first run keeps the account's secrets in a keychain that the restart cannot read: "needs credentials".
      prepare: async (dataDir) => {
        const first = await startAppCore({ dataDir, keychain: new MemorySecretStore(), refreshIntervalMs: 3_600_000, sandbox: LOCAL });
        const secrets = {
          accessToken: cloud.accessToken,
          sessionToken: cloud.adminSession.sessionToken,
          sessionSecret: cloud.adminSession.sessionSecret,
        };
        const { id } = await first.handlers['accounts:add']({ name: NAME, endpoint: cloud.endpoint, colour: '#2266aa', secrets });
        expect((await first.handlers['volumes:list']({ accountId: id })).source).toBe('live');
        await first.stop();
        process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent';
      },
    });
    page = await app.browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.setDefaultTimeout(10_000);
    await page.goto(app.host.url);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await cloud?.stop();
  });

  /** The account's name in the sidebar: its box, whether its text fits, and the row's tooltip and accessible name. */
  async function sidebarName() {
    const button = pagesOf(page).app.accountButton(NAME);
    const name = button.locator('.name');
    const fit = await name.evaluate((el) => ({
      width: el.getBoundingClientRect().width,
      cut: el.scrollWidth > el.clientWidth,
      text: el.textContent,
    }));
    // The button is named by what it shows (label in name): its name, its state, its count.
    const named = (state: string) => page.getByRole('button', { name: new RegExp(`^${NAME}\\s+${state}\\s`) }).count();
    return { ...fit, title: await button.getAttribute('title'), named };
  }

  it('keeps the account\'s name beside its "needs credentials" state at 1280×720 and 1440×900, in both languages', async () => {
    const { app: shell } = pagesOf(page);
    await expect.poll(() => shell.accountState(NAME), { timeout: 15_000 }).toBe('needs credentials');
    const states = { en: 'needs credentials', 'zh-CN': '需要凭据' } as const;
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1440, height: 900 },
    ]) {
      await page.setViewportSize(size);
      for (const language of ['en', 'zh-CN'] as const) {
        await shell.setLanguage(language);
        expect(await shell.accountState(NAME)).toBe(states[language]);
        const name = await sidebarName();
        expect(name.text).toBe(NAME);
        // The whole name is read (it was "S." beside the state tag), and hovering or a screen reader tells both.
        expect(name.cut).toBe(false);
        expect(name.width).toBeGreaterThan(140);
        expect(name.title).toContain(`${NAME} · ${states[language]}`);
        expect(await name.named(states[language])).toBe(1);
        await shell.screenshot(`prompts-sidebar-${size.width}x${size.height}-${language}`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 720 });
    await shell.setLanguage('en');
  });

  it('keeps the expired-session prompt open with the refusal under the session token, and closes it on the right session', async () => {
    const { app: shell } = pagesOf(page);
    const prompt = new CredentialsPrompt(page);
    // Bring the account online first (kept for this session: there is no keychain), then let its session expire.
    await page
      .getByTestId(`account-credentials-${(await app.core.handlers['accounts:list']({})).find((a) => a.name === NAME)!.id}`)
      .click();
    await prompt.waitOpen();
    await prompt.submit({
      accessToken: cloud.accessToken,
      sessionToken: cloud.adminSession.sessionToken,
      sessionSecret: cloud.adminSession.sessionSecret,
    });
    await expect.poll(() => shell.accountState(NAME), { timeout: 15_000 }).toBe('online');
    await expect.poll(() => prompt.dialog.isVisible()).toBe(false);

    cloud.expireSessions();
    await shell.refresh();
    await prompt.waitOpen();
    await prompt.submit({ sessionToken: 'not-a-session', sessionSecret: 'not-a-secret' });
    await prompt.sessionRefusal.waitFor();
    expect(await prompt.sessionRefusal.innerText()).toContain('The cloud refused the credentials');
    expect(await prompt.dialog.isVisible()).toBe(true);
    expect(await prompt.dialog.getByTestId('expired-session-token').getAttribute('aria-invalid')).toBe('true');
    // The technical detail is folded under "Details", with the code as sent.
    expect(await prompt.sessionRefusal.getByTestId('error-details').textContent()).toContain('volumes.error.access-denied');
    expect(await page.locator('.el-message').filter({ hasText: 'refused' }).count()).toBe(0);
    await shell.screenshot('prompts-expired-refused');

    const session = cloud.createSession(100, 'admin');
    await prompt.submit(session);
    await expect.poll(() => prompt.dialog.isVisible(), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => shell.accountState(NAME), { timeout: 15_000 }).toBe('online');
  });

  it("counts a batch's 1,200 items with separators under its pages, in both languages", async () => {
    const { app: shell } = pagesOf(page);
    const local = (await app.core.handlers['accounts:list']({})).find((a) => a.kind === 'local-sandbox');
    if (!local) throw new Error('no Local sandbox account');
    const { volumes } = await app.core.handlers['volumes:list']({ accountId: local.id });
    expect(volumes.length).toBe(1200);
    const items = volumes.map((v) => ({ op: 'enable' as const, accountId: local.id, params: { unique: v.unique }, label: v.name }));
    await app.core.handlers['queue:submit']({ title: 'Enable all 1200', items });

    await shell.toggleActivity();
    const batch = pagesOf(page).activity.batch('Enable all 1200');
    await batch.waitFor();
    const total = batch.getByTestId('batch-items-total');
    if (!(await total.isVisible())) await batch.getByRole('button', { name: /Show the items of/ }).click();
    await expect.poll(() => total.innerText()).toBe('1,200 items');
    await shell.setLanguage('zh-CN');
    await expect.poll(() => total.innerText()).toBe('共 1,200 项');
    await total.scrollIntoViewIfNeeded();
    await shell.screenshot('prompts-batch-total-zh');
    await shell.setLanguage('en');
  });
});
