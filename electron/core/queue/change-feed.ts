/**
 * Gathers queue changes for the window and sends them at most every `intervalMs`: a 1,000-item
 * batch then costs a few messages a second, each with only the latest version of what changed.
 */
import type { QueueChanges } from '../../shared/queue';
import { itemView } from './runner';
import type { Batch, QueueItem } from './types';

export class QueueChangeFeed {
  #batches = new Map<string, Batch>();
  #items = new Map<string, QueueItem>();
  #forgotten = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (changes: QueueChanges) => void,
    private readonly intervalMs = 100,
  ) {}

  batch(batch: Batch): void {
    this.#batches.set(batch.id, batch);
    this.#schedule();
  }

  item(item: QueueItem): void {
    this.#items.set(item.id, item);
    this.#schedule();
  }

  forget(batchId: string): void {
    this.#forgotten.add(batchId);
    this.#batches.delete(batchId);
    for (const [id, item] of this.#items) if (item.batchId === batchId) this.#items.delete(id);
    this.#schedule();
  }

  /** Sends what is gathered now. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#batches.size + this.#items.size + this.#forgotten.size === 0) return;
    const changes: QueueChanges = {
      batches: [...this.#batches.values()].map(({ id, title, createdAt }) => ({ id, title, createdAt })),
      items: [...this.#items.values()].map(itemView),
      forgotten: [...this.#forgotten],
    };
    this.#batches = new Map();
    this.#items = new Map();
    this.#forgotten = new Set();
    this.send(changes);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => this.flush(), this.intervalMs);
    this.#timer.unref?.();
  }
}
