/**
 * The API client's memory under answers it must not take whole: a 200 MB body, gzip bombs and a
 * page of 1,000,000 volumes, each from a loopback server that generates it as it is sent. Each
 * case runs in a process of its own (this file with `--case <name>`), so one case's garbage
 * does not count towards the next; the peak is sampled every 2 ms.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createVolumeClient, ProtocolError, type VolumeClient } from '../electron/core/api';
import { doubleGzipBomb, gzipBomb, hugePage, memoryPeak, zeros } from '../test/core/api/hostile-answers';
import { CREDENTIALS, ok, startScriptedServer, wireVolume, type Handler } from '../test/core/api/scripted-server';

interface Case {
  label: string;
  handler: () => Handler;
  call: (client: VolumeClient) => Promise<unknown>;
}

const CASES: Record<string, Case> = {
  'legal-page': {
    label: 'a legal page of 1,000 volumes (reference)',
    handler: () => ok({ hasNext: false, total: 1000, entites: Array.from({ length: 1000 }, (_, i) => wireVolume({ unique: i + 1 })) }),
    call: (client) => client.list({ offset: 1000 }),
  },
  'body-200mb': { label: '200 MB body, no Content-Length', handler: () => zeros(200 * 1000 * 1000), call: (client) => client.list() },
  'gzip-bomb': { label: 'gzip bomb, 204 KB → 208 MiB', handler: () => gzipBomb(13).handler, call: (client) => client.list() },
  'double-gzip-bomb': { label: 'gzip twice, 6 KB → 4 GiB', handler: () => doubleGzipBomb(256).handler, call: (client) => client.list() },
  'page-1m': {
    label: 'well-formed page of 1,000,000 volumes for offset=10',
    handler: () => hugePage(1_000_000),
    call: (client) => client.list({ offset: 10 }),
  },
};

interface Measured {
  outcome: string;
  rssPeakMiB: number;
  rssGrowthMiB: number;
  heapGrowthMiB: number;
}

async function runCase(name: string): Promise<Measured> {
  const chosen = CASES[name];
  if (!chosen) throw new Error(`unknown case ${name}`);
  const server = await startScriptedServer();
  try {
    server.fallback(chosen.handler());
    const client = createVolumeClient({ endpoint: server.url, credentials: CREDENTIALS, retry: { attempts: 1 } });
    const peak = await memoryPeak(() =>
      chosen.call(client).then(
        () => 'accepted',
        (error: unknown) => (error instanceof ProtocolError ? `ProtocolError: ${error.reason}` : String(error)),
      ),
    );
    return { outcome: peak.result, rssPeakMiB: peak.rssPeakMiB, rssGrowthMiB: peak.rssMiB, heapGrowthMiB: peak.heapMiB };
  } finally {
    await server.close();
  }
}

function inChild(name: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--case', name], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as Measured) : reject(new Error(`case ${name} exited with ${code}`)),
    );
  });
}

/** Reports, per case, the client's outcome and its memory peak (RSS, JS heap) with the default 64 MiB limit. */
export async function benchClientLimits(): Promise<void> {
  console.log('client under oversize answers (default limit 64 MiB; each case in a fresh process):');
  for (const [name, { label }] of Object.entries(CASES)) {
    const m = await inChild(name);
    console.log(
      `  ${label}: peak RSS ${m.rssPeakMiB.toFixed(0)} MiB (+${m.rssGrowthMiB.toFixed(0)} MiB), JS heap +${m.heapGrowthMiB.toFixed(0)} MiB — ${m.outcome}`,
    );
  }
}

const caseFlag = process.argv.indexOf('--case');
if (caseFlag !== -1 && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await runCase(process.argv[caseFlag + 1] ?? '')));
}
