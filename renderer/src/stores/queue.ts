/**
 * The operation queue as the window sees it: every batch with its items, read once with
 * `queue:list` and then kept current from `queue:changed`. Batches are held in a shallow ref of
 * plain objects; a change replaces only the batches it touches (a new items array, items found
 * through an id index), so a 1,000-item batch costs a few array copies per tick, not a deep
 * reactive walk.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import {
  FINISHED_STATES,
  followedVolume,
  QUEUE_STATES,
  type BatchHeader,
  type BatchView,
  type QueueChanges,
  type QueueItemView,
  type QueueRequest,
  type QueueState,
  type RetryScope,
} from '@shared/queue';
import { host } from '@/ipc/host';

/** How far a batch has come. */
export interface BatchProgress {
  total: number;
  counts: Record<QueueState, number>;
  /** Items that have finished (done, failed, cancelled or unknown). */
  finished: number;
  /** Finished share, 0–100, rounded down so 100 means every item finished. */
  percent: number;
  /** Failed or unknown items: the ones the user may retry. */
  troubled: number;
  /** Items not yet finished. */
  active: number;
}

function emptyCounts(): Record<QueueState, number> {
  return Object.fromEntries(QUEUE_STATES.map((s) => [s, 0])) as Record<QueueState, number>;
}

export function progressOfItems(items: readonly QueueItemView[]): BatchProgress {
  const counts = emptyCounts();
  for (const item of items) counts[item.state]++;
  const finished = FINISHED_STATES.reduce((sum, s) => sum + counts[s], 0);
  const total = items.length;
  return {
    total,
    counts,
    finished,
    percent: total === 0 ? 100 : Math.floor((finished * 100) / total),
    troubled: counts.failed + counts.unknown,
    active: total - finished,
  };
}

export function isFinished(batch: BatchView): boolean {
  return batch.items.every((item) => FINISHED_STATES.includes(item.state));
}

export const useQueueStore = defineStore('queue', () => {
  /** Newest first. Each batch object is replaced whenever one of its items changes. */
  const batches = shallowRef<BatchView[]>([]);
  const loading = ref(false);
  const loadError = ref<unknown>(null);
  /** Item id → its position in its batch's items. */
  const positions = new Map<string, number>();
  /** Progress is computed once per batch version. */
  const progressCache = new WeakMap<BatchView, BatchProgress>();
  let started = false;
  /** Changes heard before the first listing answered; applied on top of it. */
  let buffered: QueueChanges[] | null = null;

  function byCreation(a: BatchHeader, b: BatchHeader): number {
    return b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1);
  }

  /** Merges headers and items into the current batches; older item versions never win. */
  function merge(headers: readonly BatchHeader[], items: readonly QueueItemView[], forgotten: readonly string[] = []): void {
    if (headers.length === 0 && items.length === 0 && forgotten.length === 0) return;
    const gone = new Set(forgotten);
    const map = new Map<string, BatchView>();
    for (const batch of batches.value) {
      if (gone.has(batch.id)) for (const item of batch.items) positions.delete(item.id);
      else map.set(batch.id, batch);
    }
    const touched = new Map<string, BatchView>();
    const editable = (batchId: string, header?: BatchHeader): BatchView => {
      let batch = touched.get(batchId);
      if (!batch) {
        const current = map.get(batchId);
        // Items may arrive before their header: keep them under a placeholder until it comes.
        batch = current
          ? { ...current, items: current.items.slice() }
          : { id: batchId, title: '', createdAt: header?.createdAt ?? Date.now(), items: [] };
        touched.set(batchId, batch);
        map.set(batchId, batch);
      }
      return batch;
    };
    for (const header of headers) {
      if (gone.has(header.id)) continue;
      const current = map.get(header.id);
      if (current && current.title === header.title && current.createdAt === header.createdAt) continue;
      Object.assign(editable(header.id, header), { title: header.title, createdAt: header.createdAt });
    }
    for (const item of items) {
      if (gone.has(item.batchId)) continue;
      const batch = editable(item.batchId);
      const at = positions.get(item.id);
      const existing = at === undefined ? undefined : batch.items[at];
      if (at !== undefined && existing?.id === item.id) {
        if (existing.updatedAt <= item.updatedAt) batch.items[at] = item;
      } else {
        positions.set(item.id, batch.items.length);
        batch.items.push(item);
      }
    }
    batches.value = [...map.values()].sort(byCreation);
  }

  function apply(changes: QueueChanges): void {
    if (buffered) buffered.push(changes);
    else merge(changes.batches, changes.items, changes.forgotten);
  }

  function replaceAll(list: readonly BatchView[]): void {
    positions.clear();
    batches.value = [];
    merge(
      list,
      list.flatMap((b) => b.items),
    );
  }

  /** Reads the queue (its history comes from the journal) and follows its changes (see stores/start.ts). */
  async function start(): Promise<void> {
    if (!started) {
      started = true;
      host.on('queue:changed', apply);
    }
    await load();
  }

  async function load(): Promise<void> {
    loading.value = true;
    buffered = [];
    try {
      replaceAll(await host.invoke('queue:list', {}));
      loadError.value = null;
    } catch (error) {
      loadError.value = error;
    } finally {
      const pending = buffered ?? [];
      buffered = null;
      for (const changes of pending) apply(changes);
      loading.value = false;
    }
  }

  async function submit(title: string, items: QueueRequest[]): Promise<BatchView> {
    const batch = await host.invoke('queue:submit', { title, items });
    merge([batch], batch.items);
    return batch;
  }

  async function cancel(batchId: string, itemIds?: string[]): Promise<void> {
    await host.invoke('queue:cancel', itemIds ? { batchId, itemIds } : { batchId });
  }

  /** Queues again the items listed, or the batch's items in `scope` (see RETRIED_STATES). */
  async function retry(batchId: string, itemIds?: string[], scope?: RetryScope): Promise<void> {
    await host.invoke('queue:retry', { batchId, ...(itemIds ? { itemIds } : {}), ...(scope ? { scope } : {}) });
  }

  async function clearFinished(): Promise<void> {
    await host.invoke('queue:clear-finished', {});
    merge(
      [],
      [],
      batches.value.filter(isFinished).map((b) => b.id),
    );
  }

  function batchById(batchId: string): BatchView | undefined {
    return batches.value.find((b) => b.id === batchId);
  }

  function progressOf(batchOrId: string | BatchView): BatchProgress {
    const batch = typeof batchOrId === 'string' ? batchById(batchOrId) : batchOrId;
    if (!batch) return progressOfItems([]);
    let progress = progressCache.get(batch);
    if (!progress) {
      progress = progressOfItems(batch.items);
      progressCache.set(batch, progress);
    }
    return progress;
  }

  /** Items per volume (`accountId:unique`), newest first; rebuilt only when someone reads it after a change. */
  const history = computed(() => {
    const index = new Map<string, QueueItemView[]>();
    for (const batch of batches.value)
      for (const item of batch.items) {
        const unique = followedVolume(item);
        if (unique === undefined) continue;
        const key = `${item.accountId}:${unique}`;
        const list = index.get(key);
        if (list) list.push(item);
        else index.set(key, [item]);
      }
    for (const list of index.values()) list.sort((a, b) => b.updatedAt - a.updatedAt);
    return index;
  });

  function historyOf(accountId: string, unique: number): QueueItemView[] {
    return history.value.get(`${accountId}:${unique}`) ?? [];
  }

  /** Items not yet finished, over every batch (the status bar's "Running: n"). */
  const activeCount = computed(() => batches.value.reduce((sum, b) => sum + progressOf(b).active, 0));

  return { batches, loading, loadError, activeCount, start, load, submit, cancel, retry, clearFinished, batchById, progressOf, historyOf };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useQueueStore, import.meta.hot));
