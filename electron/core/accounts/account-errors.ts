/**
 * The account store's failures. They live apart from the store so that the one place that turns
 * failures into replies (errors/to-reply.ts) can know them while the store itself uses that place
 * for its connection tests: neither imports the other.
 */

/** A field failed validation; `message` names the field(s), never a secret value. */
export class AccountValidationError extends Error {
  readonly issues: { field: string; message: string }[];

  constructor(issues: { field: string; message: string }[]) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'AccountValidationError';
    this.issues = issues;
  }
}

export class AccountNotFoundError extends Error {
  readonly accountId: string;

  constructor(accountId: string) {
    super(`No account with id ${accountId}`);
    this.name = 'AccountNotFoundError';
    this.accountId = accountId;
  }
}

/** The account has no stored secrets (e.g. a session-only account after a restart). */
export class MissingCredentialsError extends Error {
  readonly accountId: string;
  readonly accountName: string;
  /** A session-only account after a restart (its secrets were in memory only). */
  readonly sessionEnded: boolean;

  constructor(account: { id: string; name: string; secretsIn: 'keychain' | 'session' }) {
    super(
      account.secretsIn === 'session'
        ? `Account "${account.name}" was used for one session only; enter its credentials again`
        : `Account "${account.name}" has no credentials in the keychain; enter them again`,
    );
    this.name = 'MissingCredentialsError';
    this.accountId = account.id;
    this.accountName = account.name;
    this.sessionEnded = account.secretsIn === 'session';
  }
}
