/** The queue runner against the real sandbox over HTTP: chunking, splitting, limits, waiting, cancel and retry. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVolumeClient, type VolumeClient } from '../../../electron/core/api';
import { Journal } from '../../../electron/core/queue/journal';
import { QueueRunner, type QueueRunnerOptions } from '../../../electron/core/queue/runner';
import type { Batch, QueueItem } from '../../../electron/core/queue/types';
import { FINISHED_STATES, type QueueRequest } from '../../../electron/shared/queue';
import type { Volume } from '../../../electron/shared/volume';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { reportingClient } from '../../../electron/core/account-clients';

const A = 'account-a';
const FAST_WAIT = { firstMs: 20, stepMs: 20, capMs: 100, timeoutMs: 30_000 };

let dir: string;
let sandbox: RunningSandbox;
let client: VolumeClient;
let journal: Journal;
let runner: QueueRunner | undefined;
let requestLog: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdd-runner-'));
  requestLog = [];
  sandbox = await startSandbox({ seed: 'empty', speed: 0, log: (line) => requestLog.push(line) });
  client = createVolumeClient({ endpoint: sandbox.endpoint, credentials: { accessToken: sandbox.accessToken, ...sandbox.adminSession } });
  journal = await Journal.open(join(dir, 'queue.jsonl'));
});

afterEach(async () => {
  runner?.stop();
  runner = undefined;
  await journal.close();
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

function startRunner(options: Partial<QueueRunnerOptions> = {}): { finished: Promise<{ batch: Batch; items: QueueItem[] }> } {
  let resolve!: (value: { batch: Batch; items: QueueItem[] }) => void;
  const finished = new Promise<{ batch: Batch; items: QueueItem[] }>((done) => (resolve = done));
  runner = new QueueRunner({
    journal,
    clientFor: async () => client,
    isReady: () => true,
    report: () => {},
    limits: () => ({ perAccount: 4, total: 8 }),
    wait: FAST_WAIT,
    onBatchFinished: (batch, items) => resolve({ batch, items }),
    ...options,
  });
  runner.start();
  return { finished };
}

async function volumes(count: number, prefix = 'v'): Promise<Volume[]> {
  const made: Volume[] = [];
  for (let i = 0; i < count; i++) made.push(await client.create({ userid: 101, name: `${prefix}-${i}`, size: 1 }));
  return made;
}

const deletes = (list: readonly Volume[]): QueueRequest[] =>
  list.map((v) => ({ op: 'delete', accountId: A, params: { unique: v.unique }, label: v.name }));
const requestsTo = (path: string) => requestLog.filter((line) => line.includes(path)).length;

describe('queue runner', () => {
  it('deletes many volumes through the batch endpoint in chunks, and waits until they are gone', async () => {
    const targets = await volumes(120);
    requestLog.length = 0;
    const { finished } = startRunner({ chunkSize: 50 });
    await runner!.submit('Delete 120', deletes(targets));
    const { items } = await finished;
    expect(items.map((item) => item.state)).toEqual(Array(120).fill('done'));
    expect(requestsTo('/batchdelete')).toBe(3);
    expect(requestsTo('/delete')).toBe(0);
    expect((await client.listAll()).volumes).toHaveLength(0);
  });

  it('splits a refused chunk into single calls, so only the volume that cannot go fails, with its reason', async () => {
    const targets = await volumes(6);
    const server = sandbox.servers().find((s) => s.userId === 101)!;
    await client.attach(targets[2]!.unique, server.id);
    await new Promise((done) => setTimeout(done, 50));
    const { finished } = startRunner();
    await runner!.submit('Delete 6', deletes(targets));
    const { items } = await finished;
    expect(items.map((item) => item.state)).toEqual(['done', 'done', 'failed', 'done', 'done', 'done']);
    expect(items[2]!.error).toMatchObject({ code: 'volumes.error.status-invalid' });
    expect(requestsTo('/batchdelete')).toBe(1);
    expect(requestsTo('/delete')).toBe(6);
  });

  it('creates, extends, attaches and renames, each waiting for its target state', async () => {
    const [extendMe, attachMe, renameMe] = await volumes(3);
    const server = sandbox.servers().find((s) => s.userId === 101)!;
    const { finished } = startRunner();
    await runner!.submit('Mixed', [
      { op: 'create', accountId: A, params: { userid: 101, name: 'fresh', size: 3 } },
      { op: 'extend', accountId: A, params: { unique: extendMe!.unique, size: 5 } },
      { op: 'attach', accountId: A, params: { unique: attachMe!.unique, serverId: server.id } },
      { op: 'update', accountId: A, params: { unique: renameMe!.unique, name: 'renamed' } },
    ]);
    const { items } = await finished;
    expect(items.map((item) => item.state)).toEqual(['done', 'done', 'done', 'done']);
    const created = await client.get(items[0]!.result!.unique!);
    expect(created).toMatchObject({ name: 'fresh', size: 3, volumeStatus: 'AVAILABLE' });
    expect(await client.get(extendMe!.unique)).toMatchObject({ size: 5 });
    expect(await client.get(attachMe!.unique)).toMatchObject({ volumeStatus: 'IN_USE', attachments: [{ serverId: server.id }] });
    expect(await client.get(renameMe!.unique)).toMatchObject({ name: 'renamed' });
    expect(requestsTo('/update/name')).toBe(1);
  });

  it('never runs more requests at once than the limits allow', async () => {
    sandbox.setFaults({ latencyMs: 40 });
    let inFlight = 0;
    let most = 0;
    const counting = new Proxy(client, {
      get(target, key) {
        const value = target[key as keyof VolumeClient];
        if (key !== 'create') return value;
        return async (...args: unknown[]) => {
          most = Math.max(most, ++inFlight);
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>)(...args);
          } finally {
            inFlight--;
          }
        };
      },
    });
    const { finished } = startRunner({ clientFor: async () => counting, limits: () => ({ perAccount: 3, total: 8 }) });
    await runner!.submit(
      'Create 12',
      Array.from({ length: 12 }, (_, i): QueueRequest => ({ op: 'create', accountId: A, params: { name: `c-${i}`, size: 1 } })),
    );
    await finished;
    expect(most).toBe(3);
  });

  it('holds the work of an account that is not ready, and runs it when the account comes back', async () => {
    let ready = false;
    const { finished } = startRunner({ isReady: () => ready });
    const batch = await runner!.submit('Create while offline', [{ op: 'create', accountId: A, params: { name: 'later', size: 1 } }]);
    await new Promise((done) => setTimeout(done, 100));
    expect(journal.items().map((item) => item.state)).toEqual(['pending']);
    expect(requestsTo('/create')).toBe(0);
    ready = true;
    runner!.poke();
    const { items } = await finished;
    expect(items[0]).toMatchObject({ batchId: batch.id, state: 'done' });
  });

  it('puts refused-session work back to wait, the refusal told to the account once (by its client, not again by the runner)', async () => {
    const reports: unknown[] = [];
    let expired = false;
    const told = (error: unknown) => {
      reports.push(error);
      if (error) expired = true;
    };
    client = reportingClient(client, told);
    const { finished } = startRunner({ isReady: () => !expired, report: (_id, error) => told(error) });
    sandbox.expireSessions();
    await runner!.submit('Create', [{ op: 'create', accountId: A, params: { name: 'x', size: 1 } }]);
    await new Promise((done) => setTimeout(done, 100));
    expect(journal.items()[0]).toMatchObject({ state: 'pending' });
    expect(requestsTo('/create')).toBe(1);
    expect(reports).toEqual([expect.objectContaining({ code: 'volumes.error.access-denied' })]);
    client = createVolumeClient({
      endpoint: sandbox.endpoint,
      credentials: { accessToken: sandbox.accessToken, ...sandbox.createSession(100, 'admin') },
    });
    expired = false;
    runner!.poke();
    expect((await finished).items[0]).toMatchObject({ state: 'done' });
    expect((await client.listAll()).volumes.filter((v) => v.name === 'x')).toHaveLength(1);
  });

  it('cancels pending items and retries failed ones', async () => {
    let ready = false;
    startRunner({ isReady: () => ready });
    const batch = await runner!.submit('Two', [
      { op: 'create', accountId: A, params: { name: 'keep', size: 1 } },
      { op: 'create', accountId: A, params: { name: 'drop', size: 1 } },
    ]);
    expect(await runner!.cancel(batch.id, [batch.items[1]!.id])).toBe(1);
    expect(await runner!.retry(batch.id)).toBe(1);
    ready = true;
    runner!.poke();
    await expect.poll(() => journal.items().every((item) => FINISHED_STATES.includes(item.state)), { timeout: 5_000 }).toBe(true);
    expect(journal.items().map((item) => item.state)).toEqual(['done', 'done']);
    expect(await runner!.cancel(batch.id)).toBe(0);
  });

  it('re-checks an item that was running at a crash before sending it again', async () => {
    // The journal says a create was running; the server did make the volume before the crash.
    const now = Date.now();
    await journal.addBatch({ id: 'b1', title: 'Create', createdAt: now }, [
      {
        id: 'i1',
        batchId: 'b1',
        accountId: A,
        op: 'create',
        params: { name: 'survivor', size: 1 },
        state: 'running',
        attempts: 1,
        startedAt: now,
        updatedAt: now,
      },
      {
        id: 'i2',
        batchId: 'b1',
        accountId: A,
        op: 'create',
        params: { name: 'never-sent', size: 1 },
        state: 'running',
        attempts: 1,
        startedAt: now,
        updatedAt: now,
      },
    ]);
    await client.create({ name: 'survivor', size: 1 });
    await journal.close();
    journal = await Journal.open(join(dir, 'queue.jsonl'));
    const { finished } = startRunner();
    const { items } = await finished;
    expect(items.map((item) => item.state)).toEqual(['done', 'done']);
    const all = (await client.listAll()).volumes;
    expect(all.filter((v) => v.name === 'survivor')).toHaveLength(1);
    expect(all.filter((v) => v.name === 'never-sent')).toHaveLength(1);
    expect(requestsTo('/create')).toBe(2); // the direct create above, and the one never sent
  });
});
