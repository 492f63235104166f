import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The Activity panel: the queue's batches, their counts and items. */
export class ActivityPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('activity-panel');
  }

  /** The batch of that title. */
  batch(title: string | RegExp): Locator {
    return this.page.getByTestId('batch').filter({ has: this.page.getByTestId('batch-title').filter({ hasText: title }) });
  }

  counts(batch: Locator): Promise<string> {
    return batch.getByTestId('batch-counts').innerText();
  }

  /** The batch of that title, once every one of its `n` items is done. */
  async batchDone(title: string | RegExp, n: number, timeout = 20_000): Promise<Locator> {
    const batch = this.batch(title);
    await expect.poll(() => this.counts(batch), { timeout }).toMatch(new RegExp(`${n} of ${n} finished\\s+Done ${n}$`));
    return batch;
  }

  async hide(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Hide the Activity panel' }).click();
    await expect.poll(() => this.panel.isVisible()).toBe(false);
  }
}
