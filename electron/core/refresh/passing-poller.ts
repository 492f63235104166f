import { PASSING_STATES, type Volume, type VolumeState } from '../../shared/volume';
import { silentLogger, type Logger } from '../ports';

/** Horizon's rhythm for volumes in a passing state. */
export const PASSING_POLL = {
  firstMs: 2_500,
  /** Added to the delay after every poll that saw no change. */
  stepMs: 2_500,
  capMs: 30_000,
  /** A volume passing for longer than this is flagged stuck. */
  stuckAfterMs: 10 * 60_000,
} as const;

/** The wait before the next poll of a volume, after `unchanged` polls that saw no change. */
export function nextPollDelay(unchanged: number): number {
  return Math.min(PASSING_POLL.capMs, PASSING_POLL.firstMs + PASSING_POLL.stepMs * unchanged);
}

export function isPassing(state: VolumeState): boolean {
  return (PASSING_STATES as readonly VolumeState[]).includes(state);
}

export interface PassingPollerOptions {
  /** The volume's state now (one `status` call), or null when it is gone. */
  status: (accountId: string, unique: number) => Promise<VolumeState | null>;
  /** The whole volume once its state changed, or null when it is gone. */
  get: (accountId: string, unique: number) => Promise<Volume | null>;
  onVolume: (accountId: string, volume: Volume) => void;
  onGone: (accountId: string, unique: number) => void;
  /** Called once when a volume has been passing for longer than PASSING_POLL.stuckAfterMs. */
  onStuck: (accountId: string, unique: number) => void;
  /** A volume flagged stuck left its passing state, went away, or is no longer followed. */
  onUnstuck?: (accountId: string, unique: number) => void;
  now?: () => number;
  logger?: Logger;
}

interface Followed {
  state: VolumeState;
  since: number;
  unchanged: number;
  stuck: boolean;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Follows volumes in a passing state (creating, attaching, …) with `status` calls, as Horizon
 * does: first after 2.5 s, one interval more after each unchanged poll, at most every 30 s, back
 * to 2.5 s on a change; flagged stuck after 10 minutes. One timer per followed volume.
 */
export class PassingPoller {
  readonly #options: PassingPollerOptions;
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #followed = new Map<string, Followed>();

  constructor(options: PassingPollerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger ?? silentLogger;
  }

  /** Follows the passing volumes of a fresh listing, and drops those that are now stable or gone. */
  track(accountId: string, volumes: readonly Volume[]): void {
    const passing = new Set<string>();
    for (const volume of volumes) {
      if (!isPassing(volume.volumeStatus)) continue;
      const key = `${accountId}/${volume.unique}`;
      passing.add(key);
      if (!this.#followed.has(key)) this.#follow(accountId, volume.unique, volume.volumeStatus, this.#now(), 0);
    }
    for (const key of [...this.#followed.keys()]) if (key.startsWith(`${accountId}/`) && !passing.has(key)) this.#drop(key);
  }

  /** How many volumes are followed now. */
  get size(): number {
    return this.#followed.size;
  }

  stop(): void {
    for (const key of [...this.#followed.keys()]) this.#drop(key);
  }

  #follow(accountId: string, unique: number, state: VolumeState, since: number, unchanged: number, stuck = false): void {
    const key = `${accountId}/${unique}`;
    const timer = setTimeout(() => void this.#poll(accountId, unique), nextPollDelay(unchanged));
    timer.unref?.();
    this.#followed.set(key, { state, since, unchanged, stuck, timer });
  }

  /** `unique`s of the account's volumes flagged stuck. */
  stuckOf(accountId: string): number[] {
    const prefix = `${accountId}/`;
    return [...this.#followed].filter(([key, followed]) => followed.stuck && key.startsWith(prefix)).map(([key]) => Number(key.slice(prefix.length)));
  }

  #drop(key: string): void {
    const followed = this.#followed.get(key);
    clearTimeout(followed?.timer);
    this.#followed.delete(key);
    if (followed?.stuck) {
      const slash = key.lastIndexOf('/');
      this.#options.onUnstuck?.(key.slice(0, slash), Number(key.slice(slash + 1)));
    }
  }

  async #poll(accountId: string, unique: number): Promise<void> {
    const key = `${accountId}/${unique}`;
    const followed = this.#followed.get(key);
    if (!followed) return;
    try {
      const state = await this.#options.status(accountId, unique);
      if (!this.#followed.has(key)) return; // dropped while asking
      if (state === null) {
        this.#drop(key);
        this.#options.onGone(accountId, unique);
        return;
      }
      if (state === followed.state) {
        const stuck = this.#now() - followed.since > PASSING_POLL.stuckAfterMs;
        if (stuck && !followed.stuck) this.#options.onStuck(accountId, unique);
        this.#follow(accountId, unique, state, followed.since, followed.unchanged + 1, stuck);
        return;
      }
      const volume = await this.#options.get(accountId, unique);
      if (!volume) {
        this.#drop(key);
        this.#options.onGone(accountId, unique);
        return;
      }
      this.#options.onVolume(accountId, volume);
      if (isPassing(volume.volumeStatus)) this.#follow(accountId, unique, volume.volumeStatus, this.#now(), 0);
      else this.#drop(key);
    } catch (error) {
      // A failed poll counts as unchanged; the next full refresh settles the volume anyway.
      this.#logger.debug('status poll failed', { accountId, unique, reason: error instanceof Error ? error.message : String(error) });
      if (this.#followed.has(key)) this.#follow(accountId, unique, followed.state, followed.since, followed.unchanged + 1, followed.stuck);
    }
  }
}
