/**
 * The crash-proof journal of the operation queue: an append-only JSON-lines file, one record per
 * change, each appended and flushed to disk BEFORE the step it describes is taken (write-ahead).
 * Replaying it gives back the queue as it stood at the last completed append.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { silentLogger, type Logger } from '../ports';
import { writeFileAtomic } from '../storage/atomic-file';
import { keepDamaged, type DataNotices } from '../storage/damaged-file';
import { batchSchema, queueItemSchema, type Batch, type QueueItem } from './types';

const recordSchema = z.discriminatedUnion('kind', [
  /** A new batch with its items, in one record so a crash never keeps half of it. */
  z.object({ kind: z.literal('batch'), batch: batchSchema, items: z.array(queueItemSchema) }),
  /** The whole item after a change. */
  z.object({ kind: z.literal('item'), item: queueItemSchema }),
  /** A batch and its items dropped from the queue. */
  z.object({ kind: z.literal('forget'), batchId: z.string() }),
]);

type JournalRecord = z.infer<typeof recordSchema>;

/**
 * When the file is worth rewriting: it holds more than this many records (a batch record counts
 * one per item it carries) beyond this factor times the live batches and items. A running item
 * leaves about three records behind (running, waiting, done), so a 10,000-item batch is compacted
 * once towards its end and the file stays within a few times the size of the live queue.
 */
const COMPACT_ABOVE_RECORDS = 1_000;
const COMPACT_FACTOR = 3;

/** Appends waiting for the next write: their records and who waits for them. */
interface PendingAppend {
  records: readonly JournalRecord[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

function lines(records: readonly JournalRecord[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

/** The fields of an item that change as it runs. */
export type ItemChange = Partial<Pick<QueueItem, 'state' | 'attempts' | 'error' | 'result' | 'startedAt'>>;

/** What opening a damaged journal did: where the original went, and what of it was replayed. */
export interface JournalRecovery {
  /** The damaged original, set aside untouched; null when it could not be moved (then it was left in place). */
  keptAt: string | null;
  /** Valid records replayed, from before and after the bad lines. */
  kept: number;
  /** Lines that were not a valid record (a torn last append counts as one). */
  dropped: number;
}

export interface JournalOpenOptions {
  /** Told when a damaged journal is set aside (the window shows it). */
  notices?: DataNotices;
  logger?: Logger;
}

/** The queue's items and batches, kept in memory and journaled to one file. */
export class Journal {
  private readonly itemsById = new Map<string, QueueItem>();
  private readonly batchesById = new Map<string, Batch>();
  /** Appends and compactions run one at a time, in call order. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Appends made while a write is under way: they go together in the next write and flush. */
  private pending: PendingAppend[] = [];
  private writeQueued = false;
  /** Records in the file, a batch record counting one per item it carries. */
  private recordsInFile = 0;
  /** Where the last compaction made while running failed: not tried again before the file grows further. */
  private compactFailedAt = -1;

  /** Told when a compaction made while running fails (the journal goes on appending to the old file). */
  onCompactError: ((error: unknown) => void) | undefined;

  /**
   * Items that were `running` when the journal was last written: their request may or may not
   * have reached the server, so their outcome must be reconciled (see `reconcile.ts`) before
   * anything is sent again. They keep the state `running` until the caller records the outcome.
   */
  readonly needsReconcile: readonly QueueItem[];

  /** Records the file held when opened: many more than live items means it is worth compacting. */
  readonly replayedRecords: number;

  private constructor(
    private readonly file: string,
    private handle: FileHandle,
    records: readonly JournalRecord[],
    /** Set when the file was damaged at open; see {@link Journal.open}. */
    readonly recovery?: JournalRecovery,
  ) {
    for (const record of records) this.apply(record);
    this.replayedRecords = records.length;
    this.needsReconcile = this.items().filter((item) => item.state === 'running');
  }

  /**
   * Opens (or creates) the journal at `file` and replays it. A damaged file (an unreadable line
   * anywhere, a torn last append, a folder in its place) is never trimmed in place: it is set
   * aside untouched, every valid record before and after the bad lines is replayed, and a new
   * file is written with those records. A torn last append is a step that was never taken, so
   * dropping it loses nothing; it is kept aside all the same, for a look.
   */
  static async open(file: string, options: JournalOpenOptions = {}): Promise<Journal> {
    const read = await readRecords(file);
    let recovery: JournalRecovery | undefined;
    if (read.damaged) {
      const name = basename(file);
      const logger = options.logger ?? silentLogger;
      const params = { kept: read.records.length, dropped: read.dropped };
      const keptAt = await keepDamaged(file, { code: 'queue', file: name, params }, { notices: options.notices, logger });
      if (keptAt !== null) await writeFileAtomic(file, read.records.map((record) => `${JSON.stringify(record)}\n`).join(''));
      else if (read.tornTail) await appendNewline(file); // left in place: the next append must start a line of its own
      recovery = { keptAt, ...params };
    }
    const handle = await open(file, 'a', 0o600);
    return new Journal(file, handle, read.records, recovery);
  }

  /** Every item, in the order it was queued. */
  items(): QueueItem[] {
    return [...this.itemsById.values()];
  }

  /** One item, or undefined. */
  item(id: string): QueueItem | undefined {
    return this.itemsById.get(id);
  }

  /** Every batch, in the order it was queued. */
  batches(): Batch[] {
    return [...this.batchesById.values()];
  }

  /**
   * Journals a new batch with its items, all in one record. Throws, writing nothing, on a batch
   * or item that is invalid or already queued (a record that would not replay is never written).
   */
  async addBatch(batch: Batch, items: readonly QueueItem[]): Promise<void> {
    if (this.batchesById.has(batch.id)) throw new Error(`batch ${batch.id} already exists`);
    const foreign = items.find((item) => item.batchId !== batch.id || this.itemsById.has(item.id));
    if (foreign) throw new Error(`item ${foreign.id} does not belong in batch ${batch.id}`);
    const record = recordSchema.parse({ kind: 'batch', batch, items });
    await this.append(record);
  }

  /**
   * Journals a change of an item and returns the item as changed. Call it, and wait for it,
   * BEFORE taking the step: e.g. `state: 'running', startedAt` before the request is sent.
   */
  async update(id: string, change: ItemChange, now: number = Date.now()): Promise<QueueItem> {
    const current = this.itemsById.get(id);
    if (!current) throw new Error(`no queue item ${id}`);
    const item = queueItemSchema.parse({ ...current, ...change, updatedAt: now });
    await this.append({ kind: 'item', item });
    return item;
  }

  /**
   * Journals changes of several items in one write and one flush (a chunk of a batch request).
   * A crash mid-write keeps a prefix of them, each whole: the step comes after the flush.
   */
  async updateMany(changes: readonly { id: string; change: ItemChange }[], now: number = Date.now()): Promise<QueueItem[]> {
    const items = changes.map(({ id, change }) => {
      const current = this.itemsById.get(id);
      if (!current) throw new Error(`no queue item ${id}`);
      return queueItemSchema.parse({ ...current, ...change, updatedAt: now });
    });
    await this.appendAll(items.map((item) => ({ kind: 'item' as const, item })));
    return items;
  }

  /** Drops a batch and its items from the queue. */
  forgetBatch(batchId: string): Promise<void> {
    return this.append({ kind: 'forget', batchId });
  }

  /** Superseded records far outnumber the live batches and items: the file is worth rewriting. */
  get worthCompacting(): boolean {
    return this.recordsInFile > COMPACT_ABOVE_RECORDS + COMPACT_FACTOR * (this.itemsById.size + this.batchesById.size);
  }

  /** Records in the file (a batch record counting one per item it carries), for tests and benchmarks. */
  get recordCount(): number {
    return this.recordsInFile;
  }

  /**
   * Rewrites the file atomically with one record per live batch and item, so it stops growing
   * with history. A crash during it leaves the old file, which replays to the same queue. The
   * journal does it by itself after a write once it is {@link worthCompacting}.
   */
  compact(): Promise<void> {
    return this.serially(() => this.rewrite());
  }

  /** Closes the file after the pending writes. */
  close(): Promise<void> {
    return this.serially(() => this.handle.close());
  }

  /** Appends one record, flushes it to disk, then applies it in memory. */
  private append(record: JournalRecord): Promise<void> {
    return this.appendAll([record]);
  }

  /**
   * Resolves once the records are on disk. Appends that arrive while a write is under way (other
   * chunks of a large batch) share the next write and flush: one fsync per step of the queue, not
   * one per caller.
   */
  private appendAll(records: readonly JournalRecord[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ records, resolve, reject });
      if (this.writeQueued) return;
      this.writeQueued = true;
      void this.serially(() => this.writePending());
    });
  }

  private async writePending(): Promise<void> {
    this.writeQueued = false;
    const group = this.pending;
    this.pending = [];
    try {
      await this.handle.write(group.map(({ records }) => lines(records)).join(''));
      await this.handle.sync();
    } catch (error) {
      for (const append of group) append.reject(error);
      return;
    }
    for (const append of group) for (const record of append.records) this.apply(record);
    // The records are safe; a compaction that fails only leaves the longer file.
    if (this.worthCompacting && this.recordsInFile > this.compactFailedAt + COMPACT_ABOVE_RECORDS) {
      try {
        await this.rewrite();
      } catch (error) {
        this.compactFailedAt = this.recordsInFile;
        this.onCompactError?.(error);
      }
    }
    for (const append of group) append.resolve();
  }

  private async rewrite(): Promise<void> {
    const records: JournalRecord[] = [
      ...this.batches().map((batch) => ({ kind: 'batch' as const, batch, items: [] })),
      ...this.items().map((item) => ({ kind: 'item' as const, item })),
    ];
    await writeFileAtomic(this.file, lines(records));
    await this.handle.close();
    this.handle = await open(this.file, 'a', 0o600);
    this.recordsInFile = records.length;
    this.compactFailedAt = -1;
  }

  private serially<T>(step: () => Promise<T>): Promise<T> {
    const result = this.tail.then(step);
    this.tail = result.catch(() => {});
    return result;
  }

  private apply(record: JournalRecord): void {
    this.recordsInFile += record.kind === 'batch' ? 1 + record.items.length : 1;
    switch (record.kind) {
      case 'batch':
        this.batchesById.set(record.batch.id, record.batch);
        for (const item of record.items) this.itemsById.set(item.id, item);
        break;
      case 'item':
        this.itemsById.set(record.item.id, record.item);
        break;
      case 'forget':
        this.batchesById.delete(record.batchId);
        for (const item of this.items()) if (item.batchId === record.batchId) this.itemsById.delete(item.id);
        break;
    }
  }
}

interface ReadRecords {
  records: JournalRecord[];
  /** Whether anything in the file was not a valid record (or the file could not be read). */
  damaged: boolean;
  dropped: number;
  tornTail: boolean;
}

/** Parses every line of the file, keeping each valid record and counting the others. */
async function readRecords(file: string): Promise<ReadRecords> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], damaged: false, dropped: 0, tornTail: false };
    // A folder in its place, or unreadable: nothing of it can be replayed, but it is kept.
    return { records: [], damaged: true, dropped: 0, tornTail: false };
  }
  // Each append ends with a newline, so bytes after the last one are an append cut short: its
  // step was never taken.
  const complete = data.lastIndexOf(0x0a) + 1;
  const tornTail = complete < data.length;
  const records: JournalRecord[] = [];
  let dropped = tornTail ? 1 : 0;
  for (const line of data.subarray(0, complete).toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    const result = recordSchema.safeParse(parseOrUndefined(line));
    if (result.success) records.push(result.data);
    else dropped += 1;
  }
  return { records, damaged: dropped > 0, dropped, tornTail };
}

function parseOrUndefined(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

async function appendNewline(file: string): Promise<void> {
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.write('\n');
    await handle.sync();
  } finally {
    await handle.close();
  }
}
