/**
 * Runs the operation queue: takes pending items in order within the request limits, sends them
 * (chunks of batchable operations through the batch endpoints), follows accepted ones until their
 * volume reaches its target state, and settles unknown outcomes by reading before ever resending.
 * Every step is journaled before it is taken, so a crash at any moment loses and repeats nothing.
 */
import { randomUUID } from 'node:crypto';
import { FINISHED_STATES, type BatchView, type QueueItemView, type QueueRequest } from '../../shared/queue';
import type { Volume } from '../../shared/volume';
import { ApiError, NetworkError, type VolumeClient } from '../api';
import { silentLogger, type Logger } from '../ports';
import { CHUNKABLE_OPS, sendChunk, sendItem } from './execute';
import type { ItemChange, Journal } from './journal';
import { reconcile } from './reconcile';
import { followedVolume, hasWaitPhase, settle } from './settle';
import type { Batch, QueueItem } from './types';

const ACCESS_DENIED = 'volumes.error.access-denied';
const NOT_EXISTS = 'volumes.error.not-exists';

/** How waiting items are followed: first look, growth per unchanged look, cap, and when to give up. */
export interface WaitPolicy {
  firstMs: number;
  stepMs: number;
  capMs: number;
  timeoutMs: number;
}

export const DEFAULT_WAIT: WaitPolicy = { firstMs: 1_000, stepMs: 1_000, capMs: 30_000, timeoutMs: 10 * 60_000 };

/** Above this many waiting items an account's volumes are read with one paged list, not one get each. */
const LIST_WAITING_ABOVE = 5;

export interface QueueRunnerOptions {
  journal: Journal;
  clientFor: (accountId: string) => Promise<VolumeClient>;
  /** False while an account is offline, its session expired, or it is gone: its work waits. */
  isReady: (accountId: string) => boolean;
  /** What a request to an account taught about it (null: it answered). */
  report: (accountId: string, error: unknown) => void;
  /** Read at every scheduling step, so a settings change applies at once. */
  limits: () => { perAccount: number; total: number };
  /** Volumes per batch request; default 50 (1,000 deletes in 20 requests). */
  chunkSize?: number;
  wait?: WaitPolicy;
  /** Every journaled change of an item, and every new or forgotten batch. */
  onItem?: (item: QueueItem) => void;
  onBatch?: (batch: Batch) => void;
  onForget?: (batchId: string) => void;
  /** A batch whose every item has finished, once per batch. */
  onBatchFinished?: (batch: Batch, items: QueueItem[]) => void;
  logger?: Logger;
  now?: () => number;
}

/** An item's outward view: what the journal holds, minus the queue's bookkeeping. */
export function itemView(item: QueueItem): QueueItemView {
  const { startedAt: _startedAt, ...view } = item;
  return view;
}

function isFinished(item: QueueItem): boolean {
  return FINISHED_STATES.includes(item.state);
}

/** The request never left this machine (nothing listened, no such host): sending again is safe. */
function neverSent(error: unknown): boolean {
  return error instanceof NetworkError && (error.reason === 'refused' || error.reason === 'dns');
}

export class QueueRunner {
  readonly #o: QueueRunnerOptions;
  readonly #journal: Journal;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #wait: WaitPolicy;
  readonly #chunkSize: number;
  /** Items whose request may have been sent without an answer: read before anything is resent. */
  readonly #toReconcile = new Set<string>();
  /** Items this process is working on right now. */
  readonly #busy = new Set<string>();
  /** Items whose chunk failed: they go alone, so each fails (or not) for its own reason. */
  readonly #alone = new Set<string>();
  readonly #activePerAccount = new Map<string, number>();
  #activeTotal = 0;
  readonly #waiters = new Map<string, { timer?: ReturnType<typeof setTimeout>; delayMs: number; checking: boolean }>();
  /** Batches with unfinished items, to tell once when each one finishes. */
  readonly #unfinished = new Set<string>();
  #stopped = false;
  #pumpQueued = false;

  constructor(options: QueueRunnerOptions) {
    this.#o = options;
    this.#journal = options.journal;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
    this.#wait = options.wait ?? DEFAULT_WAIT;
    this.#chunkSize = options.chunkSize ?? 50;
  }

  /** Picks up the journal as replayed: re-checks what was running, follows what was waiting, resumes the rest. */
  start(): void {
    for (const item of this.#journal.needsReconcile) this.#toReconcile.add(item.id);
    const items = this.#journal.items();
    for (const item of items) {
      if (!isFinished(item)) this.#unfinished.add(item.batchId);
      if (item.state === 'waiting') this.#follow(item.accountId);
    }
    if (this.#toReconcile.size > 0) this.#logger.info('queue: re-checking items that were running at the last stop', { count: this.#toReconcile.size });
    this.poke();
  }

  /** Stops scheduling; requests under way end by themselves and are journaled. */
  stop(): void {
    this.#stopped = true;
    for (const waiter of this.#waiters.values()) clearTimeout(waiter.timer);
    this.#waiters.clear();
  }

  /** Every batch with its items, oldest first. */
  list(): BatchView[] {
    const byBatch = new Map<string, QueueItemView[]>();
    for (const item of this.#journal.items()) {
      const items = byBatch.get(item.batchId) ?? [];
      items.push(itemView(item));
      byBatch.set(item.batchId, items);
    }
    return this.#journal.batches().map((batch) => ({ id: batch.id, title: batch.title, createdAt: batch.createdAt, items: byBatch.get(batch.id) ?? [] }));
  }

  /** Queues a batch: journaled whole before any of it runs. */
  async submit(title: string, requests: readonly QueueRequest[]): Promise<BatchView> {
    const now = this.#now();
    const batch: Batch = { id: randomUUID(), title, createdAt: now };
    const items: QueueItem[] = requests.map((request) => ({
      id: randomUUID(),
      batchId: batch.id,
      accountId: request.accountId,
      op: request.op,
      params: { ...request.params },
      ...(request.label === undefined ? {} : { label: request.label }),
      state: 'pending',
      attempts: 0,
      updatedAt: now,
    }));
    await this.#journal.addBatch(batch, items);
    this.#unfinished.add(batch.id);
    this.#o.onBatch?.(batch);
    for (const item of items) this.#o.onItem?.(item);
    this.poke();
    return { ...batch, items: items.map(itemView) };
  }

  /** Cancels pending items of a batch (all, or those listed); running and waiting ones go on. */
  async cancel(batchId: string, itemIds?: readonly string[]): Promise<number> {
    const chosen = this.#itemsOf(batchId, itemIds).filter((item) => item.state === 'pending' && !this.#busy.has(item.id));
    await this.#record(chosen.map((item) => ({ id: item.id, change: { state: 'cancelled' } })));
    return chosen.length;
  }

  /** Cancels every pending item of an account (it was removed). */
  async cancelAccount(accountId: string): Promise<void> {
    const chosen = this.#journal.items().filter((item) => item.accountId === accountId && item.state === 'pending' && !this.#busy.has(item.id));
    await this.#record(chosen.map((item) => ({ id: item.id, change: { state: 'cancelled', error: { code: 'account.removed', message: 'The account was removed' } } })));
  }

  /** Queues again the failed, cancelled and unknown items of a batch (all, or those listed). */
  async retry(batchId: string, itemIds?: readonly string[]): Promise<number> {
    const chosen = this.#itemsOf(batchId, itemIds).filter((item) => item.state === 'failed' || item.state === 'cancelled' || item.state === 'unknown');
    for (const item of chosen) this.#alone.delete(item.id);
    if (chosen.length > 0) this.#unfinished.add(batchId);
    await this.#record(chosen.map((item) => ({ id: item.id, change: { state: 'pending', error: undefined } })));
    this.poke();
    return chosen.length;
  }

  /** Forgets every batch whose items have all finished, and compacts the journal. */
  async clearFinished(): Promise<void> {
    const open = new Set(this.#journal.items().filter((item) => !isFinished(item)).map((item) => item.batchId));
    for (const batch of this.#journal.batches()) {
      if (open.has(batch.id)) continue;
      await this.#journal.forgetBatch(batch.id);
      this.#o.onForget?.(batch.id);
    }
    await this.#journal.compact();
  }

  /** Something changed (an account came back, a slot freed): look for work on the next tick. */
  poke(): void {
    if (this.#pumpQueued || this.#stopped) return;
    this.#pumpQueued = true;
    queueMicrotask(() => {
      this.#pumpQueued = false;
      this.#pump();
      for (const [accountId, waiter] of this.#waiters) if (!waiter.timer && !waiter.checking) this.#scheduleCheck(accountId);
    });
  }

  #itemsOf(batchId: string, itemIds?: readonly string[]): QueueItem[] {
    const wanted = itemIds ? new Set(itemIds) : undefined;
    return this.#journal.items().filter((item) => item.batchId === batchId && (!wanted || wanted.has(item.id)));
  }

  /** Starts as much work as the limits allow, oldest first. */
  #pump(): void {
    if (this.#stopped) return;
    const { perAccount, total } = this.#o.limits();
    const items = this.#journal.items();
    for (let index = 0; index < items.length && this.#activeTotal < total; index++) {
      const item = items[index]!;
      if (this.#busy.has(item.id)) continue;
      const reconciling = item.state === 'running' && this.#toReconcile.has(item.id);
      if (item.state !== 'pending' && !reconciling) continue;
      if ((this.#activePerAccount.get(item.accountId) ?? 0) >= perAccount || !this.#o.isReady(item.accountId)) continue;
      if (reconciling) this.#run(item.accountId, [item], () => this.#reconcile(item));
      else if (CHUNKABLE_OPS.has(item.op) && !this.#alone.has(item.id)) {
        const chunk = this.#gatherChunk(items, index);
        this.#run(item.accountId, chunk, () => (chunk.length > 1 ? this.#sendChunk(chunk) : this.#sendOne(item)));
      } else this.#run(item.accountId, [item], () => this.#sendOne(item));
    }
  }

  /** Pending items of the same batch, account and operation as `items[from]`, up to a chunk. */
  #gatherChunk(items: readonly QueueItem[], from: number): QueueItem[] {
    const first = items[from]!;
    const chunk = [first];
    for (let index = from + 1; index < items.length && chunk.length < this.#chunkSize; index++) {
      const item = items[index]!;
      if (item.batchId !== first.batchId) break;
      if (item.state === 'pending' && item.accountId === first.accountId && item.op === first.op && !this.#busy.has(item.id) && !this.#alone.has(item.id)) chunk.push(item);
    }
    return chunk;
  }

  /** Holds one request slot of the account while `work` runs, then looks for more work. */
  #run(accountId: string, items: readonly QueueItem[], work: () => Promise<void>): void {
    for (const item of items) this.#busy.add(item.id);
    this.#activeTotal++;
    this.#activePerAccount.set(accountId, (this.#activePerAccount.get(accountId) ?? 0) + 1);
    void work()
      .catch((error: unknown) => this.#logger.error('queue: a step failed to be journaled', { accountId, error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        for (const item of items) this.#busy.delete(item.id);
        this.#activeTotal--;
        this.#activePerAccount.set(accountId, (this.#activePerAccount.get(accountId) ?? 1) - 1);
        this.poke();
      });
  }

  async #sendOne(item: QueueItem): Promise<void> {
    const [running] = await this.#record([{ id: item.id, change: { state: 'running', attempts: item.attempts + 1, startedAt: this.#now() } }]);
    try {
      const client = await this.#o.clientFor(item.accountId);
      const result = await sendItem(client, running!);
      this.#o.report(item.accountId, null);
      await this.#accepted([running!], result.unique);
    } catch (error) {
      await this.#failed([running!], error);
    }
  }

  async #sendChunk(chunk: readonly QueueItem[]): Promise<void> {
    const now = this.#now();
    const running = await this.#record(chunk.map((item) => ({ id: item.id, change: { state: 'running', attempts: item.attempts + 1, startedAt: now } })));
    try {
      const client = await this.#o.clientFor(chunk[0]!.accountId);
      await sendChunk(client, chunk[0]!.op, running);
      this.#o.report(chunk[0]!.accountId, null);
      await this.#accepted(running);
    } catch (error) {
      if (error instanceof ApiError && error.code !== ACCESS_DENIED) {
        // All or nothing: nothing changed. Each item goes again alone, to fail only for itself.
        for (const item of running) this.#alone.add(item.id);
        this.#o.report(chunk[0]!.accountId, null);
        await this.#record(running.map((item) => ({ id: item.id, change: { state: 'pending' } })));
        return;
      }
      await this.#failed(running, error);
    }
  }

  /** The server took the items: they wait for their volume, or are done at once. */
  async #accepted(items: readonly QueueItem[], unique?: number): Promise<void> {
    const waiting = items.filter((item) => hasWaitPhase(item));
    await this.#record(
      items.map((item) => ({
        id: item.id,
        change: hasWaitPhase(item)
          ? { state: 'waiting', error: undefined, ...(unique === undefined ? {} : { result: { unique } }) }
          : { state: 'done', error: undefined, ...(unique === undefined ? {} : { result: { unique } }) },
      })),
    );
    for (const item of items) this.#toReconcile.delete(item.id);
    if (waiting.length > 0) this.#follow(items[0]!.accountId);
  }

  /** Sorts out a failed send: refused (nothing happened), rejected, or with no answer (read later). */
  async #failed(items: readonly QueueItem[], error: unknown): Promise<void> {
    const accountId = items[0]!.accountId;
    const ids = items.map((item) => item.id);
    if (error instanceof ApiError && error.code === ACCESS_DENIED) {
      this.#o.report(accountId, error);
      await this.#record(ids.map((id) => ({ id, change: { state: 'pending' } })));
    } else if (error instanceof ApiError) {
      this.#o.report(accountId, null);
      await this.#record(ids.map((id) => ({ id, change: { state: 'failed', error: { code: error.code, message: error.message } } })));
    } else if (neverSent(error)) {
      this.#o.report(accountId, error);
      await this.#record(ids.map((id) => ({ id, change: { state: 'pending' } })));
    } else if (error instanceof Error && 'kind' in error) {
      // A timeout, a reset, a garbled answer: the mutation may have happened. Read before resending.
      this.#o.report(accountId, error);
      for (const id of ids) this.#toReconcile.add(id);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      await this.#record(ids.map((id) => ({ id, change: { state: 'failed', error: { code: 'queue.internal', message } } })));
    }
  }

  async #reconcile(item: QueueItem): Promise<void> {
    let decision;
    try {
      decision = await reconcile(await this.#o.clientFor(item.accountId), item);
    } catch (error) {
      this.#o.report(item.accountId, error);
      if (error instanceof ApiError && error.code !== ACCESS_DENIED) {
        this.#toReconcile.delete(item.id);
        await this.#record([{ id: item.id, change: { state: 'unknown', error: { code: error.code, message: error.message } } }]);
      }
      return; // unreachable or expired: it stays to be read again when the account is back
    }
    this.#o.report(item.accountId, null);
    this.#toReconcile.delete(item.id);
    this.#logger.info('queue: reconciled an item', { op: item.op, outcome: decision.outcome });
    switch (decision.outcome) {
      case 'done':
        return this.#accepted([item], decision.unique);
      case 'waiting':
        return this.#accepted([item]);
      case 'retry':
        await this.#record([{ id: item.id, change: { state: 'pending' } }]);
        return;
      case 'unknown':
        await this.#record([{ id: item.id, change: { state: 'unknown', error: { code: 'queue.outcome-unknown', message: decision.reason } } }]);
    }
  }

  /** Makes sure the account's waiting items are looked at soon. */
  #follow(accountId: string): void {
    const waiter = this.#waiters.get(accountId);
    if (waiter) {
      // New work to follow: look again soon rather than at the grown delay.
      waiter.delayMs = this.#wait.firstMs;
      return;
    }
    this.#waiters.set(accountId, { delayMs: this.#wait.firstMs, checking: false });
    this.#scheduleCheck(accountId);
  }

  #scheduleCheck(accountId: string): void {
    const waiter = this.#waiters.get(accountId);
    if (!waiter || waiter.timer || this.#stopped) return;
    waiter.timer = setTimeout(() => {
      waiter.timer = undefined;
      void this.#check(accountId);
    }, waiter.delayMs);
    waiter.timer.unref?.();
  }

  /** Looks at the volumes of an account's waiting items and settles those that reached their end. */
  async #check(accountId: string): Promise<void> {
    const waiter = this.#waiters.get(accountId);
    if (!waiter || this.#stopped) return;
    const waiting = this.#journal.items().filter((item) => item.accountId === accountId && item.state === 'waiting');
    if (waiting.length === 0) {
      this.#waiters.delete(accountId);
      return;
    }
    if (!this.#o.isReady(accountId)) {
      waiter.delayMs = this.#wait.capMs; // poke() looks again as soon as the account is back
      this.#scheduleCheck(accountId);
      return;
    }
    waiter.checking = true;
    let changed = 0;
    try {
      const volumes = await this.#readVolumes(accountId, waiting);
      this.#o.report(accountId, null);
      const now = this.#now();
      const changes: { id: string; change: ItemChange }[] = [];
      for (const item of waiting) {
        const unique = followedVolume(item);
        const seen = unique === undefined ? null : volumes.get(unique);
        if (seen === undefined) continue; // not in an incomplete listing: undecided
        const settled = settle(item, seen);
        if (settled.outcome === 'done') changes.push({ id: item.id, change: { state: 'done' } });
        else if (settled.outcome === 'failed') changes.push({ id: item.id, change: { state: 'failed', error: { code: settled.code, message: settled.message } } });
        else if (now - item.updatedAt > this.#wait.timeoutMs) {
          const state = seen?.volumeStatus ?? 'gone';
          changes.push({ id: item.id, change: { state: 'unknown', error: { code: 'queue.wait-timeout', message: `Still ${state} after ${Math.round(this.#wait.timeoutMs / 60_000)} minutes` } } });
        }
      }
      changed = changes.length;
      await this.#record(changes);
    } catch (error) {
      this.#o.report(accountId, error);
    } finally {
      waiter.checking = false;
    }
    waiter.delayMs = changed > 0 ? this.#wait.firstMs : Math.min(this.#wait.capMs, waiter.delayMs + this.#wait.stepMs);
    this.#scheduleCheck(accountId);
  }

  /**
   * The followed volumes by `unique`: null for one known to be gone, absent for one not seen.
   * Few are read one by one; many with one paged listing of the account.
   */
  async #readVolumes(accountId: string, waiting: readonly QueueItem[]): Promise<Map<number, Volume | null>> {
    const client = await this.#o.clientFor(accountId);
    const uniques = [...new Set(waiting.map(followedVolume).filter((unique): unique is number => unique !== undefined))];
    const found = new Map<number, Volume | null>();
    if (uniques.length > LIST_WAITING_ABOVE) {
      const listing = await client.listAll({}, { pageSize: 1000 });
      for (const volume of listing.volumes) found.set(volume.unique, volume);
      if (listing.complete) for (const unique of uniques) if (!found.has(unique)) found.set(unique, null);
      return found;
    }
    for (const unique of uniques) {
      try {
        found.set(unique, await client.get(unique));
      } catch (error) {
        if (!(error instanceof ApiError && error.code === NOT_EXISTS)) throw error;
        found.set(unique, null);
      }
    }
    return found;
  }

  /** Journals item changes, tells about them, and tells once about each batch that finished. */
  async #record(changes: readonly { id: string; change: ItemChange }[]): Promise<QueueItem[]> {
    if (changes.length === 0) return [];
    const items = await this.#journal.updateMany(changes, this.#now());
    for (const item of items) this.#o.onItem?.(item);
    const touched = new Set(items.filter(isFinished).map((item) => item.batchId));
    for (const batchId of touched) {
      if (!this.#unfinished.has(batchId)) continue;
      const batchItems = this.#journal.items().filter((item) => item.batchId === batchId);
      if (!batchItems.every(isFinished)) continue;
      this.#unfinished.delete(batchId);
      const batch = this.#journal.batches().find((b) => b.id === batchId);
      if (batch) this.#o.onBatchFinished?.(batch, batchItems);
    }
    return items;
  }
}
