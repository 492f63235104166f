import type { Volume } from '../../shared/volume';
import type { VolumeChanges } from '../../shared/contract';

/**
 * Collects the volumes the passing-state poller saw change or go, and hands them on as one change
 * per account once the current round of work is over (the next turn of the event loop).
 */
export class FollowedChanges {
  readonly #pending = new Map<string, { changed: Map<number, Volume>; removed: Set<number> }>();
  #scheduled = false;

  constructor(private readonly send: (changes: VolumeChanges) => void) {}

  change(accountId: string, volume: Volume): void {
    const account = this.#of(accountId);
    account.removed.delete(volume.unique);
    account.changed.set(volume.unique, volume);
  }

  remove(accountId: string, unique: number): void {
    const account = this.#of(accountId);
    account.changed.delete(unique);
    account.removed.add(unique);
  }

  #of(accountId: string) {
    let account = this.#pending.get(accountId);
    if (!account) {
      account = { changed: new Map(), removed: new Set() };
      this.#pending.set(accountId, account);
    }
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    }
    return account;
  }

  #flush(): void {
    this.#scheduled = false;
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [accountId, { changed, removed }] of pending)
      this.send({ accountId, added: [], changed: [...changed.values()], removed: [...removed] });
  }
}
