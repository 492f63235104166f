import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAppInBrowser, type AppInBrowser } from './browser';
import { pagesOf } from './pages';

// Operations end to end: the real renderer, browser host, core, queue and Local sandbox (its
// transitions sped up 20 times), in Debian's Chromium. Each step goes through a dialog, the
// queue and the Activity panel, and checks what the administrator would look at afterwards.

describe('operations in the browser host', () => {
  let app: AppInBrowser;
  let page: Page;
  let pages: ReturnType<typeof pagesOf>;

  beforeAll(async () => {
    app = await startAppInBrowser({ sandbox: { speed: 20 } });
    page = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(10_000);
    pages = pagesOf(page);
    await pages.app.goto(app.host.url);
    await pages.app.waitForRows();
  });

  afterAll(() => app?.close());

  // A failed step leaves a picture of what the page showed.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await pages?.app.screenshot(`failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}`);
  });

  const dialog = (kind: string) => pages.dialogs.operation(kind);
  const row = (name: string) => pages.volumes.row(name);
  const rows = () => pages.volumes.rows;

  it('creates one volume for a tenant, refusing a bad size first', async () => {
    await pages.volumes.openCreate();
    const create = dialog('create');
    const name = create.getByLabel('Name', { exact: true });
    await expect.poll(() => name.and(page.locator(':focus')).count()).toBe(1); // focus on the first field
    await name.fill('e2e-one');
    await create.getByRole('combobox', { name: 'Tenant (owner)' }).click({ force: true }); // the placeholder lies over the input
    await page.getByRole('option', { name: 'Finance (101)' }).click();
    await create.getByLabel('Size (GB)').fill('0');
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect.poll(() => create.getByText('The size must be at least 1 GB').count()).toBe(1);
    await create.getByLabel('Size (GB)').fill('10');
    await create.getByLabel('Description').fill('Made by the operations end-to-end test');
    await page.waitForTimeout(300); // the corrected field's border fades back
    await pages.app.screenshot('create-dialog');
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect.poll(() => create.isVisible()).toBe(false);
    await pages.activity.batchDone('Create volume e2e-one', 1);
    await pages.volumes.search('e2e-one');
    await expect.poll(() => row('e2e-one').count(), { timeout: 10_000 }).toBe(1);
  });

  it('creates a bulk of 5 named e2e-bulk-01 … e2e-bulk-05', async () => {
    await pages.volumes.openCreate();
    const create = dialog('create');
    await create.getByLabel('Name', { exact: true }).fill('dropped');
    await page.keyboard.press('Escape'); // Esc closes a dialog without queueing anything
    await expect.poll(() => create.isVisible()).toBe(false);
    await pages.volumes.openCreate();
    expect(await create.getByLabel('Name', { exact: true }).inputValue()).toBe(''); // a new dialog starts afresh
    await create.getByLabel('Name', { exact: true }).fill('e2e-bulk');
    await create.getByLabel('Count', { exact: true }).fill('5');
    await expect.poll(() => create.getByTestId('create-names').innerText()).toBe('Creates e2e-bulk-01 … e2e-bulk-05');
    await create.getByRole('button', { name: 'Create 5 volumes' }).click();
    await pages.activity.batchDone('Create 5 volumes (e2e-bulk-01 … e2e-bulk-05)', 5);
    await pages.volumes.search('e2e-bulk');
    await expect.poll(() => rows().allInnerTexts(), { timeout: 10_000 }).toHaveLength(5);
    for (const n of [1, 2, 3, 4, 5]) expect(await row(`e2e-bulk-0${n}`).count()).toBe(1);
  });

  let server = '';

  it('keeps a refused attach in its dialog with the reason under the server, then shows it failed in Activity with its API code and a retry', async () => {
    const drawer = await pages.volumes.openDrawer('e2e-one');
    await drawer.getByTestId('detail-attach').click();
    const attach = dialog('attach');
    await attach.getByLabel('Server id').fill('srv-nowhere');
    await page.keyboard.press('Tab'); // the suggestions close
    await attach.getByRole('button', { name: 'Attach', exact: true }).click();
    // A single operation waits for the cloud's answer: the refusal is shown beside the field it is about.
    const serverItem = attach.locator('.el-form-item', { has: page.getByLabel('Server id') });
    await expect
      .poll(() => serverItem.locator('.el-form-item__error').innerText(), { timeout: 20_000 })
      .toContain('No such server for this volume');
    expect(await attach.isVisible()).toBe(true);
    await attach.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => attach.isVisible()).toBe(false);
    await pages.volumes.closeDrawer();
    // The refused request stays on record in the Activity panel (open since the creates above, or opened here).
    if (!(await pages.activity.panel.isVisible())) await pages.app.toggleActivity();
    const batch = pages.activity.batch('Attach e2e-one to srv-nowhere');
    await expect.poll(() => batch.getByTestId('batch-counts').innerText(), { timeout: 20_000 }).toMatch(/1 of 1 finished\s+Failed 1$/);
    await batch.locator('[aria-expanded]').first().click(); // not opened on it (the dialog said it): unfolded by hand
    const item = batch.getByTestId('batch-item');
    expect(await item.innerText()).toContain('No such server for this volume');
    expect(await item.innerText()).not.toContain('attach failed'); // the core's text is folded under Details
    expect(await item.getByTestId('error-details').textContent()).toContain('volumes.error.server-not-exists');
    expect(await batch.getByRole('button', { name: /^Retry the failed/ }).isVisible()).toBe(true);
    expect(await batch.getByRole('button', { name: 'Retry e2e-one' }).isVisible()).toBe(true);
    await pages.app.screenshot('activity-failed');
  });

  it('attaches a volume to a server its tenant already uses, and shows it under that server', async () => {
    const drawer = await pages.volumes.openDrawer('e2e-one');
    await drawer.getByTestId('detail-attach').click();
    const attach = dialog('attach');
    const input = attach.getByLabel('Server id');
    await input.click();
    await page.getByRole('option').first().click(); // the first suggested server
    server = await input.inputValue();
    expect(server).not.toBe('');
    await attach.getByRole('button', { name: 'Attach', exact: true }).click();
    await pages.activity.batchDone(`Attach e2e-one to ${server}`, 1);
    await pages.volumes.closeDrawer();

    await pages.app.switchView('attachments');
    const card = pages.attachments.server(server);
    await expect.poll(() => card.getByTestId('attached-volume').filter({ hasText: 'e2e-one' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await card.getByTestId('attached-volume').filter({ hasText: 'e2e-one' }).innerText()).toMatch(/\/dev\/vd[a-z]/);
    await card.scrollIntoViewIfNeeded();
    await pages.app.screenshot('attachments');
  });

  it('detaches it from the Attachments view', async () => {
    await pages.attachments.detachButton('e2e-one', server).click();
    const detach = dialog('detach');
    // The server reads as its label or short id, the whole uuid on hover.
    await expect.poll(() => detach.innerText()).toContain('e2e-one from');
    expect(await detach.getByTestId('server-name').getAttribute('data-id')).toBe(server);
    await detach.getByRole('button', { name: 'Detach', exact: true }).click();
    await pages.activity.batchDone('Detach e2e-one', 1);
    await expect.poll(() => pages.attachments.freeVolume('e2e-one').count(), { timeout: 10_000 }).toBe(1);
  });

  it('opens a volume clicked on the Attachments view in its drawer there, and not later on the Volumes view', async () => {
    await pages.attachments.freeVolume('e2e-one').getByLabel('Show the details of e2e-one').click();
    const drawer = pages.volumes.drawer;
    await expect.poll(() => drawer.isVisible()).toBe(true);
    expect(await drawer.getByTestId('detail-name').innerText()).toBe('e2e-one');
    expect(await pages.attachments.view.isVisible()).toBe(true);
    await pages.volumes.closeDrawer();
    await pages.app.switchView('volumes');
    await expect.poll(() => rows().count()).toBeGreaterThan(0);
    expect(await drawer.isVisible()).toBe(false);
  });

  it('extends it, refusing a size that is not larger', async () => {
    const drawer = await pages.volumes.openDrawer('e2e-one');
    await drawer.getByTestId('detail-extend').click();
    const extend = dialog('extend');
    await extend.getByLabel('New size (GB)').fill('10');
    await extend.getByRole('button', { name: 'Extend', exact: true }).click();
    await expect.poll(() => extend.getByText('The new size must exceed the current 10 GB').count()).toBe(1);
    await extend.getByLabel('New size (GB)').fill('25');
    await extend.getByRole('button', { name: 'Extend', exact: true }).click();
    await pages.activity.batchDone('Extend e2e-one to 25 GB', 1);
    await expect.poll(() => row('e2e-one').innerText(), { timeout: 10_000 }).toMatch(/\b25\b/);
    await pages.volumes.closeDrawer();
  });

  it('renames it in place in the detail drawer', async () => {
    const drawer = await pages.volumes.openDrawer('e2e-one');
    await drawer.getByTestId('edit-name').click();
    await drawer.getByTestId('edit-name-input').fill('e2e-renamed');
    await drawer.getByTestId('edit-name-save').click();
    await expect.poll(() => drawer.getByTestId('detail-name').innerText(), { timeout: 10_000 }).toBe('e2e-renamed');
    await pages.volumes.closeDrawer();
    await pages.volumes.search('e2e-renamed');
    await expect.poll(() => row('e2e-renamed').count(), { timeout: 10_000 }).toBe(1);
  });

  it('disables the bulk as one batch and follows its progress', async () => {
    await pages.volumes.search('e2e-bulk');
    await expect.poll(() => rows().count()).toBe(5);
    await pages.volumes.selectAll(5);
    await pages.volumes.runBatch('disable'); // under More, with the less-used batch actions
    const disable = dialog('disable');
    await expect.poll(() => disable.getByTestId('dialog-volume-list').locator('li').count()).toBe(5);
    await disable.getByRole('button', { name: 'Disable', exact: true }).click();
    await pages.activity.batchDone('Disable 5 volumes', 5);
    await expect.poll(() => rows().filter({ hasText: 'Disabled' }).count(), { timeout: 10_000 }).toBe(5);

    // One notification for the whole batch, not one per volume; clicking it brings the panel back on the batch.
    const notice = pages.app.notification('Finished: Disable 5 volumes');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.innerText()).toMatch(/5 done/);
    await pages.activity.hide();
    await notice.click();
    const batch = pages.activity.batch('Disable 5 volumes');
    await expect.poll(() => batch.getAttribute('class')).toContain('batch--focused');
    await expect.poll(() => notice.count()).toBe(0); // and it goes once clicked
  });

  it('deletes the bulk as one batch, listing them and asking to confirm the count', async () => {
    await pages.volumes.selectAll(5);
    await pages.volumes.runBatch('delete');
    const remove = dialog('delete');
    await expect.poll(() => remove.getByTestId('dialog-volume-list').innerText()).toContain('e2e-bulk-05');
    await page.waitForTimeout(400); // the dialog's fade-in
    await pages.app.screenshot('delete-dialog');
    await remove.getByRole('button', { name: 'Delete 5 volumes' }).click();
    const batch = await pages.activity.batchDone('Delete 5 volumes', 5);
    expect(await batch.getByTestId('batch-item').count()).toBe(5); // the panel opened on it, expanded
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(0);
    await page.waitForTimeout(700); // the progress bars' transition
    await pages.app.screenshot('activity-panel');
  });

  it('asks to type the name before deleting one volume', async () => {
    const drawer = await pages.volumes.openDrawer('e2e-renamed');
    await drawer.getByTestId('detail-delete').click();
    const remove = dialog('delete');
    const submit = remove.getByRole('button', { name: 'Delete', exact: true });
    expect(await submit.isDisabled()).toBe(true);
    await remove.getByLabel('Type the name to confirm').fill('e2e-renamed');
    await submit.click();
    await pages.activity.batchDone('Delete e2e-renamed', 1);
    await pages.volumes.closeDrawer().catch(() => undefined);
  });

  it('shows the overview in light and dark', async () => {
    await pages.app.switchView('overview');
    const account = pages.overview.firstAccount;
    await expect.poll(() => account.getByTestId('overview-count').innerText(), { timeout: 10_000 }).toMatch(/^\d+$/);
    await expect.poll(() => account.locator('canvas').count()).toBeGreaterThanOrEqual(3);
    await page.waitForTimeout(1000); // the charts' entry animation
    await pages.app.screenshot('overview-light');
    await pages.app.setTheme('dark');
    await page.waitForTimeout(600); // the charts redrawn in the dark theme
    await pages.app.screenshot('overview-dark');
    await pages.app.setTheme('light');
  });

  it('opens the table filtered on a volume that needs attention', async () => {
    const link = pages.overview.attentionLinks.first();
    const name = (await link.innerText()).trim();
    await link.click();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await row(name).count()).toBe(1);
    expect(await pages.volumes.searchBox.inputValue()).toBe(name);
  });
});
