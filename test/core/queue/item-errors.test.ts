/**
 * A queue item's error in the error catalogue's shape (`{code, params, detail}`, as a reply
 * carries it), over the real sandbox: made so by the runner, worded by the catalogue in the
 * user's language for the OS notification, migrated from the `{code, message}` of journals
 * written before the catalogue; and a batch's retry that takes up only what applies.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVolumeClient, type VolumeClient } from '../../../electron/core/api';
import { batchNotification } from '../../../electron/core/notifications';
import { Journal } from '../../../electron/core/queue/journal';
import { QueueRunner } from '../../../electron/core/queue/runner';
import type { Batch, QueueItem } from '../../../electron/core/queue/types';
import { wordError } from '../../../electron/shared/errors/word-error';
import { FINISHED_STATES } from '../../../electron/shared/queue';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';

const A = 'account-a';
/** Latin words of four letters or more: an English sentence, or a raw code, in a Chinese text. */
const ENGLISH = /[A-Za-z]{4,}/;

let dir: string;
let file: string;
let sandbox: RunningSandbox;
let client: VolumeClient;
let journal: Journal;
let runner: QueueRunner | undefined;
let finished: { batch: Batch; items: QueueItem[] }[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdd-item-errors-'));
  file = join(dir, 'queue.jsonl');
  sandbox = await startSandbox({ seed: 'empty', speed: 0 });
  client = createVolumeClient({ endpoint: sandbox.endpoint, credentials: { accessToken: sandbox.accessToken, ...sandbox.adminSession } });
  finished = [];
  journal = await Journal.open(file);
});

afterEach(async () => {
  runner?.stop();
  runner = undefined;
  await journal.close();
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

async function startRunner(ready: () => boolean = () => true): Promise<QueueRunner> {
  runner = new QueueRunner({
    journal,
    clientFor: async () => client,
    isReady: ready,
    report: () => {},
    limits: () => ({ perAccount: 4, total: 8 }),
    wait: { firstMs: 20, stepMs: 20, capMs: 100, timeoutMs: 30_000 },
    onBatchFinished: (batch, items) => finished.push({ batch, items }),
  });
  runner.start();
  return runner;
}

describe('queue item errors', () => {
  it("are the catalogue's code, params and detail; the notification of a failed one reads Chinese in zh-CN", async () => {
    const volume = await client.create({ userid: 101, name: 'data-1', size: 1 });
    await startRunner();
    await runner!.submit('挂载 data-1', [
      { op: 'attach', accountId: A, params: { unique: volume.unique, serverId: 'no-such-server' }, label: 'data-1' },
    ]);
    await expect.poll(() => finished.length, { timeout: 5_000 }).toBe(1);
    const [item] = finished[0]!.items;
    expect(item).toMatchObject({ state: 'failed', error: { code: 'volumes.error.server-not-exists', params: {} } });
    expect(item!.error).not.toHaveProperty('message');
    expect(item!.error?.detail).toContain('volumes.error.server-not-exists'); // the raw code, for the folded details
    const notification = batchNotification(finished[0]!.batch, finished[0]!.items, 'zh-CN');
    expect(notification?.body).toBe('该磁盘没有此云主机（或磁盘未挂载到该云主机）');
    expect(notification?.body).not.toMatch(ENGLISH);
    expect(runner!.list()[0]!.items[0]!.error).toEqual(item!.error); // what the window is sent
  });

  it('loads a journal written with {code, message} errors, migrating them on read', async () => {
    const old = (id: string, error: { code: string; message: string }) => ({
      id,
      batchId: 'b1',
      accountId: A,
      op: 'delete',
      params: { unique: 1 },
      state: 'failed',
      attempts: 1,
      updatedAt: 1,
      error,
    });
    const lines = [
      { kind: 'batch', batch: { id: 'b1', title: 'Delete 3', createdAt: 1 }, items: [] },
      { kind: 'item', item: old('i1', { code: 'queue.delete-failed', message: 'The volume could not be deleted (ERROR_DELETING)' }) },
      {
        kind: 'item',
        item: old('i2', {
          code: 'volumes.error.require-parameter-unique',
          message: 'delete failed: volumes.error.require-parameter-unique (406)',
        }),
      },
      { kind: 'item', item: { ...old('i3', { code: 'account.removed', message: 'The account was removed' }), state: 'cancelled' } },
    ];
    await journal.close();
    await writeFile(file, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    journal = await Journal.open(file);
    expect(journal.recovery).toBeUndefined(); // read as a good journal, not set aside as damaged
    expect(journal.items().map((item) => item.error)).toEqual([
      { code: 'queue.delete-failed', params: {}, detail: 'The volume could not be deleted (ERROR_DELETING)' },
      {
        code: 'volumes.error.require-parameter',
        params: { name: 'unique' },
        detail: 'delete failed: volumes.error.require-parameter-unique (406)',
      },
      { code: 'account.removed', params: {}, detail: 'The account was removed' },
    ]);
    for (const id of ['i1', 'i3']) expect(wordError(journal.item(id)!.error!, 'zh-CN')).not.toMatch(ENGLISH);
    expect(wordError(journal.item('i2')!.error!, 'zh-CN')).toBe('缺少必填项：unique');

    // Written back in the new shape once compacted; a retry clears the error.
    await journal.compact();
    expect(await readFile(file, 'utf8')).not.toContain('"message"');
    await startRunner(() => false);
    expect(await runner!.retry('b1', ['i1'])).toBe(1);
    expect(journal.item('i1')).toMatchObject({ state: 'pending' });
    expect(journal.item('i1')?.error).toBeUndefined();
  });

  it('retries of a whole batch take up only what applies: failed and unknown, or cancelled', async () => {
    let ready = false;
    await startRunner(() => ready);
    const gone = 999_999; // no such volume: its delete fails
    const batch = await runner!.submit('Mixed', [
      { op: 'delete', accountId: A, params: { unique: gone } },
      { op: 'create', accountId: A, params: { name: 'later', size: 1 } },
    ]);
    await runner!.cancel(batch.id, [batch.items[1]!.id]);
    ready = true;
    runner!.poke();
    await expect.poll(() => journal.items().every((item) => FINISHED_STATES.includes(item.state)), { timeout: 5_000 }).toBe(true);
    expect(journal.items().map((item) => item.state)).toEqual(['failed', 'cancelled']);

    ready = false;
    expect(await runner!.retry(batch.id, undefined, 'cancelled')).toBe(1);
    expect(journal.items().map((item) => item.state)).toEqual(['failed', 'pending']);
    await runner!.cancel(batch.id);
    // A batch with only cancelled items has nothing for "Retry failed".
    const onlyCancelled = await runner!.submit('Only cancelled', [{ op: 'create', accountId: A, params: { name: 'c', size: 1 } }]);
    await runner!.cancel(onlyCancelled.id);
    expect(await runner!.retry(onlyCancelled.id, undefined, 'failed')).toBe(0);
    expect(await runner!.retry(batch.id, undefined, 'failed')).toBe(1);
    expect(journal.items().map((item) => item.state)).toEqual(['pending', 'cancelled', 'cancelled']);
  });
});
