import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueueChangeFeed } from '../../../electron/core/queue/change-feed';
import type { QueueItem } from '../../../electron/core/queue/types';
import type { QueueChanges } from '../../../electron/shared/queue';

const item = (id: string, state: QueueItem['state']): QueueItem => ({
  id,
  batchId: 'b',
  accountId: 'a',
  op: 'delete',
  params: { unique: 1 },
  state,
  attempts: 0,
  startedAt: 5,
  updatedAt: 0,
});

describe('queue change feed', () => {
  let sent: QueueChanges[];
  let feed: QueueChangeFeed;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    feed = new QueueChangeFeed((changes) => sent.push(changes), 100);
  });
  afterEach(() => vi.useRealTimers());

  it('sends a thousand item changes as one message with the latest state of each', () => {
    feed.batch({ id: 'b', title: 'Delete', createdAt: 0 });
    for (let i = 0; i < 1000; i++) feed.item(item(`i${i}`, 'pending'));
    for (let i = 0; i < 1000; i++) feed.item(item(`i${i}`, 'running'));
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.items).toHaveLength(1000);
    expect(sent[0]!.items.every((each) => each.state === 'running' && !('startedAt' in each))).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(1); // nothing new, nothing sent
  });

  it('drops pending changes of a forgotten batch', () => {
    feed.item(item('i1', 'done'));
    feed.forget('b');
    feed.flush();
    expect(sent).toEqual([{ batches: [], items: [], forgotten: ['b'] }]);
  });
});
