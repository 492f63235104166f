/**
 * 1,000 deletes through the operation queue against the sandbox at speed 0, by the batch endpoint
 * and one by one. The sandbox runs as a process of its own, so this process's CPU time is the
 * queue's own (runner, journal with its fsyncs, HTTP client), not the server's.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createVolumeClient } from '../electron/core/api';
import { Journal } from '../electron/core/queue/journal';
import { DEFAULT_WAIT, QueueRunner } from '../electron/core/queue/runner';
import type { QueueRequest } from '../electron/shared/queue';

const COUNT = 1000;

interface SandboxProcess {
  endpoint: string;
  credentials: { accessToken: string; sessionToken: string; sessionSecret: string };
  /** Request lines the sandbox logged since the last reset, by path suffix. */
  requests: Map<string, number>;
  stop(): Promise<void>;
}

async function startSandboxProcess(): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--seed', 'empty', '--speed', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
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

async function deleteThroughQueue(chunkSize: number): Promise<string> {
  const sandbox = await startSandboxProcess();
  const dir = await mkdtemp(join(tmpdir(), 'cdd-bench-queue-'));
  try {
    const client = createVolumeClient({ endpoint: sandbox.endpoint, credentials: sandbox.credentials });
    const uniques: number[] = [];
    for (let i = 0; i < COUNT; i += 50) {
      const made = await Promise.all(Array.from({ length: 50 }, (_, j) => client.create({ userid: 101, name: `bench-${i + j}`, size: 1 })));
      uniques.push(...made.map((volume) => volume.unique));
    }
    sandbox.requests.clear();
    const journal = await Journal.open(join(dir, 'queue.jsonl'));
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
      onBatchFinished: (_batch, items) => {
        failed = items.filter((item) => item.state !== 'done').length;
        finished();
      },
    });
    runner.start();
    const requests: QueueRequest[] = uniques.map((unique) => ({ op: 'delete', accountId: 'bench', params: { unique } }));
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await runner.submit(`Delete ${COUNT}`, requests);
    await allDone;
    const wallMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    runner.stop();
    await journal.close();
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const sent = [...sandbox.requests.entries()].map(([path, n]) => `${n} ${path}`).join(', ');
    return `${chunkSize > 1 ? `batch endpoint, chunks of ${chunkSize}` : 'one by one'}: ${sent}; ${failed} not done; wall ${wallMs.toFixed(0)} ms; queue process CPU ${(cpuMs / COUNT).toFixed(3)} ms/item`;
  } finally {
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Prints one line per way of deleting. */
export async function benchQueueDeletes(): Promise<void> {
  const batched = await deleteThroughQueue(50);
  const single = await deleteThroughQueue(1);
  console.log(`${COUNT} deletes queued, ${batched}`);
  console.log(`${COUNT} deletes queued, ${single}`);
}
