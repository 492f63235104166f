/**
 * Servers by the names users give them, in Chromium against the real core and Local sandbox: a
 * server is labelled from its Attachments heading by keyboard; the label shows there, in the
 * table's "Attached to" column, in why an attached volume cannot be attached again and in the
 * attach dialog's suggestions, finds its volumes in the table's search, keeps the full uuid on
 * hover and copies it; and it is still there after the core restarts on the same data folder. An
 * image id labelled in the drawer is suggested by its label in the Create dialog.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browser-host';
import { startAppCore, type AppCore } from '../../electron/core/app-core';
import type { Volume } from '../../electron/shared/volume';
import { launchChromium } from './browser';
import { pagesOf, SCREENS } from './pages';

const LABEL = 'Build box 7';

describe('server labels in the window', () => {
  let dataDir: string;
  let core: AppCore;
  let host: BrowserHost;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let accountId: string;
  /** A server of the demo fleet, the volumes attached to it, and a volume free to attach. */
  let serverId: string;
  let attachedNames: string[];
  let free: Volume;

  async function startCore(): Promise<void> {
    core = await startAppCore({ dataDir, sandbox: { speed: 0 } });
    host = await startBrowserHost({ handlers: core.handlers, subscribe: core.onEvent, rendererDir: resolve('dist/renderer') });
  }

  beforeAll(async () => {
    await mkdir(SCREENS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-e2e-labels-'));
    await startCore();
    const [local] = await core.handlers['accounts:list']({});
    accountId = local!.id;
    const { volumes } = await core.handlers['volumes:list']({ accountId });
    // A free volume, and a server its tenant uses (attach suggests only those).
    free = volumes.find(
      (v) =>
        v.attachments.length === 0 &&
        v.status === 'ACTIVED' &&
        v.volumeStatus === 'AVAILABLE' &&
        volumes.some((o) => o.userid === v.userid && o.attachments.length > 0),
    )!;
    expect(free, 'the demo fleet has a volume free to attach beside an attached one of its tenant').toBeDefined();
    serverId = volumes.find((v) => v.userid === free.userid && v.attachments.length > 0)!.attachments[0]!.serverId;
    attachedNames = volumes.filter((v) => v.attachments.some((a) => a.serverId === serverId)).map((v) => v.name);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(host.url);
    await pagesOf(page).app.waitForRows();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await core?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail')
      await page?.screenshot({ path: `${SCREENS}/failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}.png` });
  });

  const card = () => page.locator(`[data-testid="attachments-server"][data-server-id="${serverId}"]`);
  const heading = () => card().locator('.server__title').getByTestId('server-name');

  it('gives a server a label from its Attachments heading, by keyboard, with the uuid on hover', async () => {
    const { app, attachments } = pagesOf(page);
    await app.switchView('attachments');
    await attachments.view.getByRole('textbox').fill(serverId);
    await expect.poll(() => card().count()).toBe(1);
    // Unlabelled, the heading shows the short id; the whole uuid is on hover.
    expect(await heading().locator('.server-name__text').innerText()).toBe(`${serverId.slice(0, 8)}…`);
    expect(await heading().locator('.server-name__text').getAttribute('title')).toBe(serverId);

    await heading()
      .getByRole('button', { name: `Label ${serverId}` })
      .focus();
    await page.keyboard.press('Enter');
    const input = heading().getByRole('textbox', { name: `Label for ${serverId}` });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(`  ${LABEL}  `);
    await page.keyboard.press('Enter');

    await expect.poll(() => heading().locator('.server-name__text').innerText()).toBe(LABEL);
    expect(await heading().locator('.server-name__text').getAttribute('title')).toBe(`${LABEL} (${serverId})`);
    // Focus goes back to the edit button, and the core kept the trimmed label.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Label ${serverId}`);
    expect((await core.handlers['labels:list']({}))[accountId]?.server[serverId]).toBe(LABEL);
    // The Attachments search finds the server by its label too.
    await attachments.view.getByRole('textbox').fill('build box');
    await expect.poll(() => card().count()).toBe(1);
    await card().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENS}/attachments-server-labels.png` });
  });

  it('copies the full uuid with the copy button', async () => {
    await heading()
      .getByRole('button', { name: `Copy ${serverId}` })
      .click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(serverId);
  });

  it("shows the label in the table's Attached to column and finds its volumes by it", async () => {
    const { app, volumes } = pagesOf(page);
    await app.switchView('volumes');
    await volumes.search(LABEL.toLowerCase());
    await expect.poll(() => volumes.rows.count()).toBe(attachedNames.length);
    expect((await volumes.cells('name')).sort()).toEqual([...attachedNames].sort());
    const names = volumes.rows.first().locator(`[data-testid="server-name"][data-id="${serverId}"] .server-name__text`);
    expect(await names.innerText()).toBe(LABEL);
    expect(await names.getAttribute('title')).toBe(`${LABEL} (${serverId})`);
  });

  it('names the server by its label in why an attached volume cannot be attached again', async () => {
    const { volumes } = pagesOf(page);
    const { volumes: all } = await core.handlers['volumes:list']({ accountId });
    const attached = all.find((v) => v.status === 'ACTIVED' && v.volumeStatus === 'IN_USE' && v.attachments[0]?.serverId === serverId);
    expect(attached, 'an enabled volume in use on the labelled server').toBeDefined();
    await volumes.search(attached!.name);
    await expect.poll(() => volumes.row(attached!.name).count()).toBe(1);
    await volumes.row(attached!.name).click();
    await expect.poll(() => volumes.row(attached!.name).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    const drawer = page.getByTestId('volume-drawer');
    await expect
      .poll(() => drawer.getByTestId('detail-attach').getAttribute('aria-description'))
      .toBe(`Already attached to server ${LABEL}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.isVisible()).toBe(false);
  });

  it('suggests the labelled server by its label in the attach dialog', async () => {
    const { volumes } = pagesOf(page);
    await volumes.search(free.name);
    await expect.poll(() => volumes.row(free.name).count()).toBe(1);
    await volumes.row(free.name).click();
    await expect.poll(() => volumes.row(free.name).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    const drawer = page.getByTestId('volume-drawer');
    await drawer.getByTestId('detail-attach').click();
    const attach = page.getByTestId('dialog-attach');
    const input = attach.getByLabel('Server id');
    await input.fill('build');
    const suggestion = page.getByTestId('server-suggestion').filter({ hasText: LABEL });
    await expect.poll(() => suggestion.count()).toBe(1);
    expect(await suggestion.innerText()).toContain(serverId);
    // The hint names both reasons a server is suggested: used by the tenant, or labelled.
    expect(await attach.innerText()).toMatch(
      /The list suggests (one server: one this tenant already uses, or one you labelled|\d+ servers: those this tenant already uses, and those you labelled)\./,
    );
    await page.screenshot({ path: `${SCREENS}/attach-server-suggestions.png` });
    // Choosing it fills in the uuid, which is what the cloud takes.
    await suggestion.click();
    expect(await input.inputValue()).toBe(serverId);
    await page.keyboard.press('Escape');
    await expect.poll(() => attach.isVisible()).toBe(false);
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.isVisible()).toBe(false);
  });

  it('labels an image id in the drawer and suggests it by that label in the Create dialog', async () => {
    const { volumes } = pagesOf(page);
    const { volumes: all } = await core.handlers['volumes:list']({ accountId });
    const fromImage = all.find((v) => v.imageId !== null);
    expect(fromImage, 'the demo fleet has a volume made from an image').toBeDefined();
    const imageId = fromImage!.imageId!;
    await volumes.search(fromImage!.name);
    await expect.poll(() => volumes.row(fromImage!.name).count()).toBe(1);
    await volumes.row(fromImage!.name).click();
    await expect.poll(() => volumes.row(fromImage!.name).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    const drawer = page.getByTestId('volume-drawer');
    await drawer.getByRole('button', { name: `Label ${imageId}` }).click();
    await drawer.getByRole('textbox', { name: `Label for ${imageId}` }).fill('Debian 12 base');
    await drawer.getByTestId('server-name-save').click();
    await expect
      .poll(() => drawer.locator(`[data-testid="server-name"][data-id="${imageId}"] .server-name__text`).innerText())
      .toBe('Debian 12 base');
    await page.screenshot({ path: `${SCREENS}/drawer-image-label.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.isVisible()).toBe(false);

    await page.getByTestId('create-volume').click();
    const create = page.getByTestId('dialog-create');
    await create.getByLabel('Image id').fill('debian');
    const suggestion = page.getByTestId('image-suggestion').filter({ hasText: 'Debian 12 base' });
    await expect.poll(() => suggestion.count()).toBe(1);
    await suggestion.click();
    expect(await create.getByLabel('Image id').inputValue()).toBe(imageId);
    await page.keyboard.press('Escape');
    await expect.poll(() => create.isVisible()).toBe(false);
  });

  it('reads in Chinese and in the dark theme', async () => {
    const { app, attachments } = pagesOf(page);
    await app.switchView('attachments');
    await app.setLanguage('zh-CN');
    await app.toggleTheme();
    await attachments.view.getByRole('textbox').fill(LABEL);
    expect(
      await heading()
        .getByRole('button', { name: `为 ${serverId} 设置标签` })
        .count(),
    ).toBe(1);
    expect(
      await heading()
        .getByRole('button', { name: `复制 ${serverId}` })
        .count(),
    ).toBe(1);
    await page.screenshot({ path: `${SCREENS}/attachments-server-labels-zh-dark.png` });
    await app.toggleTheme();
    await app.setLanguage('en');
  });

  it('keeps the label after the core restarts on the same data folder', async () => {
    await host.stop();
    await core.stop();
    await startCore();
    await page.goto(host.url);
    const { app, attachments } = pagesOf(page);
    await page.getByTestId('view-switcher').waitFor();
    await app.switchView('attachments');
    await attachments.view.getByRole('textbox').fill(LABEL);
    await expect.poll(() => heading().locator('.server-name__text').innerText(), { timeout: 15_000 }).toBe(LABEL);
  }, 60_000);
});
