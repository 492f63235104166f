/**
 * Brings offline accounts back by themselves: while an account is unreachable its regular refresh
 * pauses, and this probes it instead after 2 s, 4 s, 8 s … up to a minute, until it answers.
 */
export interface OfflineRetryOptions {
  /** One attempt at reaching the account (a refresh); it records the account's health itself. */
  probe: (accountId: string) => Promise<void>;
  isOffline: (accountId: string) => boolean;
  firstMs?: number;
  capMs?: number;
}

export class OfflineRetry {
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #options: Required<OfflineRetryOptions>;

  constructor(options: OfflineRetryOptions) {
    this.#options = { firstMs: 2_000, capMs: 60_000, ...options };
  }

  /** Starts probing an account that just went offline (no-op if already probing). */
  offline(accountId: string, delayMs = this.#options.firstMs): void {
    if (this.#timers.has(accountId)) return;
    const timer = setTimeout(() => {
      void this.#options.probe(accountId).finally(() => {
        this.#timers.delete(accountId);
        if (this.#options.isOffline(accountId)) this.offline(accountId, Math.min(this.#options.capMs, delayMs * 2));
      });
    }, delayMs);
    timer.unref?.();
    this.#timers.set(accountId, timer);
  }

  /** The account is back (or gone): stop probing it. */
  clear(accountId: string): void {
    clearTimeout(this.#timers.get(accountId));
    this.#timers.delete(accountId);
  }

  stop(): void {
    for (const accountId of [...this.#timers.keys()]) this.clear(accountId);
  }
}
