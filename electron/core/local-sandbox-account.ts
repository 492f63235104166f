import { join } from 'node:path';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox/index';
import { AccountValidationError, type Account, type AccountStore } from './accounts/account-store';
import type { Logger } from './ports';
import { keepDamaged, type DataNotices } from './storage/damaged-file';

/** The Local sandbox's fleet in the data folder. It holds no secret: see `sandbox/sessions.ts`. */
export const LOCAL_SANDBOX_FILE = 'local-sandbox.json';

/**
 * Starts the Local sandbox on a free loopback port with its fleet from the data folder. A damaged
 * fleet file never stops the app: it is set aside untouched and a fresh demo fleet replaces it.
 */
export function startLocalSandbox(
  dataDir: string,
  options: Pick<SandboxOptions, 'speed' | 'seed'> | undefined,
  { notices, logger }: { notices: DataNotices; logger: Logger },
): Promise<RunningSandbox> {
  const dataFile = join(dataDir, LOCAL_SANDBOX_FILE);
  return startSandbox({
    ...options,
    dataFile,
    port: 0,
    onDamagedData: async (error) => {
      logger.warn(`${LOCAL_SANDBOX_FILE} ${error.reason}; starting a fresh fleet`, { file: LOCAL_SANDBOX_FILE });
      const keptAt = await keepDamaged(dataFile, { code: 'local-sandbox', file: LOCAL_SANDBOX_FILE, params: {} }, { notices, logger });
      // Not moved (a folder that cannot be renamed …): the sandbox cannot write its file either, so say so.
      if (keptAt === null) throw error;
    },
  });
}

export const LOCAL_SANDBOX_NAME = 'Local sandbox';
const LOCAL_SANDBOX_COLOUR = '#8e44ad';

/**
 * Points the "Local sandbox" account at the sandbox started for this launch. On first run (no
 * accounts at all) it creates the account; afterwards it refreshes the endpoint (a new port each
 * launch) and the throwaway credentials, which live in memory only (so it works without a
 * keychain). An account the user removed is not brought back while other accounts exist.
 */
export async function connectLocalSandbox(accounts: AccountStore, sandbox: RunningSandbox): Promise<void> {
  const secrets = {
    accessToken: sandbox.accessToken,
    sessionToken: sandbox.adminSession.sessionToken,
    sessionSecret: sandbox.adminSession.sessionSecret,
  };
  const existing = accounts.list().filter((account) => account.kind === 'local-sandbox');
  for (const account of existing) await accounts.update(account.id, { endpoint: sandbox.endpoint, secrets, sessionOnly: true });
  if (existing.length > 0 || accounts.list().length > 0) return;
  await addLocalSandboxAccount(accounts, sandbox);
}

/** Adds the Local sandbox account (first run, or the user brings it back after removing it). */
export async function addLocalSandboxAccount(accounts: AccountStore, sandbox: RunningSandbox): Promise<Account> {
  if (accounts.list().some((account) => account.kind === 'local-sandbox')) {
    throw new AccountValidationError([{ field: 'kind', message: 'The Local sandbox account is already there' }]);
  }
  const secrets = {
    accessToken: sandbox.accessToken,
    sessionToken: sandbox.adminSession.sessionToken,
    sessionSecret: sandbox.adminSession.sessionSecret,
  };
  return accounts.add({
    name: LOCAL_SANDBOX_NAME,
    endpoint: sandbox.endpoint,
    colour: LOCAL_SANDBOX_COLOUR,
    kind: 'local-sandbox',
    tenants: sandbox.tenants().map((tenant) => ({ userId: tenant.userId, label: tenant.name })),
    secrets,
    sessionOnly: true,
  });
}
