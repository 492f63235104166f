import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../electron/core/queue/journal';
import type { Batch, QueueItem } from '../../../electron/core/queue/types';

let folder: string;
let file: string;
const open: Journal[] = [];

async function openJournal(): Promise<Journal> {
  const journal = await Journal.open(file);
  open.push(journal);
  return journal;
}

const batch: Batch = { id: 'b1', title: 'Create two disks', accountId: 'acc', createdAt: 1000 };

function item(id: string, overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    id,
    batchId: 'b1',
    accountId: 'acc',
    op: 'create',
    params: { name: `disk-${id}`, size: 1 },
    state: 'pending',
    attempts: 0,
    updatedAt: 1000,
    ...overrides,
  };
}

async function lines(): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
}

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'queue-journal-'));
  file = join(folder, 'queue.jsonl');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((journal) => journal.close().catch(() => {})));
  await rm(folder, { recursive: true, force: true });
});

describe('Journal', () => {
  it('starts empty when the file does not exist', async () => {
    const journal = await openJournal();
    expect(journal.items()).toEqual([]);
    expect(journal.batches()).toEqual([]);
    expect(journal.needsReconcile).toEqual([]);
  });

  it('has a change on disk by the time update resolves (write-ahead)', async () => {
    const journal = await openJournal();
    await journal.addBatch(batch, [item('i1')]);
    const running = await journal.update('i1', { state: 'running', attempts: 1, startedAt: 2000 }, 2000);
    expect(running).toMatchObject({ state: 'running', attempts: 1, startedAt: 2000, updatedAt: 2000 });
    const last = JSON.parse((await lines()).at(-1) ?? '') as unknown;
    expect(last).toEqual({ kind: 'item', item: running });
  });

  it('replays after a crash: running items need reconciling, pending ones stay pending', async () => {
    const first = await openJournal();
    await first.addBatch(batch, [item('i1'), item('i2'), item('i3')]);
    await first.update('i1', { state: 'running', attempts: 1, startedAt: 2000 });
    await first.update('i2', { state: 'running', attempts: 1, startedAt: 2000 });
    await first.update('i2', { state: 'done', result: { unique: 42 } });
    // No close: the process died here.

    const second = await openJournal();
    expect(second.batches()).toEqual([batch]);
    expect(second.items().map((i) => [i.id, i.state])).toEqual([
      ['i1', 'running'],
      ['i2', 'done'],
      ['i3', 'pending'],
    ]);
    expect(second.item('i2')?.result).toEqual({ unique: 42 });
    expect(second.needsReconcile.map((i) => i.id)).toEqual(['i1']);
  });

  it('ignores a torn last line and appends cleanly after it', async () => {
    const first = await openJournal();
    await first.addBatch(batch, [item('i1'), item('i2')]);
    await first.update('i1', { state: 'running', startedAt: 2000 });
    await first.update('i1', { state: 'done', result: { unique: 7 } });
    await first.close();
    // The crash cut the last append in the middle of its line.
    const { size } = await stat(file);
    const lastLength = Buffer.byteLength((await lines()).at(-1) ?? '') + 1;
    await truncate(file, size - Math.floor(lastLength / 2));

    const second = await openJournal();
    expect(second.item('i1')?.state).toBe('running');
    expect(second.needsReconcile.map((i) => i.id)).toEqual(['i1']);
    await second.update('i2', { state: 'running', startedAt: 3000 });
    await second.close();

    const third = await openJournal();
    expect(third.items().map((i) => [i.id, i.state])).toEqual([
      ['i1', 'running'],
      ['i2', 'running'],
    ]);
    expect((await lines()).every((line) => JSON.parse(line) !== undefined)).toBe(true);
  });

  it('drops a whole new batch whose record was torn', async () => {
    const first = await openJournal();
    await first.addBatch(batch, [item('i1')]);
    await first.close();
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, -10));
    const second = await openJournal();
    expect(second.batches()).toEqual([]);
    expect(second.items()).toEqual([]);
  });

  it('replays the records on both sides of a bad line and keeps the damaged file aside untouched', async () => {
    const first = await openJournal();
    await first.addBatch(batch, [item('i1'), item('i2')]);
    await first.update('i1', { state: 'running', startedAt: 2000 }, 2000);
    await first.close();
    const [batchLine, updateLine] = (await readFile(file, 'utf8')).split('\n');
    const damaged = `${batchLine}\nnot json\n{"kind":"item","item":{"id":"i9"}}\n${updateLine}\n`;
    await writeFile(file, damaged);

    const second = await openJournal();
    expect(second.items().map((i) => [i.id, i.state])).toEqual([
      ['i1', 'running'],
      ['i2', 'pending'],
    ]);
    expect(second.recovery).toMatchObject({ kept: 2, dropped: 2 });
    const aside = (await readdir(folder)).filter((name) => name.startsWith('queue.jsonl.damaged-'));
    expect(aside).toHaveLength(1);
    expect(second.recovery?.keptAt).toBe(join(folder, aside[0]!));
    expect(await readFile(join(folder, aside[0]!), 'utf8')).toBe(damaged);

    // The new file holds only valid records, so the next start is clean.
    await second.update('i2', { state: 'running', startedAt: 3000 }, 3000);
    await second.close();
    const third = await openJournal();
    expect(third.recovery).toBeUndefined();
    expect(third.items().map((i) => i.state)).toEqual(['running', 'running']);
    expect(await readFile(join(folder, aside[0]!), 'utf8')).toBe(damaged);
  });

  it('compacts to one record per live batch and item, and replays to the same queue', async () => {
    const journal = await openJournal();
    await journal.addBatch(batch, [item('i1'), item('i2')]);
    await journal.addBatch({ id: 'b2', title: 'Old', createdAt: 500 }, [item('o1', { batchId: 'b2', state: 'done' })]);
    for (let attempt = 1; attempt <= 5; attempt++) await journal.update('i1', { state: 'running', attempts: attempt });
    await journal.update('i2', { state: 'failed', error: { code: 'volumes.error.size-insufficient', params: {}, detail: 'no room' } });
    await journal.forgetBatch('b2');
    const before = journal.items();

    await journal.compact();
    expect(await lines()).toHaveLength(3);
    await journal.update('i2', { state: 'cancelled' });
    await journal.close();

    const reopened = await openJournal();
    expect(reopened.replayedRecords).toBe(4); // the 3 compacted ones and the update after
    expect(reopened.batches()).toEqual([batch]);
    expect(reopened.item('i1')).toEqual(before[0]);
    expect(reopened.item('i2')?.state).toBe('cancelled');
    expect(reopened.item('o1')).toBeUndefined();
    expect(reopened.needsReconcile.map((i) => i.id)).toEqual(['i1']);
  });

  it('rejects changes to unknown items and duplicate batches without writing', async () => {
    const journal = await openJournal();
    await journal.addBatch(batch, [item('i1')]);
    await expect(journal.update('nope', { state: 'done' })).rejects.toThrow(/no queue item/);
    await expect(journal.addBatch(batch, [])).rejects.toThrow(/already exists/);
    await expect(journal.addBatch({ ...batch, id: 'b3' }, [item('x')])).rejects.toThrow(/does not belong/);
    await expect(journal.addBatch({ ...batch, id: 'b3' }, [item('x', { batchId: 'b3', attempts: -1 })])).rejects.toThrow();
    expect(await lines()).toHaveLength(1);
  });
});
