/**
 * Runs the operation queue: takes pending items in order within the request limits, sends them
 * (chunks of batchable operations through the batch endpoints), has accepted ones followed until their
 * volume reaches its target state (by the app's one {@link VolumeFollower}, or a poller of its own),
 * and settles unknown outcomes by reading before ever resending.
 * Every step is journaled before it is taken, so a crash at any moment loses and repeats nothing.
 */
import { randomUUID } from 'node:crypto';
import { errorReply } from '../../shared/error-catalogue';
import {
  FINISHED_STATES,
  RETRIED_STATES,
  type BatchView,
  type QueueItemView,
  type QueueRequest,
  type RetryScope,
} from '../../shared/queue';
import type { Volume, VolumeState } from '../../shared/volume';
import { ApiError, NetworkError, type VolumeClient } from '../api';
import { toErrorReply } from '../errors/to-reply';
import { silentLogger, type Logger } from '../ports';
import { clientReads } from '../refresh/client-reads';
import { PASSING_POLL, PassingPoller, type VolumeFollower } from '../refresh/passing-poller';
import { CHUNKABLE_OPS, sendChunk, sendItem } from './execute';
import type { ItemChange, Journal } from './journal';
import { reconcile } from './reconcile';
import { followedVolume, hasWaitPhase, settle } from './settle';
import type { Batch, QueueItem } from './types';

const ACCESS_DENIED = 'volumes.error.access-denied';

/** How waiting items are followed: first look, growth per unchanged look, cap, and when to give up. */
export interface WaitPolicy {
  firstMs: number;
  stepMs: number;
  capMs: number;
  timeoutMs: number;
}

/** The passing-state poller's rhythm: the queue's waits and the window's passing volumes are read alike. */
export const DEFAULT_WAIT: WaitPolicy = {
  firstMs: PASSING_POLL.firstMs,
  stepMs: PASSING_POLL.stepMs,
  capMs: PASSING_POLL.capMs,
  timeoutMs: PASSING_POLL.stuckAfterMs,
};

export interface QueueRunnerOptions {
  journal: Journal;
  clientFor: (accountId: string) => Promise<VolumeClient>;
  /** False while an account is offline, its session expired, or it is gone: its work waits. */
  isReady: (accountId: string) => boolean;
  /**
   * A failed request the account's client leaves to its caller to judge (a garbled answer, a
   * refusal while re-checking). The client itself tells the account's health of every success,
   * unreachable cloud and refused session, so the runner never tells those a second time.
   */
  report: (accountId: string, error: unknown) => void;
  /** Read at every scheduling step, so a settings change applies at once. */
  limits: () => { perAccount: number; total: number };
  /** Volumes per batch request; default 50 (1,000 deletes in 20 requests). */
  chunkSize?: number;
  /**
   * Follows the volumes of accepted items (the app passes its one passing-state poller, so each
   * volume has one follower); default a poller of the runner's own, reading with `wait`'s rhythm.
   */
  follower?: VolumeFollower;
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

/** Failures the account's client already told the account's health about (see `account-clients.ts`). */
function toldByClient(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && error.code === ACCESS_DENIED);
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
  readonly #follower: VolumeFollower;
  /** The poller the runner made for itself, stopped with it. */
  readonly #ownPoller?: PassingPoller;
  readonly #chunkSize: number;
  /** Items whose request may have been sent without an answer: read before anything is resent. */
  readonly #toReconcile = new Set<string>();
  /** Items this process is working on right now. */
  readonly #busy = new Set<string>();
  /** Items whose chunk failed: they go alone, so each fails (or not) for its own reason. */
  readonly #alone = new Set<string>();
  readonly #activePerAccount = new Map<string, number>();
  #activeTotal = 0;
  /** Waits that ended, journaled together on the next tick (a listing settles many at once). */
  #settled: { id: string; change: ItemChange }[] = [];
  /** Batches with unfinished items, to tell once when each one finishes. */
  readonly #unfinished = new Set<string>();
  #stopped = false;
  #pumpQueued = false;

  constructor(options: QueueRunnerOptions) {
    this.#o = options;
    this.#journal = options.journal;
    this.#logger = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
    this.#chunkSize = options.chunkSize ?? 50;
    if (options.follower) this.#follower = options.follower;
    else {
      const wait = options.wait ?? DEFAULT_WAIT;
      const ignore = () => {};
      this.#ownPoller = new PassingPoller({
        ...clientReads(options.clientFor),
        onVolume: ignore,
        onGone: ignore,
        onStuck: ignore,
        isReady: options.isReady,
        rhythm: { firstMs: wait.firstMs, stepMs: wait.stepMs, capMs: wait.capMs, stuckAfterMs: wait.timeoutMs },
        now: this.#now,
        logger: this.#logger,
      });
      this.#follower = this.#ownPoller;
    }
  }

  /** Picks up the journal as replayed: re-checks what was running, follows what was waiting, resumes the rest. */
  start(): void {
    for (const item of this.#journal.needsReconcile) this.#toReconcile.add(item.id);
    const items = this.#journal.items();
    for (const item of items) {
      if (!isFinished(item)) this.#unfinished.add(item.batchId);
      if (item.state === 'waiting') this.#follow(item);
    }
    if (this.#toReconcile.size > 0)
      this.#logger.info('queue: re-checking items that were running at the last stop', { count: this.#toReconcile.size });
    this.poke();
  }

  /** Stops scheduling; requests under way end by themselves and are journaled. */
  stop(): void {
    this.#stopped = true;
    this.#ownPoller?.stop();
  }

  /** Every batch with its items, oldest first. */
  list(): BatchView[] {
    const byBatch = new Map<string, QueueItemView[]>();
    for (const item of this.#journal.items()) {
      const items = byBatch.get(item.batchId) ?? [];
      items.push(itemView(item));
      byBatch.set(item.batchId, items);
    }
    return this.#journal
      .batches()
      .map((batch) => ({ id: batch.id, title: batch.title, createdAt: batch.createdAt, items: byBatch.get(batch.id) ?? [] }));
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
    const chosen = this.#journal
      .items()
      .filter((item) => item.accountId === accountId && item.state === 'pending' && !this.#busy.has(item.id));
    await this.#record(chosen.map((item) => ({ id: item.id, change: { state: 'cancelled', error: errorReply('account.removed', {}) } })));
  }

  /**
   * Queues again the finished items of a batch that did not succeed (those listed, or all of the
   * batch's in `scope`: failed and unknown, cancelled, or both).
   */
  async retry(batchId: string, itemIds?: readonly string[], scope: RetryScope = 'all'): Promise<number> {
    const states = RETRIED_STATES[scope];
    const chosen = this.#itemsOf(batchId, itemIds).filter((item) => states.includes(item.state));
    for (const item of chosen) this.#alone.delete(item.id);
    if (chosen.length > 0) this.#unfinished.add(batchId);
    await this.#record(chosen.map((item) => ({ id: item.id, change: { state: 'pending', error: undefined } })));
    this.poke();
    return chosen.length;
  }

  /** Forgets every batch whose items have all finished, and compacts the journal. */
  async clearFinished(): Promise<void> {
    const open = new Set(
      this.#journal
        .items()
        .filter((item) => !isFinished(item))
        .map((item) => item.batchId),
    );
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
      if (
        item.state === 'pending' &&
        item.accountId === first.accountId &&
        item.op === first.op &&
        !this.#busy.has(item.id) &&
        !this.#alone.has(item.id)
      )
        chunk.push(item);
    }
    return chunk;
  }

  /** Holds one request slot of the account while `work` runs, then looks for more work. */
  #run(accountId: string, items: readonly QueueItem[], work: () => Promise<void>): void {
    for (const item of items) this.#busy.add(item.id);
    this.#activeTotal++;
    this.#activePerAccount.set(accountId, (this.#activePerAccount.get(accountId) ?? 0) + 1);
    void work()
      .catch((error: unknown) =>
        this.#logger.error('queue: a step failed to be journaled', {
          accountId,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        for (const item of items) this.#busy.delete(item.id);
        this.#activeTotal--;
        this.#activePerAccount.set(accountId, (this.#activePerAccount.get(accountId) ?? 1) - 1);
        this.poke();
      });
  }

  async #sendOne(item: QueueItem): Promise<void> {
    const [running] = await this.#record([
      { id: item.id, change: { state: 'running', attempts: item.attempts + 1, startedAt: this.#now() } },
    ]);
    try {
      const client = await this.#o.clientFor(item.accountId);
      const result = await sendItem(client, running!);
      await this.#accepted([running!], result.unique);
    } catch (error) {
      await this.#failed([running!], error);
    }
  }

  async #sendChunk(chunk: readonly QueueItem[]): Promise<void> {
    const now = this.#now();
    const running = await this.#record(
      chunk.map((item) => ({ id: item.id, change: { state: 'running', attempts: item.attempts + 1, startedAt: now } })),
    );
    try {
      const client = await this.#o.clientFor(chunk[0]!.accountId);
      await sendChunk(client, chunk[0]!.op, running);
      await this.#accepted(running);
    } catch (error) {
      if (error instanceof ApiError && error.code !== ACCESS_DENIED) {
        // All or nothing: nothing changed. Each item goes again alone, to fail only for itself.
        for (const item of running) this.#alone.add(item.id);
        await this.#record(running.map((item) => ({ id: item.id, change: { state: 'pending' } })));
        return;
      }
      await this.#failed(running, error);
    }
  }

  /** The server took the items: they wait for their volume, or are done at once. */
  async #accepted(items: readonly QueueItem[], unique?: number): Promise<void> {
    const recorded = await this.#record(
      items.map((item) => ({
        id: item.id,
        change: hasWaitPhase(item)
          ? { state: 'waiting', error: undefined, ...(unique === undefined ? {} : { result: { unique } }) }
          : { state: 'done', error: undefined, ...(unique === undefined ? {} : { result: { unique } }) },
      })),
    );
    for (const item of items) this.#toReconcile.delete(item.id);
    for (const item of recorded) if (item.state === 'waiting') this.#follow(item);
  }

  /** Sorts out a failed send: refused (nothing happened), rejected, or with no answer (read later). */
  async #failed(items: readonly QueueItem[], error: unknown): Promise<void> {
    const accountId = items[0]!.accountId;
    const ids = items.map((item) => item.id);
    // A refused session or a request that never left: the account waits (its client said why), the items with it.
    if ((error instanceof ApiError && error.code === ACCESS_DENIED) || neverSent(error)) {
      await this.#record(ids.map((id) => ({ id, change: { state: 'pending' } })));
    } else if (error instanceof ApiError) {
      const reply = toErrorReply(error);
      await this.#record(ids.map((id) => ({ id, change: { state: 'failed', error: reply } })));
    } else if (error instanceof Error && 'kind' in error) {
      // A timeout, a reset, a garbled answer: the mutation may have happened. Read before resending.
      this.#judge(accountId, error);
      for (const id of ids) this.#toReconcile.add(id);
    } else {
      const reply = errorReply('queue.internal', {}, error instanceof Error ? error.message : String(error));
      await this.#record(ids.map((id) => ({ id, change: { state: 'failed', error: reply } })));
    }
  }

  async #reconcile(item: QueueItem): Promise<void> {
    let decision;
    try {
      decision = await reconcile(await this.#o.clientFor(item.accountId), item);
    } catch (error) {
      this.#judge(item.accountId, error);
      if (error instanceof ApiError && error.code !== ACCESS_DENIED) {
        this.#toReconcile.delete(item.id);
        await this.#record([{ id: item.id, change: { state: 'unknown', error: toErrorReply(error) } }]);
      }
      return; // unreachable or expired: it stays to be read again when the account is back
    }
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
        await this.#record([
          { id: item.id, change: { state: 'unknown', error: errorReply('queue.outcome-unknown', {}, decision.reason) } },
        ]);
    }
  }

  /** Has the item's volume followed until the item is over. */
  #follow(item: QueueItem): void {
    const unique = followedVolume(item);
    if (unique === undefined) {
      this.#decide(item.id, null); // a create whose answer named no volume: nothing to follow
      return;
    }
    this.#follower.watch(item.accountId, unique, {
      since: item.updatedAt,
      seen: (volume) => this.#decide(item.id, volume),
      timedOut: (state) => this.#timedOut(item.id, state),
    });
  }

  /** Settles a waiting item from a read of its volume; true once it is over (or no longer waiting). */
  #decide(id: string, volume: Volume | null): boolean {
    const item = this.#journal.item(id);
    if (this.#stopped || item?.state !== 'waiting') return true;
    const settled = settle(item, volume);
    if (settled.outcome === 'waiting') return false;
    this.#settle(id, settled.outcome === 'done' ? { state: 'done' } : { state: 'failed', error: settled.error });
    return true;
  }

  #timedOut(id: string, state: VolumeState | 'gone' | undefined): void {
    if (this.#stopped || this.#journal.item(id)?.state !== 'waiting') return;
    const minutes = Math.round((this.#o.wait ?? DEFAULT_WAIT).timeoutMs / 60_000);
    this.#settle(id, {
      state: 'unknown',
      error: errorReply('queue.wait-timeout', {}, `volumeStatus ${state ?? 'unread'} after ${minutes} min`),
    });
  }

  /** Tells the account's health of a failure its client did not tell it about itself. */
  #judge(accountId: string, error: unknown): void {
    if (!toldByClient(error)) this.#o.report(accountId, error);
  }

  #settle(id: string, change: ItemChange): void {
    if (this.#settled.push({ id, change }) > 1) return;
    queueMicrotask(() => {
      const changes = this.#settled;
      this.#settled = [];
      void this.#record(changes).catch((error: unknown) =>
        this.#logger.error('queue: a step failed to be journaled', { error: error instanceof Error ? error.message : String(error) }),
      );
    });
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
