/**
 * The accounts as the core reports them (never their secrets), kept fresh from `accounts:changed`,
 * and the app's own facts (version, keychain).
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AccountView, AppInfo, InvokePayload, InvokeResults } from '@shared/contract';
import { tenantName as nameTenant } from '@/i18n/tenant-name';
import { host } from '@/ipc/host';

export type AccountInput = InvokePayload<'accounts:add'>;
export type AccountUpdate = InvokePayload<'accounts:update'>;
export type AccountSecretsInput = AccountInput['secrets'];

export const useAccountsStore = defineStore('accounts', () => {
  const accounts = ref<AccountView[]>([]);
  const info = ref<AppInfo | null>(null);
  const loaded = ref(false);
  const index = computed(() => new Map(accounts.value.map((a) => [a.id, a])));

  function byId(id: string | null | undefined): AccountView | undefined {
    return id ? index.value.get(id) : undefined;
  }

  /** What the window calls a tenant: its label in the account, else "Tenant N" (the one wording, `tenant-name.ts`). */
  function tenantName(accountId: string | null, userId: number): string {
    return nameTenant(byId(accountId)?.tenants.find((t) => t.userId === userId)?.label, userId);
  }

  let unsubscribe: (() => void) | undefined;
  /** Reads the accounts and the app's facts, and follows the accounts from then on. */
  async function load(): Promise<void> {
    unsubscribe ??= host.on('accounts:changed', (list) => {
      accounts.value = list;
    });
    const [list, appInfo] = await Promise.all([host.invoke('accounts:list', {}), host.invoke('app:info', {})]);
    accounts.value = list;
    info.value = appInfo;
    loaded.value = true;
  }

  /** Puts the core's answer about one account in the list. */
  function upsert(account: AccountView): AccountView {
    const at = accounts.value.findIndex((a) => a.id === account.id);
    accounts.value = at < 0 ? [...accounts.value, account] : accounts.value.map((a) => (a.id === account.id ? account : a));
    return account;
  }

  async function add(input: AccountInput): Promise<AccountView> {
    return upsert(await host.invoke('accounts:add', input));
  }

  async function update(input: AccountUpdate): Promise<AccountView> {
    return upsert(await host.invoke('accounts:update', input));
  }

  async function remove(accountId: string): Promise<void> {
    await host.invoke('accounts:remove', { accountId });
    accounts.value = accounts.value.filter((a) => a.id !== accountId);
  }

  function test(accountId: string): Promise<InvokeResults['accounts:test']> {
    return host.invoke('accounts:test', { accountId });
  }

  /** Refreshes one account now, or every account. */
  async function refresh(accountId?: string): Promise<void> {
    await host.invoke('accounts:refresh', accountId ? { accountId } : {});
  }

  async function setCredentials(accountId: string, secrets: AccountSecretsInput, sessionOnly?: boolean): Promise<AccountView> {
    return upsert(
      await host.invoke('accounts:set-credentials', { accountId, secrets, ...(sessionOnly === undefined ? {} : { sessionOnly }) }),
    );
  }

  /** A new session for an account whose access token holds: the core keeps that token (the window never has it). */
  async function renewSession(
    accountId: string,
    session: Pick<AccountSecretsInput, 'sessionToken' | 'sessionSecret'>,
    sessionOnly?: boolean,
  ): Promise<AccountView> {
    return upsert(
      await host.invoke('accounts:renew-session', { accountId, ...session, ...(sessionOnly === undefined ? {} : { sessionOnly }) }),
    );
  }

  async function addLocalSandbox(): Promise<AccountView> {
    return upsert(await host.invoke('accounts:add-local-sandbox', {}));
  }

  return {
    accounts,
    info,
    loaded,
    byId,
    tenantName,
    load,
    add,
    update,
    remove,
    test,
    refresh,
    setCredentials,
    renewSession,
    addLocalSandbox,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAccountsStore, import.meta.hot));
