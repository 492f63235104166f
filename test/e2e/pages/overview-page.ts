import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The Overview view: per-account totals, charts and the volumes that need attention. */
export class OverviewPage {
  constructor(readonly page: Page) {}

  get view(): Locator {
    return this.page.getByTestId('overview-view');
  }

  get firstAccount(): Locator {
    return this.page.getByTestId('overview-account').first();
  }

  /** Waits until the first account's count and its charts are drawn. */
  async waitDrawn(): Promise<void> {
    await expect.poll(() => this.firstAccount.getByTestId('overview-count').innerText(), { timeout: 10_000 }).toMatch(/^[\d,]+$/);
    await expect.poll(() => this.firstAccount.locator('canvas').count()).toBeGreaterThanOrEqual(3);
  }

  /** The links to the volumes that need attention (el-link draws an <a> without href, so no link role). */
  get attentionLinks(): Locator {
    return this.page.getByTestId('overview-attention').locator('a');
  }
}
