import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where e2e tests keep their pictures (looked at with an image viewer, kept with the test results). */
export const SCREENS = 'test-results/screens';

/** The views of the switcher above the sidebar, in its order. */
const VIEWS = ['volumes', 'attachments', 'overview'] as const;
export type ViewName = (typeof VIEWS)[number];

/**
 * The window's frame as a user meets it: the header (language, theme, settings), the view
 * switcher, the account sidebar, the status bar and the app's notifications.
 */
export class AppPage {
  constructor(readonly page: Page) {}

  /** Opens the app at its host's address. */
  async goto(url: string): Promise<void> {
    await this.page.goto(url);
  }

  /** Waits for the first table rows (the Local sandbox's fleet, or the account in view). */
  async waitForRows(timeout = 20_000): Promise<void> {
    await this.page.getByTestId('volume-row').first().waitFor({ timeout });
  }

  // The sidebar.
  accountEntry(name: string): Locator {
    return this.page.locator('li.account', { hasText: name });
  }

  /** The account's own button (selects it; aria-current when in view). */
  accountButton(name: string): Locator {
    return this.accountEntry(name).locator('button.item').first();
  }

  accountState(name: string): Promise<string> {
    return this.accountEntry(name).locator('.state').innerText();
  }

  /** The volume count badge of every account in the sidebar ("1,200" read as 1200). */
  async accountCounts(): Promise<number[]> {
    return (await this.page.locator('li.account .badge').allInnerTexts()).map((text) => Number(text.replace(/,/g, '')));
  }

  get allAccounts(): Locator {
    return this.page.getByTestId('all-accounts');
  }

  get addAccountButton(): Locator {
    return this.page.getByTestId('add-account');
  }

  /**
   * Switches the view, in whichever language the window speaks: the switcher's options are radios,
   * drawn hidden inside the label a user clicks.
   */
  async switchView(view: ViewName): Promise<void> {
    await this.page.getByTestId('view-switcher').getByRole('radio').nth(VIEWS.indexOf(view)).locator('xpath=..').click();
  }

  // The header.
  async setLanguage(language: 'en' | 'zh-CN'): Promise<void> {
    await this.page.getByTestId('language-menu').click();
    await this.page.getByTestId(`language-${language}`).click();
    await expect.poll(() => this.page.locator('html').getAttribute('lang')).toBe(language);
  }

  async isDark(): Promise<boolean> {
    return /\bdark\b/.test((await this.page.locator('html').getAttribute('class')) ?? '');
  }

  /** The header's theme button flips light and dark. */
  async toggleTheme(): Promise<void> {
    const before = await this.isDark();
    await this.page.getByTestId('theme-toggle').click();
    await expect.poll(() => this.isDark()).toBe(!before);
  }

  async setTheme(theme: 'light' | 'dark'): Promise<void> {
    if ((await this.isDark()) !== (theme === 'dark')) await this.toggleTheme();
  }

  async openSettings(): Promise<Locator> {
    await this.page.getByTestId('settings-button').click();
    const dialog = this.page.getByTestId('settings-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    return dialog;
  }

  async refresh(): Promise<void> {
    await this.page.getByRole('button', { name: 'Refresh volumes' }).click();
  }

  // The status bar and notifications.
  async toggleActivity(): Promise<void> {
    await this.page.getByTestId('activity-toggle').click();
  }

  notification(text: string | RegExp): Locator {
    return this.page.locator('.app-notification').filter({ hasText: text });
  }

  get offlineBanner(): Locator {
    return this.page.locator('.offline');
  }

  /** A full-window picture under test-results/screens/. */
  async screenshot(name: string): Promise<void> {
    await mkdir(SCREENS, { recursive: true });
    await this.page.screenshot({ path: `${SCREENS}/${name}.png` });
  }
}
