/**
 * Where an account's secrets live: a port, so the core never knows whether it is the OS keychain
 * or memory. There is deliberately no file-backed implementation: secrets are never written to
 * disk in plain text.
 */
import { z } from 'zod';
import type { ErrorCode } from '../../shared/error-catalogue';

/** The three secrets of one account (the API client's `Credentials`). */
export interface AccountSecrets {
  /** `HT-ACCESS-TOKEN`. */
  accessToken: string;
  /** `IMR-SESSION-TOKEN`. */
  sessionToken: string;
  /** `IMR-SESSION-SECRET`. */
  sessionSecret: string;
}

/** Runtime check of {@link AccountSecrets}; its messages never repeat the value. */
export const accountSecretsSchema = z.object({
  accessToken: z.string({ error: 'Access token must be text' }).trim().min(1, 'Access token must not be empty'),
  sessionToken: z.string({ error: 'Session token must be text' }).trim().min(1, 'Session token must not be empty'),
  sessionSecret: z.string({ error: 'Session secret must be text' }).trim().min(1, 'Session secret must not be empty'),
});

/** Secrets by account id. Implementations never put a secret value in an error or a log line. */
export interface SecretStore {
  /** The account's secrets, or null when none are stored. */
  get(accountId: string): Promise<AccountSecrets | null>;
  /** Stores (replaces) the account's secrets. */
  set(accountId: string, secrets: AccountSecrets): Promise<void>;
  /** Forgets the account's secrets; no error when there are none. */
  delete(accountId: string): Promise<void>;
}

/** The error catalogue's codes of a keychain that cannot be used, each with its own fix. */
export type KeychainCode = Exclude<Extract<ErrorCode, `keychain.${string}`>, 'keychain.failed'>;

/** A secret store could not do its job. The message names the account, never a secret. */
export class SecretStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreError';
  }
}

/**
 * The keychain is needed but does not work here (missing, locked, or not answering); `reason`
 * and `fix` are for the user.
 */
export class KeychainUnavailableError extends SecretStoreError {
  readonly reason: string;
  readonly fix: string;
  /** How the window words it (the error catalogue); `reason` and `fix` are the English of logs. */
  readonly code: KeychainCode;

  constructor(reason: string, fix: string, code: KeychainCode = 'keychain.unavailable') {
    super(`The system keychain is not available: ${reason}. ${fix} Or choose "use for this session only".`);
    this.name = 'KeychainUnavailableError';
    this.reason = reason;
    this.fix = fix;
    this.code = code;
  }
}

/** Copies only the three known fields (so no stray property travels with them). */
export function copySecrets(secrets: AccountSecrets): AccountSecrets {
  return { accessToken: secrets.accessToken, sessionToken: secrets.sessionToken, sessionSecret: secrets.sessionSecret };
}
