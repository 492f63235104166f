import { isCredentialsProblem, type AccountHealthBoard } from './account-health';
import { createVolumeClient, type VolumeClient } from './api/volume-client';
import type { AccountStore } from './accounts/account-store';
import type { KnownSecrets } from './logging/known-secrets';
import type { Logger } from './ports';

export interface AccountClientsOptions {
  accounts: AccountStore;
  /** Told the outcome of every call, so that the account's state follows its first failure. */
  health: AccountHealthBoard;
  /** Told each account's secrets as they are read, so that no log line carries them. */
  knownSecrets: KnownSecrets;
  logger: Logger;
  fetch?: typeof fetch;
}

/** The client with each call's outcome told to `report` (null for a success), then passed on. */
export function reportingClient(client: VolumeClient, report: (error: unknown) => void): VolumeClient {
  return new Proxy(client, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          const result: unknown = await value.apply(target, args);
          report(null);
          return result;
        } catch (error) {
          report(error);
          throw error;
        }
      };
    },
  });
}

/**
 * One API client per account, so that status polls and refreshes do not read the keychain each
 * time, each telling the account's health how its calls went; dropped when the account's credentials or endpoint change, or the account goes.
 */
export class AccountClients {
  readonly #clients = new Map<string, Promise<VolumeClient>>();
  readonly #o: AccountClientsOptions;

  constructor(options: AccountClientsOptions) {
    this.#o = options;
  }

  for(accountId: string): Promise<VolumeClient> {
    let client = this.#clients.get(accountId);
    if (!client) {
      const { accounts, knownSecrets, logger, fetch } = this.#o;
      client = accounts.credentials(accountId).then((credentials) => {
        knownSecrets.add(credentials.accessToken, credentials.sessionToken, credentials.sessionSecret);
        const client = createVolumeClient({ endpoint: accounts.get(accountId)!.endpoint, credentials, logger, fetch });
        return reportingClient(client, (error) => this.#o.health.observed(accountId, error));
      });
      client.catch((error: unknown) => {
        this.#clients.delete(accountId); // an unknown account or missing secrets: ask again next time
        // Secrets that cannot be read show at once as "needs credentials", whoever asked (a refresh, a poll, the queue).
        if (isCredentialsProblem(error)) this.#o.health.failed(accountId, error);
      });
      this.#clients.set(accountId, client);
    }
    return client;
  }

  drop(accountId: string): void {
    this.#clients.delete(accountId);
  }
}
