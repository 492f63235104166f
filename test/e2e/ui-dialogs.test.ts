import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAppInBrowser, type AppInBrowser } from './browser';
import { pagesOf, SCREENS } from './pages';

// Honest dialogs end to end, over the real sandbox in Chromium: an over-long name is refused,
// not cut; a single create waits for the cloud's answer and shows a refusal beside its field;
// the drawer's actions work from the keyboard; removing an account asks through the store's dialog.
describe('dialogs that say what happened', () => {
  let app: AppInBrowser;
  let page: Page;
  let ui: ReturnType<typeof pagesOf>;

  beforeAll(async () => {
    await mkdir(SCREENS, { recursive: true });
    app = await startAppInBrowser({ sandbox: { speed: 20 } });
    page = await app.browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.setDefaultTimeout(10_000);
    ui = pagesOf(page);
    await ui.app.goto(app.host.url);
    await ui.app.waitForRows();
  });

  afterAll(() => app?.close());

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail')
      await page?.screenshot({ path: `${SCREENS}/failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}.png` });
  });

  /** How many batches the Activity panel would list: the queue as the core holds it. */
  async function batchCount(): Promise<number> {
    return (await app.core.handlers['queue:list']({})).length;
  }

  it('refuses a pasted 300-character name with the reason and a counter, and queues nothing', async () => {
    const before = await batchCount();
    await ui.volumes.openCreate();
    const create = ui.dialogs.operation('create');
    const name = create.getByLabel('Name', { exact: true });
    await name.focus();
    await name.fill('p'.repeat(300)); // what a paste leaves in the field
    expect((await name.inputValue()).length).toBe(300); // not cut to another, 255-character name
    await expect.poll(() => create.getByTestId('length-counter').first().innerText()).toBe('300 / 255');
    await expect.poll(() => create.innerText()).toContain('Too long: 300 characters, at most 255 are allowed.');
    await ui.dialogs.submit('create', 'Create').click();
    await page.waitForTimeout(300);
    expect(await create.isVisible()).toBe(true);
    expect(await batchCount()).toBe(before);
    await name.fill('p'.repeat(220));
    await expect.poll(() => create.getByTestId('length-counter').first().innerText()).toBe('220 / 255');
    await page.keyboard.press('Escape');
    await ui.dialogs.waitClosed(create);
  });

  it('keeps a single create that the cloud refuses open, with the reason beside the image field; a good one closes once accepted', async () => {
    await ui.volumes.openCreate();
    const create = ui.dialogs.operation('create');
    await create.getByLabel('Name', { exact: true }).fill('e2e-from-image');
    const image = create.getByLabel('Image id');
    await image.fill('img-nowhere');
    await page.keyboard.press('Tab'); // leaves the field, and its suggestions close
    await ui.dialogs.submit('create', 'Create').click();
    const imageItem = create.locator('.el-form-item', { has: page.getByLabel('Image id') });
    await expect.poll(() => imageItem.locator('.el-form-item__error').innerText(), { timeout: 20_000 }).toBe('The image does not exist');
    expect(await create.isVisible()).toBe(true);
    expect(await create.getByTestId('dialog-failure').count()).toBe(0); // beside the field, not at the foot
    await page.waitForTimeout(400); // the message's entry (and time for a toast to come, which it must not)
    expect(await ui.app.notification('Failed: Create volume e2e-from-image').count()).toBe(0); // said once, in the dialog
    await page.screenshot({ path: `${SCREENS}/create-dialog-refused.png` });

    await image.fill('');
    await page.keyboard.press('Tab');
    await expect.poll(() => imageItem.locator('.el-form-item__error').count()).toBe(0); // the answer was about the old value
    await create.getByLabel('Size (GB)').fill('5');
    await ui.dialogs.submit('create', 'Create').click();
    await ui.dialogs.waitClosed(create);
    // The refused one stays in the Activity panel as failed; the newest, on top, is done.
    await expect
      .poll(() => ui.activity.counts(ui.activity.batch('Create volume e2e-from-image').first()), { timeout: 20_000 })
      .toMatch(/1 of 1 finished\s+Done 1$/);
  });

  it('acts on a volume from the drawer by keyboard only: Tab to Extend, then Enter or Space', async () => {
    const drawer = await ui.volumes.openDrawer('e2e-from-image');
    const extend = ui.volumes.drawerAction('extend');
    for (const key of ['Enter', 'Space']) {
      await ui.volumes.drawerAction('clone').focus();
      await page.keyboard.press('Tab');
      await expect.poll(() => extend.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press(key);
      const dialog = ui.dialogs.operation('extend');
      await expect.poll(() => dialog.isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await ui.dialogs.waitClosed(dialog);
    }
    expect(await drawer.isVisible()).toBe(true);
    await ui.volumes.closeDrawer();
  });

  it('asks before removing an account in the dialogs frame, and keeps it on Cancel', async () => {
    const name = 'Local sandbox';
    await ui.app.accountButton(name).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Remove' }).click();
    const confirm = page.getByTestId('confirm-remove-account');
    await expect.poll(() => confirm.isVisible()).toBe(true);
    expect(await confirm.innerText()).toContain(`Remove "${name}" and forget its credentials?`);
    expect(await page.locator('.el-message-box').count()).toBe(0);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await ui.dialogs.waitClosed(confirm);
    expect(await ui.app.accountEntry(name).count()).toBe(1);
  });
});
