import type { AccountState, AccountView } from '../shared/contract';
import type { ErrorReply } from '../shared/error-catalogue';
import { MissingCredentialsError } from './accounts/account-errors';
import type { Account, AccountStore } from './accounts/account-store';
import { ApiError, NetworkError } from './api/errors';
import { toErrorReply } from './errors/to-reply';
import { SecretStoreError } from './secrets/secret-store';

/** The account's secrets cannot be had: none stored, or a keychain that is missing, locked or refuses. */
export function isCredentialsProblem(error: unknown): error is MissingCredentialsError | SecretStoreError {
  return error instanceof MissingCredentialsError || error instanceof SecretStoreError;
}

/** What the app last learnt of an account's cloud. */
export interface AccountHealth {
  state: AccountState;
  /** Why, for every state but online and unknown: a catalogued code the window words, never a secret. */
  error?: ErrorReply;
}

/**
 * The state of each account, from the outcome of its last call: online after a success, offline
 * when the endpoint cannot be reached, expired on `access-denied` (the session must be renewed),
 * needs-credentials when its secrets could not be read, error for anything else. Unknown until a
 * first call.
 */
export class AccountHealthBoard {
  readonly #health = new Map<string, AccountHealth>();
  readonly #listeners = new Set<(accountId: string, health: AccountHealth, before: AccountHealth) => void>();

  /** Listens to changes of an account's state (not to every call that confirms it). */
  onChange(listener: (accountId: string, health: AccountHealth, before: AccountHealth) => void): void {
    this.#listeners.add(listener);
  }

  of(accountId: string): AccountHealth {
    return this.#health.get(accountId) ?? { state: 'unknown' };
  }

  succeeded(accountId: string): void {
    this.#set(accountId, { state: 'online' });
  }

  failed(accountId: string, error: unknown): void {
    const reply = toErrorReply(error);
    if (isCredentialsProblem(error)) this.#set(accountId, { state: 'needs-credentials', error: reply });
    else if (error instanceof NetworkError) this.#set(accountId, { state: 'offline', error: reply });
    else if (error instanceof ApiError && error.code === 'volumes.error.access-denied')
      this.#set(accountId, { state: 'expired', error: reply });
    else this.#set(accountId, { state: 'error', error: reply });
  }

  /**
   * The outcome of any call to the account's cloud, as it happens: a success shows it online, an
   * unreachable cloud offline and a refused session expired at once. Any other failure (a refused
   * operation, a broken answer) is left for the caller to judge.
   */
  observed(accountId: string, error: unknown): void {
    if (error === null) this.succeeded(accountId);
    else if (error instanceof NetworkError || (error instanceof ApiError && error.code === 'volumes.error.access-denied'))
      this.failed(accountId, error);
  }

  /** New credentials or a removed account: what was learnt no longer holds. */
  forget(accountId: string): void {
    this.#set(accountId, { state: 'unknown' });
    this.#health.delete(accountId);
  }

  #set(accountId: string, health: AccountHealth): void {
    const before = this.of(accountId);
    this.#health.set(accountId, health);
    if (before.state !== health.state || before.error?.detail !== health.error?.detail)
      for (const listener of this.#listeners) listener(accountId, health, before);
  }
}

/**
 * The account as the window sees it. Secrets that cannot be read make it "needs credentials" at
 * once, whatever was last learnt of its cloud: no call can succeed without them (after a restart
 * without a keychain, no call is even tried).
 */
export async function accountView(account: Account, accounts: AccountStore, health: AccountHealthBoard): Promise<AccountView> {
  const problem = await accounts.credentialsProblem(account.id);
  const { state, error } = problem ? { state: 'needs-credentials' as const, error: toErrorReply(problem) } : health.of(account.id);
  return { ...account, hasCredentials: problem === null, state, ...(error ? { stateError: error } : {}) };
}
