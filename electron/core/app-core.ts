import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunningSandbox, SandboxOptions } from '../../sandbox/index';
import {
  queueHolds,
  type AccountView,
  type AppNotification,
  type EventChannel,
  type EventPayloads,
  type VolumeListing,
} from '../shared/contract';
import { FINISHED_STATES, type BatchView } from '../shared/queue';
import { AccountClients } from './account-clients';
import { accountView, AccountHealthBoard } from './account-health';
import { AccountStore, type Account, type AccountStoreOptions } from './accounts/account-store';
import { CACHE_FOLDER, VolumeCache } from './cache/volume-cache';
import type { Handlers } from './dispatch';
import { accountsHandlers } from './handlers/accounts-handlers';
import { appHandlers } from './handlers/app-handlers';
import { labelsHandlers } from './handlers/labels-handlers';
import { queueHandlers } from './handlers/queue-handlers';
import { settingsHandlers } from './handlers/settings-handlers';
import { volumesHandlers } from './handlers/volumes-handlers';
import { connectLocalSandbox, startLocalSandbox } from './local-sandbox-account';
import { batchNotification, notificationLanguage, sessionExpiredNotification } from './notifications';
import { QueueChangeFeed } from './queue/change-feed';
import { Journal } from './queue/journal';
import { QueueRunner, type WaitPolicy } from './queue/runner';
import { OfflineRetry } from './refresh/offline-retry';
import { SettingsStore } from './settings-store';
import { LabelStore } from './labels/label-store';
import { KnownSecrets } from './logging/known-secrets';
import { maskingLogger } from './logging/masking-logger';
import { silentLogger, type Logger } from './ports';
import { PRIVATE_FOLDER_MODE } from './storage/atomic-file';
import { DataNotices } from './storage/damaged-file';
import { lockDataFolder } from './storage/data-folder-lock';
import { clientReads } from './refresh/client-reads';
import { FollowedChanges } from './refresh/followed-changes';
import { PassingPoller } from './refresh/passing-poller';
import { RefreshSoon } from './refresh/refresh-soon';
import { Refresher } from './refresh/refresher';
import { listVolumes } from './volume-listing';

export interface AppCoreOptions {
  /** The app's data folder: settings, cache, and the Local sandbox's fleet, kept between launches. */
  dataDir: string;
  /** Where the core's log lines go; every line is masked of the secrets the core holds. */
  logger?: Logger;
  /** Names the program in the data folder's lock, shown to a second process that is refused. */
  program?: string;
  /** Time between background refreshes of every account; default the setting (60 s). */
  refreshIntervalMs?: number;
  /** Shows a desktop notification (Electron); default: sent to the window as a `notification` event. */
  notify?: (notification: AppNotification) => void;
  /** How the queue follows accepted work; tests shorten it. */
  queueWait?: WaitPolicy;
  /** First delay of the offline probe (doubles up to a minute); default 2 s. */
  offlineRetryMs?: number;
  /** The keychain to use; default the OS keychain through keytar. */
  keychain?: AccountStoreOptions['keychain'];
  /**
   * The HTTP stack of every API client the core makes (WHATWG fetch); default Node's global fetch.
   * The Electron host passes `net.fetch` (Chromium's stack: system proxy, PAC, system certificates).
   */
  fetch?: typeof fetch;
  /** How the Local sandbox runs (tests speed up its transitions); default the demo fleet at real speed. */
  sandbox?: Pick<SandboxOptions, 'speed' | 'seed'>;
  /** Collects the damaged data files found at start, for `app:info`; the host may add its own (window-state.json). */
  notices?: DataNotices;
}

export interface AppCore {
  handlers: Handlers;
  /** The built-in Local sandbox this core started. */
  sandbox: RunningSandbox;
  /** The damaged data files found at this start, shown once by the window (`app:info`). */
  notices: DataNotices;
  /** Listens to the events for the window; returns the function that stops listening. */
  onEvent(listener: EventListener): () => void;
  /** What the queue is doing now: the desktop host asks before quitting and shows progress from it. */
  queueActivity(): QueueActivity;
  stop(): Promise<void>;
}

/** Counts over the queue's items, for a quit prompt, a taskbar progress bar and a badge. */
export interface QueueActivity {
  pending: number;
  /** Sent, or accepted and waiting for the cloud to finish. */
  running: number;
  /** Items of the batches that still have work: finished so far, and in all (the progress bar). */
  batchDone: number;
  batchTotal: number;
  /** Failed items still listed (not cleared). */
  failed: number;
}

/** Counts {@link QueueActivity} from the batches as the window sees them. */
export function queueActivityOf(batches: readonly BatchView[]): QueueActivity {
  const activity: QueueActivity = { pending: 0, running: 0, batchDone: 0, batchTotal: 0, failed: 0 };
  for (const batch of batches) {
    const unfinished = batch.items.filter((item) => !FINISHED_STATES.includes(item.state)).length;
    if (unfinished > 0) {
      activity.batchTotal += batch.items.length;
      activity.batchDone += batch.items.length - unfinished;
    }
    for (const item of batch.items) {
      if (item.state === 'pending') activity.pending++;
      else if (item.state === 'running' || item.state === 'waiting') activity.running++;
      else if (item.state === 'failed') activity.failed++;
    }
  }
  return activity;
}

/** Background refresh slows down this much while the window is hidden. */
const HIDDEN_SLOWDOWN = 5;

/** Receives every event for the window, whatever its channel. */
export type EventListener = <E extends EventChannel>(event: E, payload: EventPayloads[E]) => void;

/**
 * The main-process side of the app, free of Electron: it opens the accounts, starts the built-in
 * Local sandbox on loopback, and answers the contract's channels.
 */
export async function startAppCore(options: AppCoreOptions): Promise<AppCore> {
  await mkdir(options.dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  // One process per data folder: two running one journal would send the same queued work twice.
  const lock = await lockDataFolder(options.dataDir, options.program ?? 'Cloud Disk Desk');
  try {
    const core = await startLockedCore(options);
    return { ...core, stop: () => core.stop().finally(() => lock.release()) };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function startLockedCore(options: AppCoreOptions): Promise<AppCore> {
  // Whatever logger the host passes, every line it gets has each secret the core holds masked.
  const knownSecrets = new KnownSecrets();
  const logger = maskingLogger(options.logger ?? silentLogger, knownSecrets);
  const notices = options.notices ?? new DataNotices();
  const accounts = await AccountStore.open({
    dataDir: options.dataDir,
    logger,
    keychain: options.keychain,
    notices,
    ...(options.fetch ? { connection: { fetch: options.fetch } } : {}),
  });
  const sandbox = await startLocalSandbox(options.dataDir, options.sandbox, { notices, logger });
  knownSecrets.add(sandbox.accessToken, sandbox.adminSession.sessionToken, sandbox.adminSession.sessionSecret);
  logger.info('local sandbox started', { endpoint: sandbox.endpoint });
  await connectLocalSandbox(accounts, sandbox);
  const cache = await VolumeCache.open(join(options.dataDir, CACHE_FOLDER), logger, notices);

  const settings = await SettingsStore.open(options.dataDir, logger, notices);
  const labels = await LabelStore.open(options.dataDir, logger, notices);
  const health = new AccountHealthBoard();
  const listeners = new Set<EventListener>();
  const emit: EventListener = (event, payload) => listeners.forEach((listener) => listener(event, payload));
  const notify = (notification: AppNotification | null) => {
    if (!notification || !settings.get().notifications) return;
    if (options.notify) options.notify(notification);
    else emit('notification', notification);
  };
  const language = () => notificationLanguage(settings.get().language);

  const view = (account: Account): Promise<AccountView> => accountView(account, accounts, health);
  const allViews = () => Promise.all(accounts.list().map(view));
  const accountsChanged = () =>
    void allViews().then(
      (views) => emit('accounts:changed', views),
      (error: unknown) => logger.warn('account list failed', { error: String(error) }),
    );

  const clients = new AccountClients({ accounts, health, knownSecrets, logger, fetch: options.fetch });
  const clientFor = (accountId: string) => clients.for(accountId);
  const paused = (accountId: string) => ['offline', 'expired'].includes(health.of(accountId).state);
  // Work for an account waits while it is gone, offline, expired or without its secrets: the poller's reads and the
  // queue's sends alike. (Background refresh still tries one without secrets: a keychain unlocked later brings it back.)
  const isReady = (accountId: string) => accounts.get(accountId) !== undefined && !queueHolds(health.of(accountId).state);
  const emitStuck = (accountId: string) => emit('volumes:stuck', { accountId, stuck: poller.stuckOf(accountId) });
  // What one round of the poller learnt goes to the window as one change per account, not one per
  // volume: a listing-based round over a 10,000-volume batch would otherwise send 10,000 events.
  const followed = new FollowedChanges((changes) => emit('volumes:changed', changes));
  const poller = new PassingPoller({
    // One follower for every changing volume: passing ones a listing showed, and the queue's waits.
    ...clientReads(clientFor),
    isReady,
    ...(options.queueWait ? { rhythm: { ...options.queueWait, stuckAfterMs: options.queueWait.timeoutMs } } : {}),
    onVolume: (accountId, volume) => followed.change(accountId, volume),
    onGone: (accountId, unique) => followed.remove(accountId, unique),
    onStuck: (accountId, unique) => {
      logger.warn('volume stuck in a passing state', { accountId, unique });
      emitStuck(accountId);
    },
    onUnstuck: emitStuck,
    logger,
  });
  const listAccount = async (accountId: string, keywords?: string): Promise<VolumeListing> => {
    const listing = await listVolumes({ client: () => clientFor(accountId), cache, health }, accountId, keywords);
    if (listing.source === 'live' && keywords === undefined) poller.track(accountId, listing.volumes);
    return { ...listing, stuck: poller.stuckOf(accountId) };
  };
  const refresher = new Refresher({
    // Offline accounts are probed by the offline retry instead; expired ones wait for new credentials.
    accountIds: () =>
      accounts
        .list()
        .map((account) => account.id)
        .filter((id) => !paused(id)),
    list: (accountId) => listAccount(accountId),
    onChanges: (changes) => emit('volumes:changed', changes),
    intervalMs: options.refreshIntervalMs ?? settings.get().refreshIntervalSec * 1000,
    logger,
  });
  let visible = true;
  const baseInterval = () => options.refreshIntervalMs ?? settings.get().refreshIntervalSec * 1000;
  const applyInterval = () => refresher.setInterval(baseInterval() * (visible ? 1 : HIDDEN_SLOWDOWN));
  const offlineRetry = new OfflineRetry({
    probe: (accountId) => refresher.refresh(accountId),
    isOffline: (accountId) => health.of(accountId).state === 'offline',
    ...(options.offlineRetryMs === undefined ? {} : { firstMs: options.offlineRetryMs }),
  });

  const journal = await Journal.open(join(options.dataDir, 'queue.jsonl'), { notices, logger });
  // Each item leaves several records behind as it runs; start from one per item when that adds up
  // (while running, the journal compacts itself by the same rule).
  if (journal.worthCompacting) await journal.compact();
  journal.onCompactError = (error) =>
    logger.warn('queue: compacting the journal failed; it goes on growing', {
      error: error instanceof Error ? error.message : String(error),
    });
  const feed = new QueueChangeFeed((changes) => emit('queue:changed', changes));
  // After queued work lands, the account is re-read soon (once per burst), so the window sees the result.
  const refreshSoon = new RefreshSoon((accountId) => refresher.refresh(accountId));
  const runner = new QueueRunner({
    journal,
    clientFor,
    isReady,
    report: (accountId, error) => (error === null ? health.succeeded(accountId) : health.failed(accountId, error)),
    limits: () => ({ perAccount: settings.get().maxPerAccount, total: settings.get().maxTotal }),
    follower: poller,
    ...(options.queueWait ? { wait: options.queueWait } : {}),
    onItem: (item) => {
      feed.item(item);
      if (item.state !== 'pending' && item.state !== 'running') refreshSoon.ask(item.accountId);
    },
    onBatch: (batch) => feed.batch(batch),
    onForget: (batchId) => feed.forget(batchId),
    onBatchFinished: (batch, items) => notify(batchNotification(batch, items, language())),
    logger,
  });

  health.onChange((accountId, now, before) => {
    accountsChanged();
    if (now.state === 'offline') offlineRetry.offline(accountId);
    else offlineRetry.clear(accountId);
    if (now.state === 'expired' && before.state !== 'expired') {
      const account = accounts.get(accountId);
      if (account) notify(sessionExpiredNotification(accountId, account.name, language()));
    }
    if (now.state === 'online' || now.state === 'unknown') {
      runner.poke();
      // Back from a pause: what the poller follows there is read now, not at its grown delay (up to 30 s).
      if (before.state === 'offline' || before.state === 'expired') poller.wake(accountId);
    }
  });
  labels.onChange((accountId, now) => emit('labels:changed', { accountId, labels: now }));
  settings.onChange(() => {
    applyInterval();
    runner.poke();
  });

  const setVisible = (now: boolean) => {
    visible = now;
    applyInterval();
    // Coming back into view after a while: show what changed without waiting a full cycle.
    if (now) void refresher.refreshAll();
  };

  const views = { view, all: allViews, changed: accountsChanged };
  const handlers: Handlers = {
    ...appHandlers({ accounts, notices, onVisibility: setVisible }),
    ...accountsHandlers({ accounts, views, health, clients, knownSecrets, refresher, offlineRetry, poller, runner, sandbox, labels }),
    ...volumesHandlers({ listAccount, refresher }),
    ...queueHandlers(runner, accounts),
    ...settingsHandlers(settings),
    ...labelsHandlers(labels, accounts),
  };
  runner.start();
  refresher.start();
  return {
    handlers,
    sandbox,
    notices,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    queueActivity: () => queueActivityOf(runner.list()),
    async stop() {
      runner.stop();
      refresher.stop();
      poller.stop();
      offlineRetry.stop();
      feed.stop();
      refreshSoon.stop();
      listeners.clear();
      await journal.close();
      await sandbox.stop();
    },
  };
}
