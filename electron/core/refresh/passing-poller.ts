import { PASSING_STATES, type Volume, type VolumeState } from '../../shared/volume';
import { silentLogger, type Logger } from '../ports';

/** How followed volumes are read: first look, growth per unchanged look, cap, and when to give up. */
export interface PollRhythm {
  firstMs: number;
  /** Added to the delay after every poll that saw no change. */
  stepMs: number;
  capMs: number;
  /** A volume passing for longer than this is flagged stuck, and a wait on it gives up. */
  stuckAfterMs: number;
}

/** Horizon's rhythm for volumes in a passing state. */
export const PASSING_POLL: PollRhythm = {
  firstMs: 2_500,
  stepMs: 2_500,
  capMs: 30_000,
  stuckAfterMs: 10 * 60_000,
};

/** Above this many volumes of one account due at once, they are read with one paged listing. */
const LIST_ABOVE = 5;

function delayAfter(unchanged: number, rhythm: PollRhythm): number {
  return Math.min(rhythm.capMs, rhythm.firstMs + rhythm.stepMs * unchanged);
}

/** The wait before the next poll of a volume, after `unchanged` polls that saw no change. */
export function nextPollDelay(unchanged: number): number {
  return delayAfter(unchanged, PASSING_POLL);
}

export function isPassing(state: VolumeState): boolean {
  return (PASSING_STATES as readonly VolumeState[]).includes(state);
}

/** A wait on one volume until it is where the waiter wants it (the queue's accepted work). */
export interface VolumeWatch {
  /**
   * When the wait began: it gives up once the volume has been followed for `stuckAfterMs` since,
   * not counting the time its account could not be asked (see {@link PassingPoller}).
   */
  since: number;
  /** Told of every read of the volume (null: it is gone); true once the wait is over. */
  seen(volume: Volume | null): boolean;
  /** The wait gave up; the state last read ('gone', or undefined before any read succeeded). */
  timedOut(state: VolumeState | 'gone' | undefined): void;
}

/** What the queue needs of the poller: follow this volume for me and tell me. */
export interface VolumeFollower {
  watch(accountId: string, unique: number, watch: VolumeWatch): void;
}

export interface PassingPollerOptions {
  /** The volume's state now (one `status` call), or null when it is gone. */
  status: (accountId: string, unique: number) => Promise<VolumeState | null>;
  /** The whole volume once its state changed, or null when it is gone. */
  get: (accountId: string, unique: number) => Promise<Volume | null>;
  /** The account's volumes, read when many of them are due at once; without it each is read alone. */
  list?: (accountId: string) => Promise<{ volumes: readonly Volume[]; complete: boolean }>;
  onVolume: (accountId: string, volume: Volume) => void;
  onGone: (accountId: string, unique: number) => void;
  /** Called once when a volume has been passing for longer than the rhythm's stuckAfterMs. */
  onStuck: (accountId: string, unique: number) => void;
  /** A volume flagged stuck left its passing state, went away, or is no longer followed. */
  onUnstuck?: (accountId: string, unique: number) => void;
  /**
   * False while an account cannot be asked (offline, expired): its polls wait, counted unchanged,
   * and its waits' clocks stop. A failed read is not reported from here: the account's client
   * tells its health of every call (see `account-clients.ts`).
   */
  isReady?: (accountId: string) => boolean;
  rhythm?: PollRhythm;
  now?: () => number;
  logger?: Logger;
}

interface Followed {
  unique: number;
  /** Last state read: null gone, undefined not read yet (a watch on a volume no listing showed passing). */
  state: VolumeState | null | undefined;
  since: number;
  unchanged: number;
  stuck: boolean;
  dueAt: number;
  watches: Waiting[];
}

/** A wait, with how long its account could not be asked when it began. */
interface Waiting {
  watch: VolumeWatch;
  pausedBefore: number;
}

/** The time an account could not be asked: the spells that ended, and the one under way. */
interface Pause {
  totalMs: number;
  since: number | undefined;
}

/**
 * The one follower of volumes that are changing: those a listing showed in a passing state
 * (creating, attaching, …), and those the queue waits on. Each is read as Horizon does: first
 * after 2.5 s, one interval more after each unchanged poll, at most every 30 s, back to 2.5 s on a
 * change; flagged stuck after 10 minutes. One timer per account: the volumes due together are read
 * together, with a `status` call each when few, with one paged listing when many.
 *
 * A wait times out after `stuckAfterMs` of following while its account could be asked: nothing
 * is learnt of a volume while its cloud is offline or its session expired, so that time does not
 * count (a 15-minute outage does not turn 1,000 deletes that finished meanwhile into "unknown").
 * The clock is checked at every round, offline ones too; when the account is back, {@link wake}
 * reads its volumes at once and the waits go on from where their clocks stopped.
 */
export class PassingPoller implements VolumeFollower {
  readonly #options: PassingPollerOptions;
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #rhythm: PollRhythm;
  /** Volumes due this much later are read with those due now, so a batch is read as one. */
  readonly #slackMs: number;
  readonly #followed = new Map<string, Map<number, Followed>>();
  readonly #timers = new Map<string, { timer: ReturnType<typeof setTimeout>; at: number }>();
  readonly #polling = new Set<string>();
  readonly #paused = new Map<string, Pause>();

  constructor(options: PassingPollerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger ?? silentLogger;
    this.#rhythm = options.rhythm ?? PASSING_POLL;
    this.#slackMs = Math.min(1_000, this.#rhythm.firstMs);
  }

  /** Follows the passing volumes of a fresh listing, and drops those now stable or gone that nobody waits on. */
  track(accountId: string, volumes: readonly Volume[]): void {
    const followed = this.#account(accountId);
    const passing = new Set<number>();
    const now = this.#now();
    for (const volume of volumes) {
      if (!isPassing(volume.volumeStatus)) continue;
      passing.add(volume.unique);
      if (!followed.has(volume.unique)) followed.set(volume.unique, this.#entry(volume.unique, volume.volumeStatus, now));
    }
    for (const f of [...followed.values()]) if (!passing.has(f.unique) && f.watches.length === 0) this.#drop(accountId, f);
    this.#schedule(accountId);
  }

  /** Follows a volume until `watch` says it is over, or gives up after the rhythm's stuckAfterMs. */
  watch(accountId: string, unique: number, watch: VolumeWatch): void {
    const followed = this.#account(accountId);
    const now = this.#now();
    const f = followed.get(unique) ?? this.#entry(unique, undefined, now);
    followed.set(unique, f);
    f.watches.push({ watch, pausedBefore: this.#pausedMs(accountId, now) });
    // New work to follow: look again soon rather than at the grown delay.
    f.dueAt = Math.min(f.dueAt, now + this.#rhythm.firstMs);
    this.#schedule(accountId);
  }

  /**
   * The account can be asked again (it came back online, or has new credentials): its followed
   * volumes are read now instead of at their grown delays, and its waits' clocks run again.
   */
  wake(accountId: string): void {
    const followed = this.#followed.get(accountId);
    if (!followed) return;
    const now = this.#now();
    this.#resume(accountId, now);
    for (const f of followed.values()) f.dueAt = Math.min(f.dueAt, now);
    this.#schedule(accountId);
  }

  /** How many volumes are followed now. */
  get size(): number {
    let size = 0;
    for (const followed of this.#followed.values()) size += followed.size;
    return size;
  }

  /** `unique`s of the account's volumes flagged stuck. */
  stuckOf(accountId: string): number[] {
    return [...(this.#followed.get(accountId)?.values() ?? [])].filter((f) => f.stuck).map((f) => f.unique);
  }

  stop(): void {
    for (const [accountId, followed] of this.#followed) for (const f of [...followed.values()]) this.#drop(accountId, f);
    for (const { timer } of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#paused.clear();
  }

  /** How long the account could not be asked, in all, up to `now`. */
  #pausedMs(accountId: string, now: number): number {
    const pause = this.#paused.get(accountId);
    if (!pause) return 0;
    return pause.totalMs + (pause.since === undefined ? 0 : now - pause.since);
  }

  /** A round found the account not ready: its waits' clocks stop from now. */
  #pause(accountId: string, now: number): void {
    const pause = this.#paused.get(accountId) ?? { totalMs: 0, since: undefined };
    pause.since ??= now;
    this.#paused.set(accountId, pause);
  }

  #resume(accountId: string, now: number): void {
    const pause = this.#paused.get(accountId);
    if (pause?.since === undefined) return;
    pause.totalMs += now - pause.since;
    pause.since = undefined;
  }

  #account(accountId: string): Map<number, Followed> {
    let followed = this.#followed.get(accountId);
    if (!followed) this.#followed.set(accountId, (followed = new Map()));
    return followed;
  }

  #entry(unique: number, state: VolumeState | undefined, now: number): Followed {
    return { unique, state, since: now, unchanged: 0, stuck: false, dueAt: now + this.#rhythm.firstMs, watches: [] };
  }

  #drop(accountId: string, f: Followed): void {
    const followed = this.#followed.get(accountId);
    if (followed?.get(f.unique) !== f) return;
    followed.delete(f.unique);
    if (followed.size === 0) this.#followed.delete(accountId);
    if (f.stuck) this.#options.onUnstuck?.(accountId, f.unique);
  }

  /** Sets the account's timer to its earliest due volume. */
  #schedule(accountId: string): void {
    if (this.#polling.has(accountId)) return; // the round under way schedules the next
    const current = this.#timers.get(accountId);
    const followed = this.#followed.get(accountId);
    if (!followed || followed.size === 0) {
      clearTimeout(current?.timer);
      this.#timers.delete(accountId);
      this.#followed.delete(accountId);
      this.#paused.delete(accountId); // nothing waits on the account: no clock to keep
      return;
    }
    let at = Number.POSITIVE_INFINITY;
    for (const f of followed.values()) at = Math.min(at, f.dueAt);
    if (current?.at === at) return;
    clearTimeout(current?.timer);
    const timer = setTimeout(() => void this.#round(accountId), Math.max(0, at - this.#now()));
    timer.unref?.();
    this.#timers.set(accountId, { timer, at });
  }

  /** Reads the account's due volumes, together. */
  async #round(accountId: string): Promise<void> {
    this.#timers.delete(accountId);
    const horizon = this.#now() + this.#slackMs;
    const due = [...(this.#followed.get(accountId)?.values() ?? [])].filter((f) => f.dueAt <= horizon);
    this.#polling.add(accountId);
    try {
      const now = this.#now();
      if (this.#options.isReady && !this.#options.isReady(accountId)) {
        this.#pause(accountId, now);
        for (const f of due) this.#unchanged(accountId, f);
        return;
      }
      this.#resume(accountId, now);
      if (due.length > LIST_ABOVE && this.#options.list) await this.#readListed(accountId, due);
      else await this.#readEach(accountId, due);
    } finally {
      this.#polling.delete(accountId);
      this.#schedule(accountId);
    }
  }

  async #readListed(accountId: string, due: readonly Followed[]): Promise<void> {
    let listing;
    try {
      listing = await this.#options.list!(accountId);
    } catch (error) {
      this.#failed(accountId, error);
      for (const f of due) this.#unchanged(accountId, f);
      return;
    }
    const byUnique = new Map(listing.volumes.map((volume) => [volume.unique, volume]));
    for (const f of due) {
      const volume = byUnique.get(f.unique);
      // Not in an incomplete listing: undecided.
      if (volume === undefined && !listing.complete) this.#unchanged(accountId, f);
      else this.#observe(accountId, f, volume ?? null);
    }
  }

  async #readEach(accountId: string, due: readonly Followed[]): Promise<void> {
    let failure: unknown = null;
    for (const f of due) {
      try {
        // A wait needs the whole volume (its size, its attachments), not only its state.
        if (f.watches.length === 0 && f.state) {
          const state = await this.#options.status(accountId, f.unique);
          if (state === f.state) {
            this.#unchanged(accountId, f);
            continue;
          }
          this.#observe(accountId, f, state === null ? null : await this.#options.get(accountId, f.unique));
        } else this.#observe(accountId, f, await this.#options.get(accountId, f.unique));
      } catch (error) {
        // A failed poll counts as unchanged; the next full refresh settles the volume anyway.
        failure = error;
        this.#unchanged(accountId, f);
      }
    }
    if (failure !== null) this.#failed(accountId, failure);
  }

  #failed(accountId: string, error: unknown): void {
    this.#logger.debug('status poll failed', { accountId, reason: error instanceof Error ? error.message : String(error) });
  }

  /** A look that saw nothing new: the next one comes later; a wait may give up, a passing volume be stuck. */
  #unchanged(accountId: string, f: Followed): void {
    if (this.#followed.get(accountId)?.get(f.unique) !== f) return; // dropped while asking
    const now = this.#now();
    f.unchanged++;
    f.dueAt = now + delayAfter(f.unchanged, this.#rhythm);
    this.#expire(accountId, f, now);
    if (f.state && isPassing(f.state) && !f.stuck && now - f.since > this.#rhythm.stuckAfterMs) {
      f.stuck = true;
      this.#options.onStuck(accountId, f.unique);
    }
    if (f.watches.length === 0 && !(f.state && isPassing(f.state))) this.#drop(accountId, f);
  }

  /** A read of the volume (null: gone): tells the waits, and the window what changed. */
  #observe(accountId: string, f: Followed, volume: Volume | null): void {
    if (this.#followed.get(accountId)?.get(f.unique) !== f) return; // dropped while asking
    f.watches = f.watches.filter((waiting) => !waiting.watch.seen(volume));
    const state = volume?.volumeStatus ?? null;
    if (state === f.state) {
      this.#unchanged(accountId, f);
      return;
    }
    if (volume) this.#options.onVolume(accountId, volume);
    else this.#options.onGone(accountId, f.unique);
    if (f.stuck) {
      f.stuck = false;
      this.#options.onUnstuck?.(accountId, f.unique);
    }
    const now = this.#now();
    Object.assign(f, { state, since: now, unchanged: 0, dueAt: now + this.#rhythm.firstMs });
    // A gone volume changes no more: a wait still on it is over.
    this.#expire(accountId, f, volume ? now : Number.POSITIVE_INFINITY);
    if (!volume || (!isPassing(volume.volumeStatus) && f.watches.length === 0)) this.#drop(accountId, f);
  }

  /**
   * Tells the waits followed for longer than the rhythm allows, their account's pauses not
   * counted, that they gave up, and forgets them.
   */
  #expire(accountId: string, f: Followed, now: number): void {
    const paused = now === Number.POSITIVE_INFINITY ? 0 : this.#pausedMs(accountId, now);
    f.watches = f.watches.filter(({ watch, pausedBefore }) => {
      if (now - watch.since - (paused - pausedBefore) <= this.#rhythm.stuckAfterMs) return true;
      watch.timedOut(f.state === null ? 'gone' : f.state);
      return false;
    });
  }
}
