import type { AccountState } from '../shared/contract';
import { ApiError, NetworkError } from './api/errors';

/** What the app last learnt of an account's cloud. */
export interface AccountHealth {
  state: AccountState;
  /** Why, for every state but online and unknown; written for the user, never a secret. */
  message?: string;
}

/**
 * The state of each account, from the outcome of its last call: online after a success, offline
 * when the endpoint cannot be reached, expired on `access-denied` (the session must be renewed),
 * error for anything else. Unknown until a first call.
 */
export class AccountHealthBoard {
  readonly #health = new Map<string, AccountHealth>();

  of(accountId: string): AccountHealth {
    return this.#health.get(accountId) ?? { state: 'unknown' };
  }

  succeeded(accountId: string): void {
    this.#health.set(accountId, { state: 'online' });
  }

  failed(accountId: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof NetworkError) this.#health.set(accountId, { state: 'offline', message });
    else if (error instanceof ApiError && error.code === 'volumes.error.access-denied') this.#health.set(accountId, { state: 'expired', message });
    else this.#health.set(accountId, { state: 'error', message });
  }

  /** New credentials or a removed account: what was learnt no longer holds. */
  forget(accountId: string): void {
    this.#health.delete(accountId);
  }
}
