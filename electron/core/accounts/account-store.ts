/**
 * The user's accounts: the settings file `accounts.json` in the app's data folder (no secret in
 * it, ever) plus each account's secrets in a {@link SecretStore}: the OS keychain, or memory for
 * an account used "for this session only". There is no plain-text fallback to disk.
 *
 * Decisions:
 * - `add({..., sessionOnly: true})` always keeps the secrets in memory (the user's explicit
 *   choice), even where a keychain exists; without it the keychain is required, and its absence
 *   is a {@link KeychainUnavailableError} carrying the probe's reason and fix.
 * - Every change is written before it is visible: temp file + fsync + rename (+ fsync of the
 *   folder where the OS allows), one change at a time, and rolled back in memory on failure.
 * - `remove` deletes the secrets first, so a failing keychain never leaves an orphaned entry
 *   silently; `{ force: true }` removes the account anyway and logs the leftover.
 * - A corrupt or unreadable `accounts.json` is moved aside as `accounts.json.damaged-<time>` and
 *   the store starts with the accounts of it that are valid on their own, with a warning through
 *   the Logger and a notice for the window.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { errorReply, type ErrorReply } from '../../shared/error-catalogue';
import { createVolumeClient, isVolumeClientError } from '../api';
import { toErrorReply } from '../errors/to-reply';
import { AccountNotFoundError, AccountValidationError, MissingCredentialsError } from './account-errors';
import { silentLogger, type Logger } from '../ports';
import { writeFileAtomic } from '../storage/atomic-file';
import { keepDamaged, type DataNotices } from '../storage/damaged-file';
import { KeytarSecretStore, probeKeychain, type KeychainProbe } from '../secrets/keytar-secret-store';
import { MemorySecretStore } from '../secrets/memory-secret-store';
import {
  accountSecretsSchema,
  KeychainUnavailableError,
  SecretStoreError,
  type AccountSecrets,
  type SecretStore,
} from '../secrets/secret-store';

/** The settings file's name inside the data folder. */
export const ACCOUNTS_FILE = 'accounts.json';

export type AccountKind = 'cloud' | 'local-sandbox';
/** Where an account's secrets are kept: the OS keychain, or memory for this session only. */
export type SecretsLocation = 'keychain' | 'session';

export interface Tenant {
  /** The tenant's user id on the cloud (a positive integer). */
  userId: number;
  label?: string;
}

/** One account as saved in `accounts.json`: no secret. */
export interface Account {
  id: string;
  name: string;
  /** http(s) URL: origin plus optional path prefix, no trailing slash. */
  endpoint: string;
  /** `#rrggbb`, lower case. */
  colour: string;
  tenants: Tenant[];
  kind: AccountKind;
  secretsIn: SecretsLocation;
}

/** What `add` takes. */
export interface NewAccount {
  name: string;
  endpoint: string;
  colour: string;
  tenants?: Tenant[];
  /** Default 'cloud'. */
  kind?: AccountKind;
  secrets: AccountSecrets;
  /** Keep the secrets in memory only (gone when the app quits). */
  sessionOnly?: boolean;
}

/** What `update` takes: any of the fields; `secrets` replaces them (in the keychain unless `sessionOnly`). */
export interface AccountPatch {
  name?: string;
  endpoint?: string;
  colour?: string;
  tenants?: Tenant[];
  secrets?: AccountSecrets;
  /** With `secrets` only: where to keep them; default where the account keeps them now. */
  sessionOnly?: boolean;
}

/** The answer of `testConnection`. */
export type ConnectionTest = { ok: true; total: number } | { ok: false; error: ErrorReply };

export interface AccountStoreOptions {
  /** The app's data folder (must exist or be creatable by the caller). */
  dataDir: string;
  logger?: Logger;
  /** The persistent secret store; default the OS keychain through keytar. */
  keychain?: SecretStore;
  /**
   * Whether the keychain works; default `probeKeychain()` for a keytar store (with its service),
   * "available" for any other store.
   */
  probeKeychain?: () => Promise<KeychainProbe>;
  /** The "this session only" store; default a fresh {@link MemorySecretStore}. */
  sessionStore?: SecretStore;
  /** Options of the client `testConnection` builds. */
  connection?: { timeoutMs?: number; fetch?: typeof fetch };
  /** Told when a damaged accounts.json is set aside at open. */
  notices?: DataNotices;
}

// Its failures live in account-errors.ts (to-reply.ts knows them without importing the store).
export { AccountNotFoundError, AccountValidationError, MissingCredentialsError } from './account-errors';

// Lives with the secret stores, which also raise it (a keychain that does not answer in time).
export { KeychainUnavailableError } from '../secrets/secret-store';

// ---------------------------------------------------------------------------------------------
// Validation

function endpointProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Endpoint must be an http(s) URL';
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return 'Endpoint must be an http(s) URL';
  if (url.username || url.password) return 'Endpoint must not contain a user name or password';
  if (url.search || url.hash) return 'Endpoint must not have a query or fragment';
  return undefined;
}

function normalizeEndpoint(value: string): string {
  const url = new URL(value);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const nameSchema = z
  .string({ error: 'Name must be text' })
  .trim()
  .min(1, 'Name must not be empty')
  .max(100, 'Name must be at most 100 characters');

const endpointSchema = z
  .string({ error: 'Endpoint must be an http(s) URL' })
  .trim()
  .superRefine((value, ctx) => {
    const problem = endpointProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(normalizeEndpoint);

const colourSchema = z
  .string({ error: 'Colour must be a #rrggbb hex colour' })
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Colour must be a #rrggbb hex colour')
  .transform((value) => value.toLowerCase());

const tenantSchema = z
  .object({
    userId: z
      .number({ error: 'Tenant user id must be a positive integer' })
      .int('Tenant user id must be a positive integer')
      .positive('Tenant user id must be a positive integer')
      .max(Number.MAX_SAFE_INTEGER, 'Tenant user id must be a positive integer'),
    label: z.string({ error: 'Tenant label must be text' }).trim().max(100, 'Tenant label must be at most 100 characters').optional(),
  })
  .transform(({ userId, label }): Tenant => (label ? { userId, label } : { userId }));

const tenantsSchema = z
  .array(tenantSchema, { error: 'Tenants must be a list' })
  .refine((tenants) => new Set(tenants.map((t) => t.userId)).size === tenants.length, 'Tenants must not repeat a user id');

const kindSchema = z.enum(['cloud', 'local-sandbox'], { error: "Kind must be 'cloud' or 'local-sandbox'" });
const secretsInSchema = z.enum(['keychain', 'session'], { error: "Secrets location must be 'keychain' or 'session'" });

const newAccountSchema = z.object({
  name: nameSchema,
  endpoint: endpointSchema,
  colour: colourSchema,
  tenants: tenantsSchema.default([]),
  kind: kindSchema.default('cloud'),
  secrets: z.object(accountSecretsSchema.shape, { error: 'Credentials are required' }),
  sessionOnly: z.boolean({ error: 'sessionOnly must be true or false' }).optional(),
});

const patchSchema = z
  .object({
    name: nameSchema.optional(),
    endpoint: endpointSchema.optional(),
    colour: colourSchema.optional(),
    tenants: tenantsSchema.optional(),
    secrets: accountSecretsSchema.optional(),
    sessionOnly: z.boolean({ error: 'sessionOnly must be true or false' }).optional(),
  })
  .refine((patch) => patch.sessionOnly === undefined || patch.secrets !== undefined, 'sessionOnly can only be given with new credentials');

const storedAccountSchema = z.object({
  id: z.uuid(),
  name: nameSchema,
  endpoint: endpointSchema,
  colour: colourSchema,
  tenants: tenantsSchema,
  kind: kindSchema,
  secretsIn: secretsInSchema,
});

const accountsFileSchema = z.object({
  version: z.literal(1),
  accounts: z
    .array(storedAccountSchema)
    .refine((accounts) => new Set(accounts.map((a) => a.id)).size === accounts.length, 'Account ids must be unique'),
});

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // Only our messages and the path: zod never copies the input into them.
  throw new AccountValidationError(result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })));
}

function cloneAccount(account: Account): Account {
  return { ...account, tenants: account.tenants.map((t) => ({ ...t })) };
}

// ---------------------------------------------------------------------------------------------
// The file

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown error';
}

async function loadAccounts(path: string, logger: Logger, notices: DataNotices | undefined): Promise<Account[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    const problem = errorCode(error) === 'EISDIR' ? 'is a folder, not a file' : `could not be read (${errorCode(error)})`;
    return quarantine(path, problem, [], logger, notices);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the file, which could hold anything.
    return quarantine(path, text.trim() === '' ? 'is empty' : 'is not valid JSON', [], logger, notices);
  }
  const result = accountsFileSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    return quarantine(path, `is not a valid accounts file (${problems.join('; ')})`, validAccounts(json), logger, notices);
  }
  return result.data.accounts;
}

/** The accounts of a damaged file that are valid on their own (their secrets are in the keychain by id). */
function validAccounts(json: unknown): Account[] {
  const entries =
    typeof json === 'object' && json !== null && 'accounts' in json && Array.isArray(json.accounts) ? (json.accounts as unknown[]) : [];
  const kept: Account[] = [];
  for (const entry of entries) {
    const parsed = storedAccountSchema.safeParse(entry);
    if (parsed.success && !kept.some((account) => account.id === parsed.data.id)) kept.push(parsed.data);
  }
  return kept;
}

/**
 * Sets the damaged file aside (never repaired in place: the next save writes a new one) and
 * starts with what of it was valid; the window is told through the notices.
 */
async function quarantine(
  path: string,
  problem: string,
  kept: Account[],
  logger: Logger,
  notices: DataNotices | undefined,
): Promise<Account[]> {
  const copy = await keepDamaged(
    path,
    { code: 'accounts', file: ACCOUNTS_FILE, params: { kept: kept.length } },
    { notices, logger: silentLogger },
  );
  const start = kept.length === 0 ? 'started with no accounts' : `started with the ${kept.length} valid account(s) in it`;
  if (copy === null) logger.error(`${ACCOUNTS_FILE} ${problem} and could not be kept aside; ${start}`, { file: ACCOUNTS_FILE });
  else logger.warn(`${ACCOUNTS_FILE} ${problem}; kept it as ${copy} and ${start}`, { file: ACCOUNTS_FILE, copy });
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Connection test

export interface TestEndpointOptions {
  endpoint: string;
  credentials: AccountSecrets;
  logger?: Logger;
  /** Default 10000 ms; no retry (the user is waiting). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Lists one volume with these credentials: the cheapest call that proves they work. */
export async function testEndpoint(options: TestEndpointOptions): Promise<ConnectionTest> {
  const client = createVolumeClient({
    endpoint: options.endpoint,
    credentials: options.credentials,
    logger: options.logger ?? silentLogger,
    timeoutMs: options.timeoutMs ?? 10_000,
    retry: { attempts: 1 },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  try {
    const page = await client.list({ offset: 1 });
    return { ok: true, total: page.total };
  } catch (error) {
    if (isVolumeClientError(error)) return { ok: false, error: toErrorReply(error) };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The store

export class AccountStore {
  readonly file: string;
  readonly #logger: Logger;
  readonly #keychain: SecretStore;
  readonly #session: SecretStore;
  readonly #probe: () => Promise<KeychainProbe>;
  readonly #connection: { timeoutMs?: number; fetch?: typeof fetch };
  #keychainWorks = false;
  #accounts: Account[];
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(file: string, accounts: Account[], options: AccountStoreOptions) {
    this.file = file;
    this.#accounts = accounts;
    this.#logger = options.logger ?? silentLogger;
    const keychain = options.keychain ?? new KeytarSecretStore();
    this.#keychain = keychain;
    this.#session = options.sessionStore ?? new MemorySecretStore();
    this.#probe =
      options.probeKeychain ??
      (keychain instanceof KeytarSecretStore ? () => probeKeychain({ service: keychain.service }) : async () => ({ available: true }));
    this.#connection = options.connection ?? {};
  }

  /** Reads `accounts.json` from `dataDir` (missing: no accounts; corrupt: kept aside, its valid accounts kept). */
  static async open(options: AccountStoreOptions): Promise<AccountStore> {
    const logger = options.logger ?? silentLogger;
    const file = join(options.dataDir, ACCOUNTS_FILE);
    const accounts = await loadAccounts(file, logger, options.notices);
    logger.info('accounts loaded', { count: accounts.length });
    return new AccountStore(file, accounts, options);
  }

  /** Every account, in the saved order. */
  list(): Account[] {
    return this.#accounts.map(cloneAccount);
  }

  /** One account, or undefined. */
  get(id: string): Account | undefined {
    const found = this.#accounts.find((a) => a.id === id);
    return found ? cloneAccount(found) : undefined;
  }

  /** Whether the keychain works (a working answer is remembered; a failing one is asked again). */
  async keychainStatus(): Promise<KeychainProbe> {
    if (this.#keychainWorks) return { available: true };
    const probe = await this.#probe();
    this.#keychainWorks = probe.available;
    return probe;
  }

  async add(input: NewAccount): Promise<Account> {
    const parsed = parse(newAccountSchema, input);
    const secrets: AccountSecrets = parsed.secrets;
    return this.#exclusive(async () => {
      const secretsIn: SecretsLocation = parsed.sessionOnly ? 'session' : await this.#requireKeychain();
      const account: Account = {
        id: randomUUID(),
        name: parsed.name,
        endpoint: parsed.endpoint,
        colour: parsed.colour,
        tenants: parsed.tenants,
        kind: parsed.kind,
        secretsIn,
      };
      const store = this.#storeOf(secretsIn);
      await store.set(account.id, secrets);
      try {
        await this.#commit([...this.#accounts, account]);
      } catch (error) {
        await store.delete(account.id).catch(() => {});
        throw error;
      }
      this.#logger.info('account added', { accountId: account.id, name: account.name, kind: account.kind, secretsIn });
      return cloneAccount(account);
    });
  }

  async update(id: string, patch: AccountPatch): Promise<Account> {
    const parsed = parse(patchSchema, patch);
    return this.#exclusive(async () => {
      const current = this.#find(id);
      const next: Account = {
        ...current,
        ...(parsed.name !== undefined ? { name: parsed.name } : {}),
        ...(parsed.endpoint !== undefined ? { endpoint: parsed.endpoint } : {}),
        ...(parsed.colour !== undefined ? { colour: parsed.colour } : {}),
        ...(parsed.tenants !== undefined ? { tenants: parsed.tenants } : {}),
      };
      const accounts = () => this.#accounts.map((a) => (a.id === id ? next : a));
      const changed = Object.keys(parsed).filter((k) => k !== 'sessionOnly');

      if (!parsed.secrets) {
        await this.#commit(accounts());
      } else {
        const secretsIn: SecretsLocation =
          parsed.sessionOnly === true ? 'session' : parsed.sessionOnly === false ? await this.#requireKeychain() : current.secretsIn;
        if (secretsIn === 'keychain' && parsed.sessionOnly === undefined) await this.#requireKeychain();
        next.secretsIn = secretsIn;
        const store = this.#storeOf(secretsIn);
        const previous = await store.get(id).catch(() => null);
        await store.set(id, parsed.secrets);
        try {
          await this.#commit(accounts());
        } catch (error) {
          await (previous ? store.set(id, previous) : store.delete(id)).catch(() => {});
          throw error;
        }
        if (secretsIn !== current.secretsIn) await this.#forgetSecrets(current, current.secretsIn);
      }
      this.#logger.info('account updated', { accountId: id, fields: changed });
      return cloneAccount(next);
    });
  }

  /**
   * Removes the account and its secrets. The secrets go first: if the keychain refuses, the
   * account stays (and the error says why) unless `force` is set.
   */
  async remove(id: string, options: { force?: boolean } = {}): Promise<void> {
    return this.#exclusive(async () => {
      const account = this.#find(id);
      await this.#session.delete(id);
      if (account.secretsIn === 'keychain') {
        try {
          await this.#keychain.delete(id);
        } catch (error) {
          if (!options.force) throw error;
          this.#logger.warn('account removed but its keychain entry could not be deleted', {
            accountId: id,
            error: error instanceof Error ? error.message : 'unknown error',
          });
        }
      }
      await this.#commit(this.#accounts.filter((a) => a.id !== id));
      this.#logger.info('account removed', { accountId: id });
    });
  }

  /** Saves a new order; `ids` must name every account exactly once. */
  async reorder(ids: readonly string[]): Promise<Account[]> {
    return this.#exclusive(async () => {
      const byId = new Map(this.#accounts.map((a) => [a.id, a]));
      const unique = new Set(ids);
      if (ids.length !== this.#accounts.length || unique.size !== ids.length || ids.some((id) => !byId.has(id))) {
        throw new AccountValidationError([{ field: 'ids', message: 'Reorder must list every account exactly once' }]);
      }
      await this.#commit(ids.map((id) => byId.get(id) as Account));
      this.#logger.info('accounts reordered', { count: ids.length });
      return this.list();
    });
  }

  /** Whether the account's secrets can be had now (false where the keychain fails). */
  async hasCredentials(id: string): Promise<boolean> {
    return (await this.credentialsProblem(id)) === null;
  }

  /**
   * Why the account's secrets cannot be had now, or null when they can: none stored (a
   * session-only account after a restart, an entry gone from the keychain), or a keychain that
   * is missing, locked or refuses. The account then needs its credentials entered again.
   */
  async credentialsProblem(id: string): Promise<MissingCredentialsError | SecretStoreError | null> {
    const account = this.#find(id);
    try {
      return (await this.#storeOf(account.secretsIn).get(id)) === null ? new MissingCredentialsError(account) : null;
    } catch (error) {
      return error instanceof SecretStoreError ? error : new SecretStoreError(`Could not read the credentials of account ${id}`);
    }
  }

  /**
   * A new session for the account, with the access token it already has (the window never
   * holds it): the stored one is read here and kept, with the new session token and secret.
   */
  async renewSession(
    id: string,
    session: Pick<AccountSecrets, 'sessionToken' | 'sessionSecret'>,
    options: { sessionOnly?: boolean } = {},
  ): Promise<Account> {
    const { accessToken } = await this.credentials(id);
    return this.update(id, {
      secrets: { accessToken, sessionToken: session.sessionToken, sessionSecret: session.sessionSecret },
      ...(options.sessionOnly === undefined ? {} : { sessionOnly: options.sessionOnly }),
    });
  }

  /** The account's secrets, for the core only (never send them to the renderer). */
  async credentials(id: string): Promise<AccountSecrets> {
    const account = this.#find(id);
    const secrets = await this.#storeOf(account.secretsIn).get(id);
    if (!secrets) throw new MissingCredentialsError(account);
    return secrets;
  }

  /** Lists one volume with the account's endpoint and secrets. */
  async testConnection(id: string): Promise<ConnectionTest> {
    const account = this.#find(id);
    let secrets: AccountSecrets;
    try {
      secrets = await this.credentials(id);
    } catch (error) {
      // A keychain that fails to answer is a failed test too, worded as a keychain problem.
      return {
        ok: false,
        error:
          error instanceof MissingCredentialsError || error instanceof SecretStoreError
            ? toErrorReply(error)
            : errorReply('keychain.failed', {}),
      };
    }
    const result = await testEndpoint({ endpoint: account.endpoint, credentials: secrets, logger: this.#logger, ...this.#connection });
    this.#logger.info('connection tested', { accountId: id, ok: result.ok, ...(result.ok ? {} : { code: result.error.code }) });
    return result;
  }

  // -------------------------------------------------------------------------------------------

  #find(id: string): Account {
    const found = this.#accounts.find((a) => a.id === id);
    if (!found) throw new AccountNotFoundError(id);
    return found;
  }

  #storeOf(location: SecretsLocation): SecretStore {
    return location === 'keychain' ? this.#keychain : this.#session;
  }

  async #requireKeychain(): Promise<'keychain'> {
    const probe = await this.keychainStatus();
    if (!probe.available) throw new KeychainUnavailableError(probe.reason, probe.fix, probe.code);
    return 'keychain';
  }

  async #forgetSecrets(account: Account, location: SecretsLocation): Promise<void> {
    try {
      await this.#storeOf(location).delete(account.id);
    } catch (error) {
      this.#logger.warn('old credentials could not be deleted', {
        accountId: account.id,
        error: error instanceof Error ? error.message : 'unknown error',
      });
    }
  }

  /** Writes `accounts` to disk, then makes them the current list. */
  async #commit(accounts: Account[]): Promise<void> {
    const text = `${JSON.stringify({ version: 1, accounts }, null, 2)}\n`;
    await writeFileAtomic(this.file, text);
    this.#accounts = accounts;
  }

  /** Runs changes one at a time, in call order. */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => {});
    return run;
  }
}

/** Opens the account store of a data folder: see {@link AccountStore.open}. */
export function openAccountStore(options: AccountStoreOptions): Promise<AccountStore> {
  return AccountStore.open(options);
}
