import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppInBrowser, type AppInBrowser } from './browser';
import { AppPage, VolumesPage } from './pages';

// The real renderer (built by `vite build`, which `npm test` runs first), the real browser host,
// the real core and its Local sandbox, in Debian's Chromium.
describe('first launch in the browser host', () => {
  let app: AppInBrowser;

  beforeAll(async () => {
    app = await startAppInBrowser();
  });

  afterAll(() => app?.close());

  it('shows the Local sandbox fleet, and no credential reaches the page', async () => {
    const page = await app.browser.newPage();
    const frames: string[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => frames.push(String(payload))));
    const shell = new AppPage(page);
    await shell.goto(app.host.url);
    await expect.poll(() => page.getByText('Local sandbox').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const { rows } = new VolumesPage(page);
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(10);
    // The sidebar's entry: the account's name, its state in words, and its volume count (its noun for screen readers).
    const account = shell.accountButton('Local sandbox');
    await expect.poll(() => account.innerText(), { timeout: 10_000 }).toMatch(/^Local sandbox\s+online\s+\d+\s+volumes$/);
    await expect.poll(() => page.getByTestId('volumes-skeleton').count(), { timeout: 15_000 }).toBe(0);
    await page.screenshot({ path: 'test-results/first-launch.png' });

    // Every credential the Local sandbox issued: held in memory, and never in its own fleet file.
    const issued = app.core.sandbox.credentials();
    const secrets = [issued.accessToken, ...issued.sessions.flatMap((s) => [s.sessionToken, s.sessionSecret])];
    const fleetFile = await readFile(join(app.dataDir, 'local-sandbox.json'), 'utf8');
    for (const secret of secrets) expect(fleetFile).not.toContain(secret);
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    expect(frames.join('\n')).toContain('volumeStatus'); // the listing itself was captured
    const seenByRenderer = frames.join('\n') + (await page.content());
    for (const secret of secrets) expect(seenByRenderer).not.toContain(secret);
    await page.close();
  });

  it('answers nothing without the token', async () => {
    const origin = new URL(app.host.url).origin;
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(403);
    expect(await page.text()).not.toContain('<div id="app">');
    const asset = await fetch(`${origin}/index.html`);
    expect(asset.status).toBe(403);
  });

  it('refuses a socket without the token', async () => {
    const origin = new URL(app.host.url).origin;
    const context = await app.browser.newContext();
    const page = await context.newPage();
    // A page of another origin cannot open the host's socket, even knowing its address.
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((done) => {
          const socket = new WebSocket(url);
          socket.onopen = () => done('open');
          socket.onerror = () => done('refused');
        }),
      `${origin.replace('http', 'ws')}/ipc`,
    );
    expect(outcome).toBe('refused');
    await context.close();
  });
});
