/**
 * 1,000 deletes through the operation queue against the sandbox at speed 0, by the batch endpoint
 * and one by one, and 10,000 by the batch endpoint (what the window sends for a selection of
 * 10,000) with the journal's size as it runs. The sandbox runs as a process of its own, so this
 * process's CPU time is the queue's own (runner, journal with its fsyncs, HTTP client), not the server's.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createVolumeClient } from '../electron/core/api';
import { Journal } from '../electron/core/queue/journal';
import { DEFAULT_WAIT, QueueRunner } from '../electron/core/queue/runner';
import type { QueueRequest } from '../electron/shared/queue';

const COUNT = 1000;
const LARGE = 10_000;

interface SandboxProcess {
  endpoint: string;
  credentials: { accessToken: string; sessionToken: string; sessionSecret: string };
  /** Request lines the sandbox logged since the last reset, by path suffix. */
  requests: Map<string, number>;
  stop(): Promise<void>;
}

async function startSandboxProcess(fleet: string[] = ['--seed', 'empty']): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', ...fleet, '--speed', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const requests = new Map<string, number>();
  const first = await new Promise<string>((done) => lines.once('line', done));
  const info = JSON.parse(first) as { endpoint: string; accessToken: string; sessionToken: string; sessionSecret: string };
  lines.on('line', (line) => {
    const path = /\/volume\/(?:\d+\/)?([a-z/]+)/.exec(line)?.[1];
    if (path) requests.set(path, (requests.get(path) ?? 0) + 1);
  });
  return {
    endpoint: info.endpoint,
    credentials: { accessToken: info.accessToken, sessionToken: info.sessionToken, sessionSecret: info.sessionSecret },
    requests,
    stop: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** A sandbox data file of scale:N with every volume deletable (no attachment, nothing passing). */
async function deletableFleet(file: string, count: number): Promise<void> {
  await (await startSandboxProcess(['--seed', `scale:${count}`, '--data', file])).stop();
  const state = JSON.parse(await readFile(file, 'utf8')) as { volumes: Record<string, unknown>[] };
  for (const volume of state.volumes) {
    volume.attachments = [];
    if (volume.volumeStatus !== 'ERROR') volume.volumeStatus = 'AVAILABLE';
    delete volume.pending;
  }
  await writeFile(file, JSON.stringify(state));
}

async function deleteThroughQueue(chunkSize: number, count = COUNT): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cdd-bench-queue-'));
  const fleetFile = join(dir, 'fleet.json');
  // Up to 1,000 volumes are made through the API; more come from a seeded data file.
  if (count > COUNT) await deletableFleet(fleetFile, count);
  const sandbox = await startSandboxProcess(count > COUNT ? ['--data', fleetFile] : undefined);
  try {
    const client = createVolumeClient({ endpoint: sandbox.endpoint, credentials: sandbox.credentials });
    const uniques: number[] = [];
    if (count > COUNT) uniques.push(...(await client.listAll({}, { pageSize: 1000 })).volumes.map((volume) => volume.unique));
    else
      for (let i = 0; i < count; i += 50) {
        const made = await Promise.all(
          Array.from({ length: 50 }, (_, j) => client.create({ userid: 101, name: `bench-${i + j}`, size: 1 })),
        );
        uniques.push(...made.map((volume) => volume.unique));
      }
    sandbox.requests.clear();
    const journalFile = join(dir, 'queue.jsonl');
    const journal = await Journal.open(journalFile);
    let largestBytes = 0;
    let compactions = 0;
    let lastRecords = 0;
    const measure = setInterval(() => {
      void stat(journalFile).then(
        (info) => (largestBytes = Math.max(largestBytes, info.size)),
        () => {},
      );
    }, 20);
    let finished!: () => void;
    const allDone = new Promise<void>((done) => (finished = done));
    let failed = 0;
    const runner = new QueueRunner({
      journal,
      clientFor: async () => client,
      isReady: () => true,
      report: () => {},
      limits: () => ({ perAccount: 4, total: 8 }),
      chunkSize,
      // The app's own policy: the first look at waiting volumes comes after a second.
      wait: DEFAULT_WAIT,
      onItem: () => {
        if (journal.recordCount < lastRecords) compactions++;
        lastRecords = journal.recordCount;
      },
      onBatchFinished: (_batch, items) => {
        failed = items.filter((item) => item.state !== 'done').length;
        finished();
      },
    });
    runner.start();
    const requests: QueueRequest[] = uniques.map((unique) => ({
      op: 'delete',
      accountId: 'bench',
      params: { unique },
      label: `bench-${unique}`,
    }));
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await runner.submit(`Delete ${count}`, requests);
    await allDone;
    const wallMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(measure);
    runner.stop();
    await journal.close();
    const finalBytes = (await stat(journalFile)).size;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const sent = [...sandbox.requests.entries()].map(([path, n]) => `${n} ${path}`).join(', ');
    const kib = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en')} KiB`;
    return (
      `${chunkSize > 1 ? `batch endpoint, chunks of ${chunkSize}` : 'one by one'}: ${sent}; ${failed} not done; wall ${wallMs.toFixed(0)} ms; ` +
      `queue process CPU ${(cpuMs / count).toFixed(3)} ms/item; journal largest ${kib(largestBytes)}, at the end ${kib(finalBytes)}, compacted ${compactions}× while running`
    );
  } finally {
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Prints one line per way of deleting. */
export async function benchQueueDeletes(): Promise<void> {
  const batched = await deleteThroughQueue(50);
  const single = await deleteThroughQueue(1);
  const large = await deleteThroughQueue(50, LARGE);
  console.log(`${COUNT} deletes queued, ${batched}`);
  console.log(`${COUNT} deletes queued, ${single}`);
  console.log(`${LARGE.toLocaleString('en')} deletes queued, ${large}`);
}
