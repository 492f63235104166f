/**
 * The queue under faults, in a process of its own: a 500-item mixed batch against the sandbox
 * with 20% injected failures, dropped connections and a session expired part-way; the host
 * killed (SIGKILL) mid-batch and started again on the same journal. Every item must end
 * accounted for, and no create may have made two volumes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolumeClient, type VolumeClient } from '../../../electron/core/api';
import { Journal } from '../../../electron/core/queue/journal';
import type { QueueRequest } from '../../../electron/shared/queue';
import type { Volume } from '../../../electron/shared/volume';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';

const ACCOUNT = 'acct';
const TENANT = 101;

interface Worker {
  child: ChildProcess;
  finished: Set<string>;
  events: string[];
  exited: Promise<number | null>;
  /** Resolves once `predicate` holds over what the worker printed so far. */
  until(predicate: () => boolean, timeoutMs: number): Promise<void>;
}

function startWorker(config: object): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('test/core/queue/queue-worker.ts')], {
    env: { ...process.env, QUEUE_WORKER: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const finished = new Set<string>();
  const events: string[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const message = JSON.parse(line) as { id?: string; state?: string; event?: string };
    if (message.event) events.push(message.event);
    if (message.id && ['done', 'failed', 'cancelled', 'unknown'].includes(message.state!)) finished.add(message.id);
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    child,
    finished,
    events,
    exited,
    until(predicate, timeoutMs) {
      return new Promise((done, fail) => {
        const timer = setTimeout(
          () => fail(new Error(`worker did not get there in ${timeoutMs} ms (events: ${events.join(',')}, finished: ${finished.size})`)),
          timeoutMs,
        );
        const check = () => {
          if (!predicate()) return;
          clearTimeout(timer);
          done();
        };
        waiters.push(check);
        void exited.then(check);
        check();
      });
    },
  };
}

describe('the queue survives faults, an expired session and a kill', () => {
  let dir: string;
  let sandbox: RunningSandbox;
  let admin: VolumeClient;
  let requests: QueueRequest[];
  let before: Volume[];

  const credentialsOf = (session: { sessionToken: string; sessionSecret: string }) =>
    JSON.stringify({ accessToken: sandbox.accessToken, sessionToken: session.sessionToken, sessionSecret: session.sessionSecret });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cdd-crash-'));
    sandbox = await startSandbox({ seed: 'empty', speed: 20 });
    admin = createVolumeClient({ endpoint: sandbox.endpoint, credentials: { accessToken: sandbox.accessToken, ...sandbox.adminSession } });
    const targets: Volume[] = [];
    for (let i = 0; i < 300; i++)
      targets.push(await admin.create({ userid: TENANT, name: `target-${String(i).padStart(3, '0')}`, size: 1 }));
    // Let the creates settle before the batch works on them.
    await new Promise((done) => setTimeout(done, 1_500));
    before = (await admin.listAll()).volumes;
    expect(before.every((volume) => volume.volumeStatus === 'AVAILABLE')).toBe(true);
    const unique = (i: number) => targets[i]!.unique;
    requests = [
      ...Array.from({ length: 200 }, (_, i): QueueRequest => ({
        op: 'create',
        accountId: ACCOUNT,
        params: { userid: TENANT, name: `made-${String(i).padStart(3, '0')}`, size: 1 },
      })),
      ...Array.from({ length: 150 }, (_, i): QueueRequest => ({ op: 'delete', accountId: ACCOUNT, params: { unique: unique(i) } })),
      ...Array.from({ length: 50 }, (_, i): QueueRequest => ({
        op: 'extend',
        accountId: ACCOUNT,
        params: { unique: unique(150 + i), size: 2 },
      })),
      ...Array.from({ length: 50 }, (_, i): QueueRequest => ({ op: 'disable', accountId: ACCOUNT, params: { unique: unique(200 + i) } })),
      ...Array.from({ length: 50 }, (_, i): QueueRequest => ({
        op: 'update',
        accountId: ACCOUNT,
        params: { unique: unique(250 + i), description: 'touched' },
      })),
    ];
    const mutations = { create: 0.2, delete: 0.2, extend: 0.2, enable: 0.2, updateField: 0.2, batchDelete: 0.2, batchEnable: 0.2 };
    const drops = {
      create: 0.05,
      delete: 0.05,
      extend: 0.05,
      enable: 0.05,
      updateField: 0.05,
      batchDelete: 0.05,
      batchEnable: 0.05,
      get: 0.02,
      list: 0.02,
    };
    sandbox.setFaults({ latencyMs: 15, failureRate: mutations, dropRate: drops });
  }, 120_000);

  afterAll(async () => {
    await sandbox?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('ends with every item accounted for and no duplicate volume', async () => {
    const config = {
      journal: join(dir, 'queue.jsonl'),
      endpoint: sandbox.endpoint,
      credentialsFile: join(dir, 'credentials.json'),
      batchFile: join(dir, 'batch.json'),
    };
    await writeFile(config.credentialsFile, credentialsOf(sandbox.adminSession));
    await writeFile(config.batchFile, JSON.stringify(requests));

    const first = startWorker(config);
    await first.until(() => first.finished.size >= 100, 60_000);
    sandbox.expireSessions();
    await first.until(() => first.events.includes('expired'), 30_000);
    const progressWhileExpired = first.finished.size;
    await writeFile(config.credentialsFile, credentialsOf(sandbox.createSession(100, 'admin')));
    await first.until(() => first.finished.size >= progressWhileExpired + 100, 60_000);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(first.events).not.toContain('all-finished');

    const second = startWorker(config);
    await second.until(() => second.events.includes('all-finished'), 120_000);
    expect(await second.exited).toBe(0);

    const journal = await Journal.open(config.journal);
    const items = journal.items();
    await journal.close();
    expect(items).toHaveLength(500);
    const states: Record<string, number> = {};
    for (const item of items) states[item.state] = (states[item.state] ?? 0) + 1;
    console.log('fault run outcome:', states);
    expect(Object.keys(states).every((state) => ['done', 'failed', 'unknown'].includes(state))).toBe(true);
    expect(states.done ?? 0).toBeGreaterThan(250);
    expect(states.failed ?? 0).toBeGreaterThan(0);

    sandbox.setFaults({});
    const verifier = createVolumeClient({
      endpoint: sandbox.endpoint,
      credentials: { accessToken: sandbox.accessToken, ...sandbox.createSession(100, 'admin') },
    });
    const after = new Map((await verifier.listAll()).volumes.map((volume) => [volume.unique, volume]));
    const named = (name: string) => [...after.values()].filter((volume) => volume.name === name);
    for (const item of items) {
      const { params } = item;
      switch (item.op) {
        case 'create': {
          const made = named(String(params.name));
          if (item.state === 'done') expect(made.map((v) => v.unique)).toEqual([item.result?.unique]);
          else if (item.state === 'failed') expect(made).toHaveLength(0);
          else expect(made.length).toBeLessThanOrEqual(1);
          break;
        }
        case 'delete':
          if (item.state === 'done') expect(after.has(Number(params.unique))).toBe(false);
          if (item.state === 'failed') expect(after.get(Number(params.unique))?.volumeStatus).not.toBe('DELETING');
          break;
        case 'extend':
          if (item.state === 'done') expect(after.get(Number(params.unique))?.size).toBe(2);
          if (item.state === 'failed') expect(after.get(Number(params.unique))?.size).toBe(1);
          break;
        case 'disable':
          expect(after.get(Number(params.unique))?.status).toEqual(
            item.state === 'done' ? 'DISABLED' : item.state === 'failed' ? 'ACTIVED' : expect.any(String),
          );
          break;
        case 'update':
          expect(after.get(Number(params.unique))?.description).toEqual(
            item.state === 'done' ? 'touched' : item.state === 'failed' ? '' : expect.any(String),
          );
          break;
      }
    }
    // No name was made twice, whatever the item's outcome.
    const names = [...after.values()].map((volume) => volume.name);
    expect(new Set(names).size).toBe(names.length);
  }, 300_000);
});
