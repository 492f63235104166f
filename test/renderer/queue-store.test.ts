import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { EventPayloads } from '../../electron/shared/contract';
import type { BatchView, QueueChanges, QueueItemView, QueueState } from '../../electron/shared/queue';

/** A thin fake of the host: answers per channel, records calls, and lets the test push events. */
const fake = vi.hoisted(() => ({
  calls: [] as { channel: string; payload: unknown }[],
  answers: new Map<string, (payload: unknown) => unknown>(),
  listeners: new Map<string, Set<(payload: unknown) => void>>(),
}));

vi.mock('../../renderer/src/ipc/host', () => ({
  host: {
    async invoke(channel: string, payload: unknown) {
      fake.calls.push({ channel, payload });
      const answer = fake.answers.get(channel);
      if (!answer) throw Object.assign(new Error(`no ${channel}`), { code: 'ipc.unknown-channel' });
      return answer(payload);
    },
    on(event: string, listener: (payload: unknown) => void) {
      const set = fake.listeners.get(event) ?? new Set();
      fake.listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  },
}));

const { useQueueStore } = await import('../../renderer/src/stores/queue');

/** The store as main.ts leaves it: started once (stores/start.ts). */
function startedQueue() {
  const store = useQueueStore();
  void store.start();
  return store;
}

function emit<E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]): void {
  fake.listeners.get(event)?.forEach((l) => l(payload));
}

function item(batchId: string, n: number, state: QueueState = 'pending', extra: Partial<QueueItemView> = {}): QueueItemView {
  return {
    id: `${batchId}-i${n}`,
    batchId,
    accountId: 'acc',
    op: 'delete',
    params: { unique: n },
    label: `vol-${n}`,
    state,
    attempts: 0,
    updatedAt: 1000,
    ...extra,
  };
}

function batch(id: string, createdAt: number, items: QueueItemView[], title = `batch ${id}`): BatchView {
  return { id, title, createdAt, items };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

async function storeWith(list: BatchView[]) {
  fake.answers.set('queue:list', () => structuredClone(list));
  const store = startedQueue();
  await tick();
  return store;
}

beforeEach(() => {
  fake.calls.length = 0;
  fake.answers.clear();
  fake.listeners.clear();
  setActivePinia(createPinia());
});

describe('queue store', () => {
  it('reads the queue at start, newest batch first', async () => {
    const store = await storeWith([batch('old', 1, [item('old', 1, 'done')]), batch('new', 2, [item('new', 1)])]);
    expect(fake.calls[0]).toEqual({ channel: 'queue:list', payload: {} });
    expect(store.batches.map((b) => b.id)).toEqual(['new', 'old']);
  });

  it('keeps the error when the queue cannot be read', async () => {
    const store = startedQueue();
    await tick();
    expect(store.batches).toEqual([]);
    expect((store.loadError as { code: string }).code).toBe('ipc.unknown-channel');
  });

  it('applies changes incrementally: new batches, changed items, forgotten batches', async () => {
    const store = await storeWith([batch('a', 1, [item('a', 1), item('a', 2)]), batch('b', 2, [item('b', 1, 'done')])]);
    const untouched = store.batches.find((b) => b.id === 'b');
    emit('queue:changed', {
      batches: [{ id: 'c', title: 'Create 1 volume', createdAt: 3 }],
      items: [item('c', 1), item('a', 2, 'done', { updatedAt: 2000 })],
      forgotten: [],
    });
    expect(store.batches.map((b) => b.id)).toEqual(['c', 'b', 'a']);
    expect(store.batchById('a')?.items.map((i) => i.state)).toEqual(['pending', 'done']);
    expect(store.batchById('b')).toBe(untouched); // a batch nothing touched is kept as it was
    emit('queue:changed', { batches: [], items: [], forgotten: ['b'] });
    expect(store.batches.map((b) => b.id)).toEqual(['c', 'a']);
  });

  it('never lets an older version of an item replace a newer one', async () => {
    const store = await storeWith([batch('a', 1, [item('a', 1, 'done', { updatedAt: 5000 })])]);
    emit('queue:changed', { batches: [], items: [item('a', 1, 'running', { updatedAt: 4000 })], forgotten: [] });
    expect(store.batchById('a')?.items[0]?.state).toBe('done');
  });

  it('applies changes heard while the first listing was on its way on top of it', async () => {
    let answer!: (list: BatchView[]) => void;
    fake.answers.set('queue:list', () => new Promise<BatchView[]>((r) => (answer = r)));
    const store = startedQueue();
    await tick();
    emit('queue:changed', { batches: [], items: [item('a', 1, 'done', { updatedAt: 2000 })], forgotten: [] });
    answer([batch('a', 1, [item('a', 1, 'running')])]);
    await tick();
    expect(store.batchById('a')?.items[0]?.state).toBe('done');
  });

  it('counts a batch per state with the finished share', async () => {
    const items = [
      item('a', 1, 'done'),
      item('a', 2, 'done'),
      item('a', 3, 'failed'),
      item('a', 4, 'running'),
      item('a', 5, 'pending'),
      item('a', 6, 'unknown'),
      item('a', 7, 'cancelled'),
    ];
    const store = await storeWith([batch('a', 1, items)]);
    const progress = store.progressOf('a');
    expect(progress.total).toBe(7);
    expect(progress.counts).toMatchObject({ done: 2, failed: 1, running: 1, pending: 1, unknown: 1, cancelled: 1, waiting: 0 });
    expect(progress.finished).toBe(5);
    expect(progress.percent).toBe(71);
    expect(progress.troubled).toBe(2);
    expect(progress.active).toBe(2);
    expect(store.activeCount).toBe(2);
  });

  it('submits a batch and shows it at once', async () => {
    const store = await storeWith([]);
    const submitted = batch('s', 10, [item('s', 1)], 'Delete vol-1');
    fake.answers.set('queue:submit', () => submitted);
    const requests = [{ op: 'delete' as const, accountId: 'acc', params: { unique: 1 }, label: 'vol-1' }];
    const result = await store.submit('Delete vol-1', requests);
    expect(result.id).toBe('s');
    expect(fake.calls.at(-1)).toEqual({ channel: 'queue:submit', payload: { title: 'Delete vol-1', items: requests } });
    expect(store.batches[0]?.title).toBe('Delete vol-1');
    // The change feed reporting the same batch again does not duplicate it.
    emit('queue:changed', { batches: [submitted], items: [item('s', 1, 'running', { updatedAt: 2000 })], forgotten: [] });
    expect(store.batches).toHaveLength(1);
    expect(store.batches[0]?.items).toHaveLength(1);
    expect(store.batches[0]?.items[0]?.state).toBe('running');
  });

  it('cancels and retries a batch or some of its items, and clears finished batches', async () => {
    const store = await storeWith([
      batch('a', 1, [item('a', 1, 'done')]),
      batch('b', 2, [item('b', 1, 'failed'), item('b', 2, 'pending')]),
    ]);
    for (const channel of ['queue:cancel', 'queue:retry', 'queue:clear-finished']) fake.answers.set(channel, () => null);
    await store.cancel('b', ['b-i2']);
    await store.retry('b');
    await store.clearFinished();
    expect(fake.calls.slice(1)).toEqual([
      { channel: 'queue:cancel', payload: { batchId: 'b', itemIds: ['b-i2'] } },
      { channel: 'queue:retry', payload: { batchId: 'b' } },
      { channel: 'queue:clear-finished', payload: {} },
    ]);
    expect(store.batches.map((b) => b.id)).toEqual(['b']);
  });

  it("gives a volume's history: operations on it and the one that made it, newest first", async () => {
    const store = await storeWith([
      batch('a', 1, [item('a', 7, 'done', { updatedAt: 100 }), item('a', 8, 'done')]),
      batch('b', 2, [item('b', 7, 'failed', { op: 'extend', params: { unique: 7, size: 20 }, updatedAt: 300 })]),
      batch('c', 3, [item('c', 1, 'done', { op: 'create', params: { name: 'x', size: 1 }, result: { unique: 7 }, updatedAt: 50 })]),
      batch('d', 4, [item('d', 7, 'done', { accountId: 'other' })]),
    ]);
    expect(store.historyOf('acc', 7).map((i) => i.id)).toEqual(['b-i7', 'a-i7', 'c-i1']);
    expect(store.historyOf('other', 7)).toHaveLength(1);
    expect(store.historyOf('acc', 99)).toEqual([]);
  });

  it('stays fast with 1,000-item batches updated tick by tick', async () => {
    const items = Array.from({ length: 1000 }, (_, n) => item('big', n));
    const store = await storeWith([batch('big', 1, items), batch('other', 0, [item('other', 1)])]);
    const started = performance.now();
    for (let tick = 0; tick < 100; tick++) {
      const changes: QueueChanges = {
        batches: [],
        items: Array.from({ length: 10 }, (_, k) => item('big', tick * 10 + k, 'done', { updatedAt: 2000 + tick })),
        forgotten: [],
      };
      emit('queue:changed', changes);
      expect(store.progressOf('big').counts.done).toBe((tick + 1) * 10);
    }
    expect(store.progressOf('big').percent).toBe(100);
    expect(store.batchById('big')?.items).toHaveLength(1000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
