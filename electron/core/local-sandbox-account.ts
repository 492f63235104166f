import type { RunningSandbox } from '../../sandbox/index';
import { AccountValidationError, type Account, type AccountStore } from './accounts/account-store';

export const LOCAL_SANDBOX_NAME = 'Local sandbox';
const LOCAL_SANDBOX_COLOUR = '#8e44ad';

/**
 * Points the "Local sandbox" account at the sandbox started for this launch. On first run (no
 * accounts at all) it creates the account; afterwards it refreshes the endpoint (a new port each
 * launch) and the throwaway credentials, which live in memory only (so it works without a
 * keychain). An account the user removed is not brought back while other accounts exist.
 */
export async function connectLocalSandbox(accounts: AccountStore, sandbox: RunningSandbox): Promise<void> {
  const secrets = { accessToken: sandbox.accessToken, sessionToken: sandbox.adminSession.sessionToken, sessionSecret: sandbox.adminSession.sessionSecret };
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
  const secrets = { accessToken: sandbox.accessToken, sessionToken: sandbox.adminSession.sessionToken, sessionSecret: sandbox.adminSession.sessionSecret };
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
