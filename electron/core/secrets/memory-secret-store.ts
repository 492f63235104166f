/**
 * "Use for this session only": secrets kept in this process's memory and nowhere else. They are
 * gone when the app quits; nothing is ever written to disk.
 */
import { copySecrets, type AccountSecrets, type SecretStore } from './secret-store';

export class MemorySecretStore implements SecretStore {
  readonly #entries = new Map<string, AccountSecrets>();

  async get(accountId: string): Promise<AccountSecrets | null> {
    const found = this.#entries.get(accountId);
    return found ? copySecrets(found) : null;
  }

  async set(accountId: string, secrets: AccountSecrets): Promise<void> {
    this.#entries.set(accountId, Object.freeze(copySecrets(secrets)));
  }

  async delete(accountId: string): Promise<void> {
    this.#entries.delete(accountId);
  }

  /** Forgets every secret (e.g. on sign-out or quit). */
  clear(): void {
    this.#entries.clear();
  }

  /** Never reveal the secrets through `util.inspect` or `JSON.stringify`. */
  toJSON(): string {
    return `MemorySecretStore(${this.#entries.size} accounts)`;
  }
}
