import type { RunningSandbox } from '../../../sandbox/index';
import { sendsSecretsInClear } from '../../shared/endpoint';
import type { AccountClients } from '../account-clients';
import type { AccountHealthBoard } from '../account-health';
import type { AccountView } from '../../shared/contract';
import { AccountValidationError, type Account, type AccountStore } from '../accounts/account-store';
import { addLocalSandboxAccount } from '../local-sandbox-account';
import type { LabelStore } from '../labels/label-store';
import type { KnownSecrets } from '../logging/known-secrets';
import type { QueueRunner } from '../queue/runner';
import type { OfflineRetry } from '../refresh/offline-retry';
import type { PassingPoller } from '../refresh/passing-poller';
import type { Refresher } from '../refresh/refresher';
import type { Handlers } from '../dispatch';

export type AccountChannel = Extract<keyof Handlers, `accounts:${string}`>;

/** The accounts as the window sees them (each with its state), and the whole list sent on a change. */
export interface AccountViews {
  view(account: Account): Promise<AccountView>;
  all(): Promise<AccountView[]>;
  changed(): void;
}

export interface AccountsHandlersDeps {
  accounts: AccountStore;
  views: AccountViews;
  health: AccountHealthBoard;
  clients: AccountClients;
  knownSecrets: KnownSecrets;
  refresher: Refresher;
  offlineRetry: OfflineRetry;
  poller: PassingPoller;
  runner: QueueRunner;
  sandbox: RunningSandbox;
  labels: LabelStore;
}

/** A plain-http endpoint off this machine is taken only once the user has accepted the risk. */
function refuseUnconfirmedPlainHttp(endpoint: string, confirmed: true | undefined): void {
  if (sendsSecretsInClear(endpoint) && !confirmed) {
    throw new AccountValidationError([
      {
        field: 'endpoint',
        message: 'This endpoint is plain http:// on another machine: its credentials would travel unencrypted. Confirm to use it anyway.',
      },
    ]);
  }
}

/** The accounts: added, edited, reordered, refreshed, tested, given new credentials or a new session, removed. */
export function accountsHandlers(d: AccountsHandlersDeps): Pick<Handlers, AccountChannel> {
  const { accounts, views, health, clients, knownSecrets } = d;
  return {
    'accounts:list': () => views.all(),
    'accounts:add': async ({ plainHttpConfirmed, ...payload }) => {
      knownSecrets.add(payload.secrets.accessToken, payload.secrets.sessionToken, payload.secrets.sessionSecret);
      refuseUnconfirmedPlainHttp(payload.endpoint, plainHttpConfirmed);
      const added = await views.view(await accounts.add(payload));
      views.changed();
      return added;
    },
    'accounts:update': async ({ accountId, plainHttpConfirmed, ...patch }) => {
      const { endpoint } = patch;
      const moved = endpoint !== undefined && endpoint !== accounts.get(accountId)?.endpoint;
      if (moved) refuseUnconfirmedPlainHttp(endpoint, plainHttpConfirmed);
      const account = await accounts.update(accountId, patch);
      // Only another endpoint makes what was learnt of the cloud stale; a name, colour or label keeps the state.
      if (moved) {
        clients.drop(accountId);
        health.forget(accountId);
      }
      views.changed();
      return views.view(account);
    },
    'accounts:reorder': async ({ accountIds }) => {
      await accounts.reorder(accountIds);
      views.changed();
      return views.all();
    },
    'accounts:refresh': async ({ accountId }) => {
      await (accountId === undefined ? d.refresher.refreshAll() : d.refresher.refresh(accountId));
      return null;
    },
    'accounts:add-local-sandbox': async () => {
      const added = await views.view(await addLocalSandboxAccount(accounts, d.sandbox));
      views.changed();
      return added;
    },
    'accounts:remove': async ({ accountId }) => {
      await accounts.remove(accountId);
      clients.drop(accountId);
      health.forget(accountId);
      d.refresher.forget(accountId);
      d.offlineRetry.clear(accountId);
      d.poller.track(accountId, []);
      await d.runner.cancelAccount(accountId);
      await d.labels.forget(accountId);
      views.changed();
      return null;
    },
    'accounts:set-credentials': async ({ accountId, secrets, sessionOnly }) => {
      knownSecrets.add(secrets.accessToken, secrets.sessionToken, secrets.sessionSecret);
      const account = await accounts.update(accountId, { secrets, sessionOnly });
      clients.drop(accountId);
      health.forget(accountId);
      return views.view(account);
    },
    'accounts:renew-session': async ({ accountId, sessionToken, sessionSecret, sessionOnly }) => {
      knownSecrets.add(sessionToken, sessionSecret);
      const account = await accounts.renewSession(accountId, { sessionToken, sessionSecret }, { sessionOnly });
      clients.drop(accountId);
      health.forget(accountId);
      return views.view(account);
    },
    'accounts:test': ({ accountId }) => accounts.testConnection(accountId),
  };
}
