/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux)
 * through keytar: one entry per account, service = the app id, account = the account id,
 * password = the JSON of the three secrets.
 *
 * keytar is loaded lazily with a dynamic import, so a missing or broken native module is an
 * error we catch (and report through `probeKeychain`), not a crash at start-up. Errors thrown
 * here name the account and the failing step, never a secret.
 *
 * Every keychain call has a timeout: a Secret Service waiting on an unlock prompt nobody sees
 * would otherwise stall whatever asked (a listing, the account list) for ever. A call that runs
 * out of time ends in a KeychainUnavailableError with the platform's fix; the store stays usable,
 * so the next call works once the keychain answers.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  accountSecretsSchema,
  copySecrets,
  KeychainUnavailableError,
  SecretStoreError,
  type AccountSecrets,
  type KeychainCode,
  type SecretStore,
} from './secret-store';

/** The app id: the keychain "service" of every entry. */
export const KEYCHAIN_SERVICE = 'io.github.cloud-disk-desk';

/** The part of keytar we use. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarSecretStoreOptions {
  /** Keychain service name; default {@link KEYCHAIN_SERVICE} (tests pass their own). */
  service?: string;
  /** Loads keytar; default a dynamic `import('keytar')`. */
  load?: () => Promise<KeytarLike>;
  /** Give up on one keychain call that does not answer (default 10000 ms). */
  timeoutMs?: number;
  /** Default `process.platform`: picks the wording of the fix. */
  platform?: NodeJS.Platform;
}

/** The answer of {@link probeKeychain}. */
/** `code` words the problem and its fix for the user (the error catalogue); `reason` and `fix` are the English of logs. */
export type KeychainProbe = { available: true } | { available: false; code: KeychainCode; reason: string; fix: string };

/** Options of {@link probeKeychain}; its `timeoutMs` defaults to 20000 ms (the probe makes three calls). */
export type ProbeKeychainOptions = KeytarSecretStoreOptions;

/** keytar could not be loaded at all (native module missing or built for another runtime). */
export class KeychainModuleError extends SecretStoreError {
  constructor(detail: string) {
    super(`The keychain module (keytar) could not be loaded: ${detail}`);
    this.name = 'KeychainModuleError';
  }
}

async function importKeytar(): Promise<KeytarLike> {
  const loaded = (await import('keytar')) as KeytarLike & { default?: KeytarLike };
  return loaded.default ?? loaded;
}

/** A short, single-line description of an unknown failure, with every known secret cut out. */
function describe(error: unknown, secrets: readonly string[] = []): string {
  let text = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) if (secret) text = text.split(secret).join('[redacted]');
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text || 'unknown error';
}

export class KeytarSecretStore implements SecretStore {
  readonly service: string;
  readonly #load: () => Promise<KeytarLike>;
  readonly #timeoutMs: number;
  readonly #platform: NodeJS.Platform;
  #keytar: Promise<KeytarLike> | undefined;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.#load = options.load ?? importKeytar;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#platform = options.platform ?? process.platform;
  }

  /** `work` within the timeout, else a KeychainUnavailableError saying what did not answer. */
  #timed<T>(work: Promise<T>, step: string): Promise<T> {
    return withTimeout(work, this.#timeoutMs, () => {
      const seconds = Number((this.#timeoutMs / 1000).toFixed(3));
      return new KeychainUnavailableError(
        `it did not answer within ${seconds} s while ${step} (it may be waiting for an unlock prompt)`,
        fixFor(this.#platform),
        codeFor(this.#platform),
      );
    });
  }

  /** Loads keytar once; a failed load is retried on the next call (the user may have fixed it). */
  async #module(): Promise<KeytarLike> {
    this.#keytar ??= this.#load().catch((error: unknown) => {
      this.#keytar = undefined;
      throw new KeychainModuleError(describe(error));
    });
    // A load that hangs stays pending: a later call that finds it done uses it.
    return this.#timed(this.#keytar, 'loading the keychain module');
  }

  async get(accountId: string): Promise<AccountSecrets | null> {
    const keytar = await this.#module();
    let stored: string | null;
    try {
      stored = await this.#timed(keytar.getPassword(this.service, accountId), `reading the entry of account ${accountId}`);
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw error;
      throw new SecretStoreError(`Could not read the keychain entry of account ${accountId}: ${describe(error)}`);
    }
    if (stored === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(stored);
    } catch {
      parsed = undefined;
    }
    const result = accountSecretsSchema.safeParse(parsed);
    // Never echo the stored text: it may hold secrets.
    if (!result.success)
      throw new SecretStoreError(`The keychain entry of account ${accountId} is not valid; enter the account's credentials again`);
    return result.data;
  }

  async set(accountId: string, secrets: AccountSecrets): Promise<void> {
    const checked = accountSecretsSchema.safeParse(secrets);
    if (!checked.success) throw new SecretStoreError(checked.error.issues.map((i) => i.message).join('; '));
    const keytar = await this.#module();
    const values = [secrets.accessToken, secrets.sessionToken, secrets.sessionSecret];
    try {
      await this.#timed(
        keytar.setPassword(this.service, accountId, JSON.stringify(copySecrets(checked.data))),
        `writing the entry of account ${accountId}`,
      );
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw error;
      throw new SecretStoreError(`Could not write the keychain entry of account ${accountId}: ${describe(error, values)}`);
    }
  }

  async delete(accountId: string): Promise<void> {
    const keytar = await this.#module();
    try {
      await this.#timed(keytar.deletePassword(this.service, accountId), `deleting the entry of account ${accountId}`);
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw error;
      throw new SecretStoreError(`Could not delete the keychain entry of account ${accountId}: ${describe(error)}`);
    }
  }
}

const LINUX_REASON = 'No Secret Service on the session bus';
const LINUX_FIX = "Install and start gnome-keyring (or KeePassXC's Secret Service), or unlock your login keyring.";

function fixFor(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return LINUX_FIX;
    case 'darwin':
      return 'Unlock your login keychain in Keychain Access and allow Cloud Disk Desk to use it, or use the account for this session only.';
    case 'win32':
      return 'Make sure Windows Credential Manager is available to your user account, or use the account for this session only.';
    default:
      return 'Make sure the system keychain is installed, running and unlocked, or use the account for this session only.';
  }
}

/** The catalogue's code for an unavailable keychain on this platform: each has its own fix. */
function codeFor(platform: NodeJS.Platform): KeychainCode {
  switch (platform) {
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return 'keychain.no-secret-service';
    case 'darwin':
      return 'keychain.macos';
    case 'win32':
      return 'keychain.windows';
    default:
      return 'keychain.unavailable';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, timedOut = () => new Error(`no answer within ${ms} ms`)): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timedOut()), ms);
    timer.unref?.();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Whether the OS keychain works here, found by writing, reading back and deleting a harmless
 * probe entry. Never throws: a failure becomes a reason and a fix for the user.
 */
export async function probeKeychain(options: ProbeKeychainOptions = {}): Promise<KeychainProbe> {
  const platform = options.platform ?? process.platform;
  const service = options.service ?? KEYCHAIN_SERVICE;
  const load = options.load ?? importKeytar;
  const timeoutMs = options.timeoutMs ?? 20_000;

  let keytar: KeytarLike;
  try {
    keytar = await withTimeout(load(), timeoutMs);
  } catch (error) {
    return {
      available: false,
      code: 'keychain.module-missing',
      reason: `The keychain module (keytar) could not be loaded: ${describe(error)}`,
      fix: 'Reinstall Cloud Disk Desk (from source: `npm rebuild keytar`; on Linux it needs libsecret), or use the account for this session only.',
    };
  }

  const account = `probe-${randomUUID()}`;
  const value = randomBytes(12).toString('hex');
  let written = false;
  try {
    await withTimeout(keytar.setPassword(service, account, value), timeoutMs);
    written = true;
    const readBack = await withTimeout(keytar.getPassword(service, account), timeoutMs);
    if (readBack !== value) throw new Error('the keychain did not return what was written to it');
    await withTimeout(keytar.deletePassword(service, account), timeoutMs);
    written = false;
    return { available: true };
  } catch (error) {
    const detail = describe(error, [value]);
    const linuxLike = platform === 'linux' || platform === 'freebsd' || platform === 'openbsd';
    const reason = linuxLike ? `${LINUX_REASON} (${detail})` : `The system keychain could not be used (${detail})`;
    return { available: false, code: codeFor(platform), reason, fix: fixFor(platform) };
  } finally {
    if (written) await withTimeout(keytar.deletePassword(service, account), timeoutMs).catch(() => false);
  }
}
