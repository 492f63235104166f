import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import manifest from '../../package.json' with { type: 'json' };
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import type { AccountView, EventChannel, EventPayloads, VolumeListing } from '../shared/contract';
import { AccountHealthBoard } from './account-health';
import { AccountStore, type Account, type AccountStoreOptions } from './accounts/account-store';
import { ApiError } from './api/errors';
import { createVolumeClient, type VolumeClient } from './api/volume-client';
import { VolumeCache } from './cache/volume-cache';
import type { Handlers } from './dispatch';
import type { AccountSecrets } from './secrets/secret-store';
import { connectLocalSandbox } from './local-sandbox-account';
import { silentLogger, type Logger } from './ports';
import { PassingPoller } from './refresh/passing-poller';
import { Refresher } from './refresh/refresher';
import { listVolumes } from './volume-listing';

export interface AppCoreOptions {
  /** The app's data folder: settings, cache, and the Local sandbox's fleet, kept between launches. */
  dataDir: string;
  logger?: Logger;
  /** Time between background refreshes of every account; default 60 s. */
  refreshIntervalMs?: number;
  /** The keychain to use; default the OS keychain through keytar. */
  keychain?: AccountStoreOptions['keychain'];
}

export interface AppCore {
  handlers: Handlers;
  /** The built-in Local sandbox this core started. */
  sandbox: RunningSandbox;
  /** Listens to the events for the window; returns the function that stops listening. */
  onEvent(listener: EventListener): () => void;
  stop(): Promise<void>;
}

/** The answer, or null when the volume no longer exists. */
async function unlessGone<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'volumes.error.not-exists') return null;
    throw error;
  }
}

/** Receives every event for the window, whatever its channel. */
export type EventListener = <E extends EventChannel>(event: E, payload: EventPayloads[E]) => void;

/**
 * The main-process side of the app, free of Electron: it opens the accounts, starts the built-in
 * Local sandbox on loopback, and answers the contract's channels.
 */
export async function startAppCore(options: AppCoreOptions): Promise<AppCore> {
  const logger = options.logger ?? silentLogger;
  await mkdir(options.dataDir, { recursive: true });
  const accounts = await AccountStore.open({ dataDir: options.dataDir, logger, keychain: options.keychain });
  const sandbox = await startSandbox({ dataFile: join(options.dataDir, 'local-sandbox.json'), port: 0 });
  logger.info('local sandbox started', { endpoint: sandbox.endpoint });
  await connectLocalSandbox(accounts, sandbox);
  const cache = new VolumeCache(join(options.dataDir, 'cache'), logger);

  const health = new AccountHealthBoard();

  const view = async (account: Account): Promise<AccountView> => {
    const { state, message } = health.of(account.id);
    return { ...account, hasCredentials: await accounts.hasCredentials(account.id), state, ...(message ? { stateMessage: message } : {}) };
  };

  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => listeners.forEach((listener) => listener(event, payload));

  // One client per account, so that status polls and refreshes do not read the keychain each
  // time; dropped when the account's credentials change or the account goes.
  const clients = new Map<string, Promise<VolumeClient>>();
  const clientFor = (accountId: string): Promise<VolumeClient> => {
    let client = clients.get(accountId);
    if (!client) {
      client = accounts.credentials(accountId).then((credentials) => createVolumeClient({ endpoint: accounts.get(accountId)!.endpoint, credentials, logger }));
      client.catch(() => clients.delete(accountId)); // an unknown account or missing secrets: ask again next time
      clients.set(accountId, client);
    }
    return client;
  };
  const poller = new PassingPoller({
    status: async (accountId, unique) => (await unlessGone(clientFor(accountId).then((client) => client.status(unique))))?.volumeStatus ?? null,
    get: (accountId, unique) => unlessGone(clientFor(accountId).then((client) => client.get(unique))),
    onVolume: (accountId, volume) => emit('volumes:changed', { accountId, added: [], changed: [volume], removed: [] }),
    onGone: (accountId, unique) => emit('volumes:changed', { accountId, added: [], changed: [], removed: [unique] }),
    onStuck: (accountId, unique) => logger.warn('volume stuck in a passing state', { accountId, unique }),
    logger,
  });
  const listAccount = async (accountId: string, keywords?: string): Promise<VolumeListing> => {
    const listing = await listVolumes({ client: await clientFor(accountId), cache, health }, accountId, keywords);
    if (listing.source === 'live' && keywords === undefined) poller.track(accountId, listing.volumes);
    return listing;
  };
  const refresher = new Refresher({
    accountIds: () => accounts.list().map((account) => account.id),
    list: (accountId) => listAccount(accountId),
    onChanges: (changes) => emit('volumes:changed', changes),
    intervalMs: options.refreshIntervalMs ?? 60_000,
    logger,
  });

  const handlers: Handlers = {
    'app:info': async () => ({ version: manifest.version, keychain: await accounts.keychainStatus() }),
    'accounts:list': () => Promise.all(accounts.list().map(view)),
    'accounts:add': async (payload: Parameters<AccountStore['add']>[0]) => view(await accounts.add(payload)),
    'accounts:remove': async ({ accountId }: { accountId: string }) => {
      await accounts.remove(accountId);
      clients.delete(accountId);
      health.forget(accountId);
      refresher.forget(accountId);
      poller.track(accountId, []);
      return null;
    },
    'accounts:set-credentials': async ({ accountId, secrets, sessionOnly }: { accountId: string; secrets: AccountSecrets; sessionOnly?: boolean }) => {
      const account = await accounts.update(accountId, { secrets, sessionOnly });
      clients.delete(accountId);
      health.forget(accountId);
      return view(account);
    },
    'accounts:test': ({ accountId }: { accountId: string }) => accounts.testConnection(accountId),
    'volumes:list': async ({ accountId, keywords }: { accountId: string; keywords?: string }) => {
      const listing = await listAccount(accountId, keywords);
      if (keywords === undefined) refresher.seen(accountId, listing.volumes);
      return listing;
    },
  };
  refresher.start();
  return {
    handlers,
    sandbox,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      refresher.stop();
      poller.stop();
      listeners.clear();
      await sandbox.stop();
    },
  };
}
