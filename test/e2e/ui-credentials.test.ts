/**
 * The credentials prompt as a user meets it, through the browser host in Chromium:
 * - a restart where the keychain that holds an account's secrets is gone: the account reads
 *   "needs credentials" at once with its cached rows, and the banner's button opens the prompt
 *   whose credentials (kept for this session) bring it online;
 * - an expired session: the prompt asks only for the new session, and the page never receives
 *   the access token (every WebSocket frame it got, and the page itself, are searched).
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { startAppInBrowser, type AppInBrowser } from './browser';
import { AppPage, SCREENS } from './pages/app-page';

describe('credentials: none readable after a restart, and an expired session', () => {
  let cloud: RunningSandbox;
  let app: AppInBrowser;
  let page: Page;
  let accountId = '';
  const received: string[] = [];
  const sent: string[] = [];

  beforeAll(async () => {
    cloud = await startSandbox({ seed: 'demo', speed: 0 });
    app = await startAppInBrowser({
      refreshIntervalMs: 3_600_000,
      sandbox: { speed: 0, seed: 'empty' },
      // The first run: the account saved with its secrets in a keychain, its volumes listed (and cached).
      prepare: async (dataDir) => {
        const first = await startAppCore({
          dataDir,
          keychain: new MemorySecretStore(),
          refreshIntervalMs: 3_600_000,
          sandbox: { speed: 0, seed: 'empty' },
        });
        const secrets = {
          accessToken: cloud.accessToken,
          sessionToken: cloud.adminSession.sessionToken,
          sessionSecret: cloud.adminSession.sessionSecret,
        };
        accountId = (await first.handlers['accounts:add']({ name: 'Second cloud', endpoint: cloud.endpoint, colour: '#2266aa', secrets }))
          .id;
        expect((await first.handlers['volumes:list']({ accountId })).source).toBe('live');
        await first.stop();
        // The restart: this test file's own process has no Secret Service (its session bus points at nothing),
        // so the OS keychain the core now opens cannot give the account's secrets back.
        process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent';
      },
    });
    await mkdir(SCREENS, { recursive: true });
    page = await app.browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.setDefaultTimeout(10_000);
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => received.push(String(payload)));
      socket.on('framesent', ({ payload }) => sent.push(String(payload)));
    });
    await page.goto(app.host.url);
  });

  afterAll(async () => {
    await app?.close();
    await cloud?.stop();
  });

  it('shows the account as needing credentials with its cached rows; the banner opens the prompt, and its credentials bring it online', async () => {
    const entry = page.locator('li.account', { hasText: 'Second cloud' });
    await expect.poll(() => entry.locator('.state').innerText(), { timeout: 15_000 }).toBe('needs credentials');
    await entry.locator('button.item').first().click();
    const rows = page.getByTestId('volume-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(5);
    const banner = page.getByTestId('banner-credentials');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.innerText()).toMatch(/Second cloud needs its credentials: showing the volumes as of \d{2}:\d{2}/);
    expect(await banner.innerText()).not.toMatch(/keychain\.failed|Secret|DBus/i); // the technical text stays folded
    expect(await entry.getByTestId(`account-credentials-${accountId}`).isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENS}/needs-credentials-banner.png` });
    // The same in Chinese and dark: the words come from the window's catalogue, not the core.
    const frame = new AppPage(page);
    await frame.setLanguage('zh-CN');
    await frame.setTheme('dark');
    expect(await banner.innerText()).toMatch(/Second cloud 需要凭据：显示截至 \d{2}:\d{2} 的磁盘/);
    expect(await entry.locator('.state').innerText()).toBe('需要凭据');
    await frame.screenshot('needs-credentials-banner-zh-dark');
    await frame.setLanguage('en');
    await frame.setTheme('light');

    await page.getByTestId(`banner-credentials-${accountId}`).click();
    const prompt = page.getByTestId('expired-prompt');
    await prompt.waitFor();
    expect(await prompt.innerText()).toContain('Credentials needed: Second cloud');
    // Without a keychain the credentials can only be kept for this session: already chosen.
    expect(await prompt.getByTestId('expired-session-only').locator('input').isChecked()).toBe(true);
    await prompt.getByTestId('expired-access-token').fill(cloud.accessToken);
    await prompt.getByTestId('expired-session-token').fill(cloud.adminSession.sessionToken);
    await prompt.getByTestId('expired-session-secret').fill(cloud.adminSession.sessionSecret);
    await page.getByTestId('expired-submit').click();
    await expect.poll(() => entry.locator('.state').innerText(), { timeout: 15_000 }).toBe('online');
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
  });

  it('asks only for the new session when it expires, and never hands the page the access token', async () => {
    const entry = page.locator('li.account', { hasText: 'Second cloud' });
    cloud.expireSessions();
    await page.getByRole('button', { name: 'Refresh volumes' }).click();
    const prompt = page.getByTestId('expired-prompt');
    await expect.poll(() => prompt.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await prompt.innerText()).toContain('Session expired: Second cloud');
    expect(await prompt.getByTestId('expired-access-kept').innerText()).toContain('The access token is kept');
    expect(await prompt.getByTestId('expired-access-token').count()).toBe(0);
    await page.screenshot({ path: `${SCREENS}/expired-session-prompt.png` });

    // "Change the access token too" brings its field back; unticked, it goes again.
    await prompt.getByTestId('expired-change-access').click();
    expect(await prompt.getByTestId('expired-access-token').count()).toBe(1);
    await prompt.getByTestId('expired-change-access').click();
    expect(await prompt.getByTestId('expired-access-token').count()).toBe(0);

    const session = cloud.createSession(100, 'admin');
    await prompt.getByTestId('expired-session-token').fill(session.sessionToken);
    await prompt.getByTestId('expired-session-secret').fill(session.sessionSecret);
    await page.getByTestId('expired-submit').click();
    await expect.poll(() => entry.locator('.state').innerText(), { timeout: 15_000 }).toBe('online');

    const renewal = sent.find((frame) => frame.includes('accounts:renew-session'));
    expect(renewal).toContain(session.sessionToken);
    expect(renewal).not.toContain(cloud.accessToken);
    expect(received.length).toBeGreaterThan(5);
    for (const secret of [
      cloud.accessToken,
      cloud.adminSession.sessionToken,
      cloud.adminSession.sessionSecret,
      session.sessionToken,
      session.sessionSecret,
    ]) {
      for (const frame of received) expect(frame.includes(secret)).toBe(false);
    }
    expect(await page.content()).not.toContain(cloud.accessToken);
  });
});
