/**
 * The journal compacts itself while the queue runs, once superseded records dominate, so a long
 * session or one very large batch does not leave an ever-growing file; and what it rewrote
 * replays to the same queue after a restart, mid-batch included.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVolumeClient, type VolumeClient } from '../../../electron/core/api';
import { Journal } from '../../../electron/core/queue/journal';
import { QueueRunner } from '../../../electron/core/queue/runner';
import type { QueueItem } from '../../../electron/core/queue/types';
import { FINISHED_STATES, type QueueRequest } from '../../../electron/shared/queue';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';

let dir: string;
let file: string;
const journals: Journal[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdd-compaction-'));
  file = join(dir, 'queue.jsonl');
});

afterEach(async () => {
  await Promise.all(journals.splice(0).map((journal) => journal.close().catch(() => {})));
  await rm(dir, { recursive: true, force: true });
});

async function openJournal(): Promise<Journal> {
  const journal = await Journal.open(file);
  journals.push(journal);
  return journal;
}

/** Records in the file on disk, a batch record counting one per item it carries (as the journal counts). */
async function recordsOnDisk(): Promise<number> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
  return lines.reduce((sum, line) => sum + 1 + ((JSON.parse(line) as { items?: unknown[] }).items?.length ?? 0), 0);
}

/** The rule the journal keeps to: at most 1,000 records beyond three per live batch and item, plus the step being written. */
function bound(journal: Journal, step: number): number {
  return 1_000 + 3 * (journal.items().length + journal.batches().length) + step;
}

describe('journal compaction while running', () => {
  it('keeps the file bounded over 12,000 items run to the end, and replays the same queue', async () => {
    const journal = await openJournal();
    let compactions = 0;
    let before = 0;
    let largest = 0;
    for (let b = 0; b < 6; b++) {
      const batch = { id: `b${b}`, title: `Delete 2,000 (${b})`, createdAt: b };
      const items: QueueItem[] = Array.from({ length: 2_000 }, (_, i) => ({
        id: `b${b}-i${i}`,
        batchId: batch.id,
        accountId: 'acc',
        op: 'delete',
        params: { unique: b * 10_000 + i + 1 },
        state: 'pending',
        attempts: 0,
        updatedAt: 0,
      }));
      await journal.addBatch(batch, items);
      // Each item goes running → waiting → done, 8 chunks of 50 at a time, as the runner sends them.
      for (const state of ['running', 'waiting', 'done'] as const) {
        for (let from = 0; from < items.length; from += 400) {
          const chunks = Array.from({ length: 8 }, (_, c) => items.slice(from + c * 50, from + (c + 1) * 50));
          await Promise.all(
            chunks.map((chunk) =>
              journal.updateMany(chunk.map((item) => ({ id: item.id, change: state === 'running' ? { state, attempts: 1 } : { state } }))),
            ),
          );
          const now = await recordsOnDisk();
          if (now < before) compactions++;
          before = now;
          largest = Math.max(largest, now);
          expect(now).toBeLessThanOrEqual(bound(journal, 400));
          expect(journal.recordCount).toBe(now);
        }
      }
      // The user clears finished batches now and then: the live queue shrinks, the file follows.
      if (b % 2 === 1) for (const old of journal.batches().slice(0, -1)) await journal.forgetBatch(old.id);
    }
    expect(compactions).toBeGreaterThanOrEqual(3);
    // Without compaction the file would hold 6 × (2,001 + 6,000) records.
    expect(largest).toBeLessThan(6 * 8_001);

    const live = journal.items();
    await journal.close();
    const reopened = await openJournal();
    expect(reopened.items()).toEqual(live);
    expect(reopened.batches().map((b) => b.id)).toEqual(['b5']);
    expect(reopened.items().every((item) => item.state === 'done')).toBe(true);
  });

  describe('with the runner against the sandbox', () => {
    let sandbox: RunningSandbox;
    let client: VolumeClient;
    let log: string[];

    beforeEach(async () => {
      log = [];
      sandbox = await startSandbox({ seed: 'scale:3000', speed: 0, log: (line) => log.push(line) });
      client = createVolumeClient({
        endpoint: sandbox.endpoint,
        credentials: { accessToken: sandbox.accessToken, ...sandbox.adminSession },
      });
    });
    afterEach(() => sandbox.stop());

    function runner(journal: Journal, onItem: (item: QueueItem) => void = () => {}): QueueRunner {
      const queue = new QueueRunner({
        journal,
        clientFor: async () => client,
        isReady: () => true,
        report: () => {},
        limits: () => ({ perAccount: 4, total: 8 }),
        wait: { firstMs: 20, stepMs: 20, capMs: 100, timeoutMs: 60_000 },
        onItem,
      });
      queue.start();
      return queue;
    }

    const until = async (done: () => boolean): Promise<void> => {
      while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
    };

    it('compacts during one large batch, and a restart after the compaction loses and repeats nothing', async () => {
      const deletable = (await client.listAll({}, { pageSize: 1000 })).volumes.filter(
        (v) => (v.volumeStatus === 'AVAILABLE' || v.volumeStatus === 'ERROR') && v.attachments.length === 0 && v.status === 'ACTIVED',
      );
      expect(deletable.length).toBeGreaterThan(2_000);
      const requests: QueueRequest[] = deletable.map((v) => ({
        op: 'delete',
        accountId: 'acc',
        params: { unique: v.unique },
        label: v.name,
      }));

      const journal = await openJournal();
      let compactedMidRun = false;
      let last = 0;
      let exceeded = 0;
      const first = runner(journal, () => {
        const records = journal.recordCount;
        if (records < last && journal.items().some((item) => !FINISHED_STATES.includes(item.state))) compactedMidRun = true;
        last = records;
        if (records > bound(journal, 8 * 50)) exceeded++;
      });
      const { id: batchId } = await first.submit(`Delete ${requests.length}`, requests);
      const done = () => journal.items().filter((item) => item.state === 'done').length;

      // Stop the app once the journal has compacted itself, with work still to do.
      await until(() => compactedMidRun || journal.items().every((item) => FINISHED_STATES.includes(item.state)));
      expect(compactedMidRun).toBe(true);
      first.stop();
      await until(() => journal.items().every((item) => item.state !== 'running')); // the requests under way end and are journaled
      await journal.close();
      const atStop = journal.items(); // what reached the disk: a step after the close is not applied
      expect(done()).toBeLessThan(requests.length);

      const reopened = await openJournal();
      expect(reopened.items()).toEqual(atStop);
      const second = runner(reopened);
      await until(() => reopened.items().every((item) => FINISHED_STATES.includes(item.state)));
      second.stop();

      expect(exceeded).toBe(0);
      const items = reopened.items().filter((item) => item.batchId === batchId);
      expect(items).toHaveLength(requests.length);
      expect(items.filter((item) => item.state !== 'done')).toEqual([]); // a volume deleted twice would fail with not-exists
      const left = new Set((await client.listAll({}, { pageSize: 1000 })).volumes.map((v) => v.unique));
      expect(deletable.filter((v) => left.has(v.unique))).toEqual([]);
    }, 60_000);
  });
});
