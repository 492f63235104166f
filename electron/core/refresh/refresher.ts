import type { VolumeChanges, VolumeListing } from '../../shared/contract';
import type { Volume } from '../../shared/volume';
import { silentLogger, type Logger } from '../ports';
import { diffVolumes, hasChanges } from './volume-diff';

export interface RefresherOptions {
  /** The accounts to refresh, asked at each cycle (accounts come and go). */
  accountIds: () => string[];
  /** One full listing of an account (it records the account's health and cache itself). */
  list: (accountId: string) => Promise<VolumeListing>;
  /** Called with what changed since the last listing of that account, never with an empty diff. */
  onChanges: (changes: VolumeChanges) => void;
  /** Time between full refreshes of every account. */
  intervalMs: number;
  logger?: Logger;
}

/**
 * Keeps every account's volumes fresh in the background: a full listing per account every
 * interval, at most one in flight per account, and only the differences sent on.
 */
export class Refresher {
  readonly #options: RefresherOptions;
  readonly #logger: Logger;
  readonly #known = new Map<string, Volume[]>();
  readonly #inFlight = new Map<string, Promise<void>>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #intervalMs: number;

  constructor(options: RefresherOptions) {
    this.#options = options;
    this.#intervalMs = options.intervalMs;
    this.#logger = options.logger ?? silentLogger;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.refreshAll(), this.#intervalMs);
    this.#timer.unref?.();
  }

  /** Changes the time between cycles (a setting, or the window hidden); applies from now. */
  setInterval(ms: number): void {
    if (ms === this.#intervalMs) return;
    this.#intervalMs = ms;
    if (this.#timer) {
      this.stop();
      this.start();
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Records a listing the window already has, so later diffs start from it. */
  seen(accountId: string, volumes: Volume[]): void {
    this.#known.set(accountId, volumes);
  }

  /** Forgets an account (removed): no diff is sent for it any more. */
  forget(accountId: string): void {
    this.#known.delete(accountId);
  }

  refreshAll(): Promise<void> {
    return Promise.all(this.#options.accountIds().map((id) => this.refresh(id))).then(() => undefined);
  }

  /** Refreshes one account; joins the refresh already under way, if any. */
  refresh(accountId: string): Promise<void> {
    const running = this.#inFlight.get(accountId);
    if (running) return running;
    const work = this.#refreshOnce(accountId).finally(() => this.#inFlight.delete(accountId));
    this.#inFlight.set(accountId, work);
    return work;
  }

  async #refreshOnce(accountId: string): Promise<void> {
    let listing: VolumeListing;
    try {
      listing = await this.#options.list(accountId);
    } catch (error) {
      // The account's health already says why; the next cycle tries again.
      this.#logger.debug('background refresh failed', { accountId, reason: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (listing.source !== 'live') return;
    const before = this.#known.get(accountId);
    this.#known.set(accountId, listing.volumes);
    if (!before) return; // nothing shown yet for this account: the window asks for the whole list
    const changes = diffVolumes(accountId, before, listing.volumes);
    if (hasChanges(changes)) this.#options.onChanges(changes);
  }
}
