/**
 * Re-reads an account soon after queued work lands there, coalesced: the first ask is answered
 * after `firstMs`, asks while that listing is under way or within `gapMs` after it make one more
 * listing at the end of the gap. A burst of 10,000 settled items costs one listing per gap, not one each.
 */
export class RefreshSoon {
  readonly #refresh: (accountId: string) => Promise<unknown>;
  readonly #firstMs: number;
  readonly #gapMs: number;
  /** Accounts with a listing scheduled or under way, and whether another was asked for meanwhile. */
  readonly #busy = new Map<string, { again: boolean; timer?: ReturnType<typeof setTimeout> }>();

  constructor(refresh: (accountId: string) => Promise<unknown>, firstMs = 300, gapMs = 2_000) {
    this.#refresh = refresh;
    this.#firstMs = firstMs;
    this.#gapMs = gapMs;
  }

  ask(accountId: string): void {
    const busy = this.#busy.get(accountId);
    if (busy) busy.again = true;
    else this.#after(accountId, this.#firstMs);
  }

  stop(): void {
    for (const busy of this.#busy.values()) clearTimeout(busy.timer);
    this.#busy.clear();
  }

  #after(accountId: string, ms: number): void {
    const busy = { again: false, timer: setTimeout(() => void this.#run(accountId, busy), ms) };
    busy.timer.unref?.();
    this.#busy.set(accountId, busy);
  }

  async #run(accountId: string, busy: { again: boolean; timer?: ReturnType<typeof setTimeout> }): Promise<void> {
    busy.timer = undefined;
    busy.again = false;
    await this.#refresh(accountId).catch(() => {}); // the refresher logs and reports its own failures
    if (this.#busy.get(accountId) !== busy) return; // stopped meanwhile
    // The gap after a listing: asks during it and during the listing make one more at its end.
    busy.timer = setTimeout(() => {
      this.#busy.delete(accountId);
      if (busy.again) this.#after(accountId, 0);
    }, this.#gapMs);
    busy.timer.unref?.();
  }
}
