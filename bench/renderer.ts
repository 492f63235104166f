/**
 * The window at 1,000 / 10,000 / 100,000 volumes over 4 accounts, in Chromium through the real
 * renderer build and the browser host, beside the bare el-table-v2 anchor (bench/bare) with the
 * same rows and 12 columns in the same browser: data → painted, keyword filter, sort, select all,
 * scroll to the middle,
 * and the retained JS heap, each as app / bare / ratio; the Overview switch
 * (the app's own); and in the core, one refresh cycle's requests, the diff time and the bytes sent
 * to the window when nothing changed. Each account is a sandbox seeded `scale:N`, added the way a
 * user adds one. Medians of 7 runs (3 at 100,000, to keep the run within minutes on 2 cores).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { startBrowserHost } from '../electron/browser-host/browser-host';
import { startAppCore, type AppCore } from '../electron/core/app-core';
import { diffVolumes } from '../electron/core/refresh/volume-diff';
import type { Volume } from '../electron/shared/volume';
import { COLUMN_IDS } from '../renderer/src/logic/volume-columns';
import { startSandbox, type RunningSandbox } from '../sandbox/index';
import { launchChromium } from '../test/e2e/browser';
import { buildBareTable, type BareTable } from './bare-table';
import { printProfile, profiled, PROFILING, startProfile } from './cpu-profile';
import { appLoadProbe, filterStep, overviewStep, scrollStep, selectAllStep, sortStep } from './page-probes';

const SIZES = [1_000, 10_000, 100_000];
const ACCOUNTS = 4;
const KEYWORD = '0004';
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 180_000);

type Side = 'app' | 'bare';
const TABLE_METRICS = [
  'data → painted',
  'keyword filter → repaint',
  'sort by size → repaint',
  'sort by name → repaint',
  'select all → repaint',
  'scroll to the middle → repaint',
  'retained JS heap (MB)',
] as const;
type TableMetric = (typeof TABLE_METRICS)[number];

interface SizeResult {
  size: number;
  table: Record<TableMetric, Record<Side, number>>;
  overviewMs: number;
  refreshRequests: number;
  diffMs: number;
  unchangedBytes: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function waitPainted(page: Page, what: string): Promise<number> {
  await page.waitForFunction('(window.__probe?.paintedAt ?? 0) > 0', undefined, { timeout: TIMEOUT_MS }).catch(async (error: unknown) => {
    const seen = await page.evaluate<unknown>(
      "({ probe: window.__probe, count: document.querySelector('[data-testid=volume-count]')?.textContent })",
    );
    throw new Error(`${what}: the table never showed every volume (${JSON.stringify(seen)})`, { cause: error });
  });
  const probe = await page.evaluate<{ lastListingAt: number; paintedAt: number }>('window.__probe');
  return probe.paintedAt - probe.lastListingAt;
}

/** The steps both pages share, each a median over `runs`; the heap first, after a full collection. */
async function measureTable(
  page: Page,
  side: Side,
  runs: number,
  selectAll: string,
): Promise<Record<Exclude<TableMetric, 'data → painted'>, number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024;
  /** Each script's median over the runs; `labels` name them in the profiles (an act, then its undo or a second act). */
  const repeat = async (name: string, scripts: string[], labels = ['act', 'undo']) => {
    const times = scripts.map((): number[] => []);
    for (let i = 0; i < runs; i++) for (const [n, script] of scripts.entries()) times[n]!.push(await page.evaluate<number>(script));
    // BENCH_PROFILE=1: one more round, each step inside a CPU profile (not counted in the median).
    if (PROFILING) for (const [n, script] of scripts.entries()) await profiled(page, cdp, `${side} ${name} (${labels[n]})`, script);
    return times.map(median) as [number, number];
  };
  const [filter] = await repeat('filter', [filterStep(KEYWORD), filterStep('')]);
  // A number column, then a text one (collation keys; its first run is uncached).
  const [bySize, byName] = await repeat('sort', [sortStep('size'), sortStep('name')], ['by size', 'by name']);
  const [selectAllMs] = await repeat('select all', [selectAllStep(selectAll), selectAllStep(selectAll)]);
  const [scroll] = await repeat('scroll', [scrollStep('middle'), scrollStep('top')]);
  return {
    'keyword filter → repaint': filter,
    'sort by size → repaint': bySize,
    'sort by name → repaint': byName,
    'select all → repaint': selectAllMs,
    'scroll to the middle → repaint': scroll,
    'retained JS heap (MB)': heap,
  };
}

async function addScaleAccounts(core: AppCore, size: number): Promise<RunningSandbox[]> {
  // Only the large accounts: the built-in Local sandbox goes; all 12 columns shown, as on the bare page.
  for (const account of await core.handlers['accounts:list']({} as never))
    await core.handlers['accounts:remove']({ accountId: account.id } as never);
  await core.handlers['settings:set']({ volumeColumns: [...COLUMN_IDS] } as never);
  const sandboxes: RunningSandbox[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const sandbox = await startSandbox({ seed: `scale:${size / ACCOUNTS}`, speed: 0, randomSeed: i + 1 });
    sandboxes.push(sandbox);
    const secrets = {
      accessToken: sandbox.accessToken,
      sessionToken: sandbox.adminSession.sessionToken,
      sessionSecret: sandbox.adminSession.sessionSecret,
    };
    await core.handlers['accounts:add']({
      name: `Scale ${i + 1}`,
      endpoint: sandbox.endpoint,
      colour: '#409eff',
      secrets,
      sessionOnly: true,
    } as never);
  }
  return sandboxes;
}

/** One refresh cycle of every account with nothing changed: requests made, the diff's time over all listings, bytes of volume events sent. */
async function measureCore(
  core: AppCore,
  counter: { requests: number },
): Promise<Pick<SizeResult, 'refreshRequests' | 'diffMs' | 'unchangedBytes'>> {
  let unchangedBytes = 0;
  const unsubscribe = core.onEvent((event, payload) => {
    if (event.startsWith('volumes:')) unchangedBytes += JSON.stringify(payload).length;
  });
  counter.requests = 0;
  await core.handlers['accounts:refresh']({} as never);
  const refreshRequests = counter.requests;
  unsubscribe();
  let diffMs = 0;
  for (const account of await core.handlers['accounts:list']({} as never)) {
    const { volumes } = await core.handlers['volumes:list']({ accountId: account.id } as never);
    const again = JSON.parse(JSON.stringify(volumes)) as Volume[];
    const start = performance.now();
    diffVolumes(account.id, volumes, again);
    diffMs += performance.now() - start;
  }
  return { refreshRequests, diffMs, unchangedBytes };
}

async function benchSize(browser: Browser, bare: BareTable, size: number): Promise<SizeResult> {
  const runs = size >= 100_000 ? 3 : 7;
  const dataDir = await mkdtemp(join(tmpdir(), 'cdd-bench-renderer-'));
  const counter = { requests: 0 };
  const countingFetch: typeof fetch = (input, init) => {
    counter.requests++;
    return fetch(input, init);
  };
  const core = await startAppCore({ dataDir, refreshIntervalMs: 3_600_000, fetch: countingFetch });
  const host = await startBrowserHost({ handlers: core.handlers, subscribe: core.onEvent, rendererDir: resolve('dist/renderer') });
  let sandboxes: RunningSandbox[] = [];
  try {
    sandboxes = await addScaleAccounts(core, size);
    // The probes are strings of page code, which the page's CSP (no eval) would refuse.
    const app = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await app.addInitScript({ content: appLoadProbe({ listings: ACCOUNTS, total: size }) });
    // BENCH_PROFILE=1: the load is profiled from the page's start (boot included) to its first painted frame with every row.
    const appCdp = PROFILING ? await app.context().newCDPSession(app) : null;
    if (appCdp) await startProfile(appCdp);
    await app.goto(host.url);
    const appPainted = await waitPainted(app, 'app');
    if (appCdp) await printProfile(appCdp, 'app load (boot to every row painted)', appPainted, 30);
    const appTable = await measureTable(app, 'app', runs, '.el-table-v2__header .cell-select input');
    const overviewMs = median(
      await (async () => {
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          times.push(await app.evaluate<number>(overviewStep(ACCOUNTS)));
          if (PROFILING && i === runs - 1) {
            await app.getByTestId('view-switcher').getByText('Volumes').click();
            await app.getByTestId('volume-row').first().waitFor();
            await profiled(app, await app.context().newCDPSession(app), 'app Overview switch', overviewStep(ACCOUNTS));
          }
          await app.getByTestId('view-switcher').getByText('Volumes').click();
          await app.getByTestId('volume-row').first().waitFor();
        }
        return times;
      })(),
    );
    await app.context().close();
    const core_ = await measureCore(core, counter);

    const rows = [];
    for (const account of await core.handlers['accounts:list']({} as never)) {
      const { volumes } = await core.handlers['volumes:list']({ accountId: account.id } as never);
      rows.push(...volumes.map((v: Volume) => ({ ...v, accountId: account.id, key: `${account.id}:${v.unique}` })));
    }
    const barePage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const bareCdp = PROFILING ? await barePage.context().newCDPSession(barePage) : null;
    if (bareCdp) await startProfile(bareCdp);
    await bare.open(barePage, JSON.stringify(rows));
    const barePainted = await waitPainted(barePage, 'bare');
    if (bareCdp) await printProfile(bareCdp, 'bare load (start to every row painted)', barePainted, 30);
    const bareTable = await measureTable(barePage, 'bare', runs, '[data-testid=select-all]');
    await barePage.context().close();

    const table = Object.fromEntries(
      TABLE_METRICS.map((m) => [
        m,
        m === 'data → painted' ? { app: appPainted, bare: barePainted } : { app: appTable[m], bare: bareTable[m] },
      ]),
    ) as SizeResult['table'];
    return { size, table, overviewMs, ...core_ };
  } finally {
    await host.stop();
    await core.stop();
    await Promise.all(sandboxes.map((s) => s.stop()));
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The results as the README's Markdown table. */
function report(results: SizeResult[]): string {
  const cell = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const head = `| metric | ${results.map((r) => `${r.size.toLocaleString('en')}: app / bare / ratio`).join(' | ')} |`;
  const line = `|---|${results.map(() => '---').join('|')}|`;
  const body = TABLE_METRICS.map(
    (m) =>
      `| ${m}${m.includes('MB') ? '' : ' (ms)'} | ${results.map((r) => `${cell(r.table[m].app)} / ${cell(r.table[m].bare)} / ${(r.table[m].app / r.table[m].bare).toFixed(2)}×`).join(' | ')} |`,
  );
  const own = [
    `| Overview switch (ms) | ${results.map((r) => cell(r.overviewMs)).join(' | ')} |`,
    `| core: refresh cycle requests | ${results.map((r) => r.refreshRequests).join(' | ')} |`,
    `| core: diff of every listing (ms) | ${results.map((r) => cell(r.diffMs)).join(' | ')} |`,
    `| core: bytes to the window, unchanged refresh | ${results.map((r) => r.unchangedBytes).join(' | ')} |`,
  ];
  return [head, line, ...body, ...own].join('\n');
}

export async function benchRenderer(sizes: readonly number[] = SIZES): Promise<void> {
  // Profiles name the app's own functions only in an unminified build.
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { minify: !PROFILING } });
  const bare = await buildBareTable();
  const browser = await launchChromium();
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) {
      const started = performance.now();
      results.push(await benchSize(browser, bare, size));
      console.log(`renderer: ${size} volumes over ${ACCOUNTS} accounts measured in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await browser.close();
    await bare.remove();
  }
  console.log(
    `renderer: the window beside a bare el-table-v2 (medians; ratio = app / bare; targets: data ≤ 1.2×, filter and sort ≤ 1.0×, heap ≤ 2× bare + 20 MB, Overview ≤ 200 ms)\n${report(results)}`,
  );
}
