/**
 * The window with 10,000 volumes over 3 accounts, in Chromium through the real renderer build and
 * the browser host: how long from the listings arriving to the table painted, from a keyword typed
 * to the filtered table painted, and the page's JS heap once loaded. Each account is a sandbox
 * seeded with `scale:3334`, added the way a user adds one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { startBrowserHost } from '../electron/browser-host/browser-host';
import { startAppCore } from '../electron/core/app-core';
import { startSandbox, type RunningSandbox } from '../sandbox/index';
import { launchChromium } from '../test/e2e/browser';

const ACCOUNTS = 3;
const PER_ACCOUNT = 3334;
const KEYWORD = '0004';

/** What the page records, from before the app's own code runs. */
interface PageProbe {
  listings: number;
  lastListingAt: number;
  paintedAt: number;
}

/**
 * Runs in the page before the app (plain JavaScript: it is the page's code, not this process's):
 * stamps each volume listing as it arrives on the host's socket (this listener is added first, so
 * before the app parses it), and the first frame painted with the table showing every row. A frame
 * callback runs just before its frame is painted, and a timeout set there fires once it is.
 */
function probeScript(expected: { listings: number; total: number }): string {
  return `(() => {
    const probe = { listings: 0, lastListingAt: 0, paintedAt: 0 };
    window.__probe = probe;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url, protocols) {
        super(url, protocols);
        this.addEventListener('message', (event) => {
          const text = String(event.data);
          if (text.includes('"asOf"') && text.includes('"volumeStatus"')) {
            probe.listings++;
            probe.lastListingAt = performance.now();
          }
        });
      }
    };
    const watch = () => {
      const count = document.querySelector('[data-testid=volume-count]')?.textContent ?? '';
      if (probe.listings >= ${expected.listings} && count.includes('${expected.total} of ${expected.total}') && document.querySelector('[data-testid=volume-row]')) {
        setTimeout(() => (probe.paintedAt = performance.now()));
        return;
      }
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  })();`;
}

/** Page code: types a keyword into the search box; its value is the time until the filtered table is painted. */
function filterScript(keyword: string): string {
  return `new Promise((done) => {
    const input = document.querySelector('[data-testid=volume-search]');
    const count = document.querySelector('[data-testid=volume-count]');
    const before = count.textContent;
    const start = performance.now();
    input.value = ${JSON.stringify(keyword)};
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const check = () => {
      if (count.textContent !== before) setTimeout(() => done(performance.now() - start));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`;
}

export async function benchRenderer(): Promise<void> {
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
  const dataDir = await mkdtemp(join(tmpdir(), 'cdd-bench-renderer-'));
  const sandboxes: RunningSandbox[] = [];
  const core = await startAppCore({ dataDir, refreshIntervalMs: 3_600_000 });
  const host = await startBrowserHost({ handlers: core.handlers, subscribe: core.onEvent, rendererDir: resolve('dist/renderer') });
  const browser = await launchChromium();
  try {
    // Only the three large accounts: the built-in Local sandbox goes.
    for (const account of await core.handlers['accounts:list']({} as never)) await core.handlers['accounts:remove']({ accountId: account.id } as never);
    for (let i = 0; i < ACCOUNTS; i++) {
      const sandbox = await startSandbox({ seed: `scale:${PER_ACCOUNT}`, speed: 0, randomSeed: i + 1 });
      sandboxes.push(sandbox);
      const secrets = { accessToken: sandbox.accessToken, sessionToken: sandbox.adminSession.sessionToken, sessionSecret: sandbox.adminSession.sessionSecret };
      await core.handlers['accounts:add']({ name: `Scale ${i + 1}`, endpoint: sandbox.endpoint, colour: '#409eff', secrets, sessionOnly: true } as never);
    }
    const total = ACCOUNTS * PER_ACCOUNT;

    // The probes are strings of page code, which the page's CSP (no eval) would refuse.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    await page.addInitScript({ content: probeScript({ listings: ACCOUNTS, total }) });
    await page.goto(host.url);
    await page.waitForFunction('(window.__probe?.paintedAt ?? 0) > 0', undefined, { timeout: Number(process.env.BENCH_TIMEOUT_MS ?? 120_000) }).catch(async (error: unknown) => {
      const seen = await page.evaluate<unknown>("({ probe: window.__probe, count: document.querySelector('[data-testid=volume-count]')?.textContent })");
      throw new Error(`the table never showed every volume (${JSON.stringify(seen)})`, { cause: error });
    });
    const probe = await page.evaluate<PageProbe>('window.__probe');
    console.log(`renderer: ${total} volumes over ${ACCOUNTS} accounts, last listing arrived → table painted: ${(probe.paintedAt - probe.lastListingAt).toFixed(0)} ms (target < 300 ms)`);

    const filters: number[] = [];
    // Typed, then cleared, 11 times: one frame more or less moves a single run by 16 ms, so the median of many.
    for (let i = 0; i < 11; i++) for (const keyword of [KEYWORD, '']) filters.push(await page.evaluate<number>(filterScript(keyword)));
    const typed = filters.filter((_, i) => i % 2 === 0).sort((a, b) => a - b);
    await page.evaluate<number>(filterScript(KEYWORD));
    const shown = await page.getByTestId('volume-count').innerText();
    const ms = (i: number) => typed[i]?.toFixed(0);
    console.log(`renderer: keyword filter → repaint: median ${ms(Math.floor(typed.length / 2))} ms (fastest ${ms(0)}, slowest ${ms(typed.length - 1)}) over ${typed.length} runs, ${shown} (target < 50 ms)`);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    console.log(`renderer: JS heap after load: ${(heap.usedSize / 1024 / 1024).toFixed(1)} MB used of ${(heap.totalSize / 1024 / 1024).toFixed(1)} MB (target < 150 MB)`);
  } finally {
    await browser.close();
    await host.stop();
    await core.stop();
    await Promise.all(sandboxes.map((s) => s.stop()));
    await rm(dataDir, { recursive: true, force: true });
  }
}
