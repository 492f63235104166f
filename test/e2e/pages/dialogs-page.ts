import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface AccountFields {
  name?: string;
  endpoint?: string;
  accessToken?: string;
  sessionToken?: string;
  sessionSecret?: string;
}

/** The overlays: the seven operation dialogs, the account dialog and the expired-session prompt. */
export class DialogsPage {
  constructor(readonly page: Page) {}

  /** One operation dialog: create, clone, extend, attach, detach, enable, disable, delete. */
  operation(kind: string): Locator {
    return this.page.getByTestId(`dialog-${kind}`);
  }

  /** The dialog's primary button, by its exact label ("Create", "Delete 5 volumes"). */
  submit(kind: string, label: string): Locator {
    return this.operation(kind).getByRole('button', { name: label, exact: true });
  }

  /** The volumes a batch dialog lists. */
  volumeList(kind: string): Locator {
    return this.operation(kind).getByTestId('dialog-volume-list');
  }

  async waitClosed(dialog: Locator): Promise<void> {
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);
  }

  get account(): Locator {
    return this.page.getByTestId('account-dialog');
  }

  /** Fills the account dialog's fields that are given. */
  async fillAccount(fields: AccountFields): Promise<void> {
    const ids: Record<keyof AccountFields, string> = {
      name: 'account-name',
      endpoint: 'account-endpoint',
      accessToken: 'account-access-token',
      sessionToken: 'account-session-token',
      sessionSecret: 'account-session-secret',
    };
    for (const [field, value] of Object.entries(fields) as [keyof AccountFields, string | undefined][]) {
      if (value !== undefined) await this.account.getByTestId(ids[field]).fill(value);
    }
  }

  /** Opens the account dialog from the sidebar, fills it, adds the account and waits for the dialog to close. */
  async addAccount(fields: Required<AccountFields>): Promise<void> {
    await this.page.getByTestId('add-account').click();
    await this.fillAccount(fields);
    await this.account.getByTestId('account-submit').click();
    await this.waitClosed(this.account);
  }

  get expiredPrompt(): Locator {
    return this.page.getByTestId('expired-prompt');
  }

  /** Renews an expired session: the core keeps the access token, so the prompt asks only for the session. */
  async fillExpired(fields: { sessionToken: string; sessionSecret: string }): Promise<void> {
    await this.expiredPrompt.getByTestId('expired-session-token').fill(fields.sessionToken);
    await this.expiredPrompt.getByTestId('expired-session-secret').fill(fields.sessionSecret);
    await this.expiredPrompt.getByTestId('expired-submit').click();
  }
}
