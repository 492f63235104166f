import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The Volumes view: its toolbar (search, filters, batch actions, export, columns), the table and the counts. */
export class VolumesPage {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByTestId('volume-table');
  }

  get rows(): Locator {
    return this.page.getByTestId('volume-row');
  }

  /** The table row whose name is exactly `name`. */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.locator('.cell-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
  }

  /** The text of one column (by its cell class, e.g. 'name', 'size', 'account') of the rows shown. */
  cells(column: string): Promise<string[]> {
    return this.rows.locator(`.cell-${column}`).allInnerTexts();
  }

  get searchBox(): Locator {
    return this.page.getByTestId('volume-search');
  }

  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
  }

  /** "N of M volumes". */
  count(): Promise<string> {
    return this.page.getByTestId('volume-count').innerText();
  }

  /** The M of "N of M volumes". */
  async total(): Promise<number> {
    return Number((/of ([\d,]+)/.exec(await this.count())?.[1] ?? '').replace(/,/g, ''));
  }

  selectedCount(): Promise<string> {
    return this.page.getByTestId('selected-count').innerText();
  }

  /** Ctrl+A in the table selects every filtered row. */
  async selectAll(expected?: number): Promise<void> {
    await this.table.focus();
    await this.page.keyboard.press('Control+a');
    if (expected !== undefined) await expect.poll(() => this.selectedCount()).toBe(`${expected} selected`);
  }

  columnHeader(name: string): Locator {
    return this.page.getByRole('columnheader', { name, exact: true });
  }

  /** Clicks a column's sort button. */
  async sortBy(name: string): Promise<void> {
    await this.columnHeader(name).getByRole('button').click();
  }

  /** The removable chip of one filter ("Search: backup"). */
  chip(text: string): Locator {
    return this.page.getByTestId('filter-chips').locator('.el-tag', { hasText: text });
  }

  /** Shows or hides a column from the Columns menu (its checkbox's input is drawn hidden: the label is what takes the click). */
  async toggleColumn(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Columns' }).click();
    await this.page.getByRole('menuitem').filter({ hasText: name }).getByText(name, { exact: true }).click();
  }

  /** The toolbar's control of one batch action (disable, delete …) for the selected rows: Delete's button, or an item of More. */
  batchAction(action: string): Locator {
    return this.page.getByTestId(`batch-${action}`);
  }

  /** Opens one batch action's dialog for the selected rows (from More, but Delete). */
  async runBatch(action: string): Promise<void> {
    if (action !== 'delete') await this.page.getByTestId('toolbar-more').click();
    await this.batchAction(action).click();
  }

  async openCreate(): Promise<void> {
    await this.page.getByTestId('create-volume').click();
  }

  /** Opens More and picks CSV or JSON; resolves with the downloaded file's path. */
  async export(format: 'csv' | 'json'): Promise<string> {
    await this.page.getByTestId('toolbar-more').click();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`export-${format}`).click()]);
    return (await download.path())!;
  }

  get drawer(): Locator {
    return this.page.getByTestId('volume-drawer');
  }

  /** Narrows the table to `name`, selects its row and opens it in the detail drawer with Enter. */
  async openDrawer(name: string): Promise<Locator> {
    await this.search(name);
    await expect.poll(() => this.rows.count(), { timeout: 10_000 }).toBe(1); // the filter has applied
    // Click to select and focus it, then Enter to open it (a double click races the row's re-render).
    await this.row(name).click();
    await expect.poll(() => this.row(name).getAttribute('aria-selected')).toBe('true');
    await this.page.keyboard.press('Enter');
    await expect.poll(() => this.drawer.getByTestId('detail-name').innerText()).toBe(name);
    return this.drawer;
  }

  /** Esc closes the drawer. */
  async closeDrawer(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect.poll(() => this.drawer.isVisible()).toBe(false);
  }

  /** The drawer's button of one action (clone, extend, attach, … delete). */
  drawerAction(action: string): Locator {
    return this.drawer.getByTestId(`detail-${action}`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
