import { createVolumeClient, type VolumeClient } from './api/volume-client';
import type { AccountStore } from './accounts/account-store';
import type { KnownSecrets } from './logging/known-secrets';
import type { Logger } from './ports';

export interface AccountClientsOptions {
  accounts: AccountStore;
  /** Told each account's secrets as they are read, so that no log line carries them. */
  knownSecrets: KnownSecrets;
  logger: Logger;
  fetch?: typeof fetch;
}

/**
 * One API client per account, so that status polls and refreshes do not read the keychain each
 * time; dropped when the account's credentials or endpoint change, or the account goes.
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
        return createVolumeClient({ endpoint: accounts.get(accountId)!.endpoint, credentials, logger, fetch });
      });
      client.catch(() => this.#clients.delete(accountId)); // an unknown account or missing secrets: ask again next time
      this.#clients.set(accountId, client);
    }
    return client;
  }

  drop(accountId: string): void {
    this.#clients.delete(accountId);
  }
}
