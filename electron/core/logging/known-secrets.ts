import { redact } from '../api/redact';

/**
 * Every secret the core has held this run (account credentials, the Local sandbox's own), so
 * that whatever is logged can be masked even when a secret slips into a message by accident.
 */
export class KnownSecrets {
  readonly #secrets = new Set<string>();

  add(...secrets: string[]): void {
    for (const secret of secrets) if (secret.length > 0) this.#secrets.add(secret);
  }

  mask(text: string): string {
    return this.#secrets.size === 0 ? text : redact(text, [...this.#secrets]);
  }
}
