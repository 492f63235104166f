/**
 * What following queued deletes costs the cloud, through the whole core as the window drives it:
 * the deletes themselves, the reads that follow each volume until it is gone, and the listings
 * after settled items. Reported as requests per settled item, with the deletes lasting 2 s each
 * (speed 1), for one delete and for a batch of 1,000.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createVolumeClient } from '../electron/core/api';
import { startAppCore } from '../electron/core/app-core';
import { dispatch } from '../electron/core/dispatch';
import { MemorySecretStore } from '../electron/core/secrets/memory-secret-store';
import type { AccountView, InvokeChannel } from '../electron/shared/contract';
import type { QueueRequest } from '../electron/shared/queue';
import { startSandbox } from '../sandbox/index';

/** After the last item settles, the core may still read the account once: counted too. */
const TRAILING_MS = 3_000;

async function followDeletes(count: number): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cdd-bench-follow-'));
  const lines: string[] = [];
  const cloud = await startSandbox({ seed: 'empty', speed: 1, log: (line) => lines.push(line) });
  const core = await startAppCore({
    dataDir,
    keychain: new MemorySecretStore(),
    sandbox: { speed: 0, seed: 'empty' },
    refreshIntervalMs: 3_600_000,
  });
  const call = async <T>(channel: InvokeChannel, payload: object): Promise<T> => {
    const reply = await dispatch(core.handlers, channel, payload);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code}`);
    return reply.result as T;
  };
  try {
    const secrets = {
      accessToken: cloud.accessToken,
      sessionToken: cloud.adminSession.sessionToken,
      sessionSecret: cloud.adminSession.sessionSecret,
    };
    const account = await call<AccountView>('accounts:add', { name: 'Bench cloud', endpoint: cloud.endpoint, colour: '#2266aa', secrets });
    const admin = createVolumeClient({ endpoint: cloud.endpoint, credentials: secrets });
    const uniques: number[] = [];
    for (let i = 0; i < count; i += 50) {
      const made = await Promise.all(
        Array.from({ length: Math.min(50, count - i) }, (_, j) => admin.create({ userid: 101, name: `bench-${i + j}`, size: 1 })),
      );
      uniques.push(...made.map((volume) => volume.unique));
    }
    // Created volumes pass CREATING for 3 s: delete them once they are all AVAILABLE.
    while ((await admin.listAll({}, { pageSize: 1000 })).volumes.some((volume) => volume.volumeStatus !== 'AVAILABLE'))
      await new Promise((done) => setTimeout(done, 250));
    await call('volumes:list', { accountId: account.id });
    lines.length = 0;
    const requests: QueueRequest[] = uniques.map((unique) => ({
      op: 'delete',
      accountId: account.id,
      params: { unique },
      label: `bench-${unique}`,
    }));
    const start = performance.now();
    await call('queue:submit', { title: `Delete ${count}`, items: requests });
    for (;;) {
      const { pending, running } = core.queueActivity();
      if (pending + running === 0) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    const wallMs = performance.now() - start;
    await new Promise((done) => setTimeout(done, TRAILING_MS));
    const byPath = new Map<string, number>();
    for (const line of lines) {
      const path = /\/volume\/(?:\d+\/)?([a-z/]+)/.exec(line)?.[1];
      if (path) byPath.set(path, (byPath.get(path) ?? 0) + 1);
    }
    const total = [...byPath.values()].reduce((sum, n) => sum + n, 0);
    const sent = [...byPath.entries()].map(([path, n]) => `${n} ${path}`).join(', ');
    return `${count.toLocaleString('en')} queued delete${count === 1 ? '' : 's'} (2 s each), followed by the core: ${sent}; ${(total / count).toFixed(2)} requests per settled item; wall ${wallMs.toFixed(0)} ms`;
  } finally {
    await core.stop();
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Prints one line per batch size. */
export async function benchQueueFollow(): Promise<void> {
  for (const count of [1, 1000]) console.log(await followDeletes(count));
}

if (import.meta.url === `file://${process.argv[1]}`) await benchQueueFollow();
