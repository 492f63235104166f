import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The Settings dialog (opened from the header's gear button). */
export class SettingsPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId('settings-dialog');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('settings-button').click();
    await expect.poll(() => this.dialog.isVisible()).toBe(true);
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect.poll(() => this.dialog.isVisible()).toBe(false);
  }
}
