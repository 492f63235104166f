import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The credentials prompt (an expired session, or an account whose secrets cannot be read). */
export class CredentialsPrompt {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId('expired-prompt');
  }

  async waitOpen(timeout = 15_000): Promise<void> {
    await expect.poll(() => this.dialog.isVisible(), { timeout }).toBe(true);
  }

  /** Fills the fields the prompt shows (the access token only when it asks for it) and submits. */
  async submit(secrets: { accessToken?: string; sessionToken: string; sessionSecret: string }): Promise<void> {
    if (secrets.accessToken !== undefined) await this.dialog.getByTestId('expired-access-token').fill(secrets.accessToken);
    await this.dialog.getByTestId('expired-session-token').fill(secrets.sessionToken);
    await this.dialog.getByTestId('expired-session-secret').fill(secrets.sessionSecret);
    await this.page.getByTestId('expired-submit').click();
  }

  /** The refusal shown under the session token field. */
  get sessionRefusal(): Locator {
    return this.dialog.getByTestId('expired-session-token-refusal');
  }
}
