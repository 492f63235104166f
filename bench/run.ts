/**
 * `npm run bench`: measurements of the engine and the window, all on this machine in one run, reported as
 * counts, medians and ratios. Each part stops by itself and talks only to loopback.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createVolumeClient, type VolumeClient } from '../electron/core/api';
import { isPassing, PassingPoller } from '../electron/core/refresh/passing-poller';
import { startSandbox, type RunningSandbox } from '../sandbox/index';
import { benchClientLimits } from './client-limits';
import { benchQueueDeletes } from './queue-deletes';
import { benchQueueFollow } from './queue-follow';
import { benchRenderer } from './renderer';

function clientFor(sandbox: RunningSandbox, onRequest?: () => void): VolumeClient {
  return createVolumeClient({
    endpoint: sandbox.endpoint,
    credentials: {
      accessToken: sandbox.accessToken,
      sessionToken: sandbox.adminSession.sessionToken,
      sessionSecret: sandbox.adminSession.sessionSecret,
    },
    logger: { debug: () => onRequest?.(), info: () => {}, warn: () => {}, error: () => {} },
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed(runs: number, work: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** A full listing of a large fleet: requests per pass and time, by page size. */
async function benchListAll(): Promise<void> {
  const sandbox = await startSandbox({ seed: 'scale:5000', speed: 0 });
  try {
    for (const pageSize of [20, 1000]) {
      let requests = 0;
      const client = clientFor(sandbox, () => requests++);
      let count = 0;
      const ms = await timed(5, async () => {
        requests = 0;
        count = (await client.listAll({}, { pageSize })).volumes.length;
      });
      console.log(`listAll of ${count} volumes, page size ${pageSize}: ${requests} requests, median ${ms.toFixed(0)} ms`);
    }
  } finally {
    await sandbox.stop();
  }
}

/** The price of durability: a burst of creates with the data file (group commit) vs in memory. */
async function benchDurableWrites(): Promise<void> {
  const burst = 200;
  const dir = await mkdtemp(join(tmpdir(), 'cdd-bench-'));
  const results: Record<string, number> = {};
  try {
    for (const [label, dataFile] of [
      ['in memory', undefined],
      ['data file', join(dir, 'fleet.json')],
    ] as const) {
      const sandbox = await startSandbox({ seed: 'scale:3000', speed: 0, dataFile });
      const client = clientFor(sandbox);
      const tenant = sandbox.tenants()[1]!.userId;
      let round = 0;
      results[label] = await timed(3, async () => {
        round++;
        await Promise.all(Array.from({ length: burst }, (_, i) => client.create({ userid: tenant, name: `bench-${round}-${i}`, size: 1 })));
      });
      console.log(
        `${burst} concurrent creates on a 3000-volume fleet, ${label}: median ${results[label]!.toFixed(0)} ms (${(results[label]! / burst).toFixed(2)} ms per create)`,
      );
      await sandbox.stop();
    }
    console.log(`durability costs ${(results['data file']! / results['in memory']!).toFixed(1)}x the in-memory time for a burst`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * One refresh cycle of a 5,000-volume account over 10 tenants with 20 passing volumes: the full
 * listing plus the first round of status polls, against polling every volume's status.
 */
async function benchRefreshCycle(): Promise<void> {
  const sandbox = await startSandbox({ seed: 'scale:5000', speed: 0 });
  try {
    let requests = 0;
    const client = clientFor(sandbox, () => requests++);
    const { volumes } = await client.listAll({}, { pageSize: 1000 });
    const listCalls = requests;
    const polled = new Set<number>();
    const passing = volumes.filter((v) => isPassing(v.volumeStatus)).length;
    await new Promise<void>((done) => {
      const poller = new PassingPoller({
        status: async (_account, unique) => {
          const { volumeStatus } = await client.status(unique);
          polled.add(unique);
          if (polled.size === passing) {
            poller.stop();
            done();
          }
          return volumeStatus;
        },
        get: (_account, unique) => client.get(unique),
        onVolume: () => {},
        onGone: () => {},
        onStuck: () => {},
      });
      poller.track('bench', volumes);
    });
    const tenants = new Set(volumes.map((v) => v.userid)).size;
    console.log(
      `refresh cycle, ${volumes.length} volumes over ${tenants} tenants, ${polled.size} passing: ${listCalls} list + ${requests - listCalls} status = ${requests} requests ` +
        `(bound: ceil(${volumes.length}/1000) + ${polled.size} = ${Math.ceil(volumes.length / 1000) + polled.size}); polling every volume's status: ${volumes.length} requests, ` +
        `${(volumes.length / requests).toFixed(0)}x more`,
    );
  } finally {
    await sandbox.stop();
  }
}

/** The bench's parts by name, in the order a whole run takes them. */
const PARTS: Record<string, (sizes: readonly number[]) => Promise<void>> = {
  'list-all': benchListAll,
  'durable-writes': benchDurableWrites,
  'refresh-cycle': benchRefreshCycle,
  'queue-deletes': benchQueueDeletes,
  'queue-follow': benchQueueFollow,
  'client-limits': benchClientLimits,
  window: (sizes) => benchRenderer(sizes.length > 0 ? sizes : undefined),
};

// `npm run bench -- <part> [sizes…]`: only that part (e.g. `window 100000`); no argument: every part.
const [only, ...sizeArgs] = process.argv.slice(2);
const sizes = sizeArgs.map(Number);
if (only !== undefined && !(only in PARTS)) throw new Error(`unknown bench part '${only}'; the parts: ${Object.keys(PARTS).join(', ')}`);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`sizes must be positive whole numbers: ${sizeArgs.join(' ')}`);
if (sizes.length > 0 && only !== 'window') throw new Error('only the window part takes sizes');
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
for (const [name, part] of Object.entries(PARTS)) if (only === undefined || only === name) await part(sizes);
