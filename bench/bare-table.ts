/** The bench's anchor page (bench/bare): built once into a temp folder and served to Chromium with the rows it is to show. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';

export const BARE_URL = 'http://bare.bench/';

export interface BareTable {
  /** Serves the page and `rows.json` (this text) to a page, then opens it. */
  open(page: Page, rowsJson: string): Promise<void>;
  remove(): Promise<void>;
}

export async function buildBareTable(): Promise<BareTable> {
  const outDir = await mkdtemp(join(tmpdir(), 'cdd-bench-bare-'));
  await build({
    configFile: false,
    root: resolve('bench/bare'),
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  });
  return {
    async open(page, rowsJson) {
      await page.route(`${BARE_URL}**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/rows.json') return route.fulfill({ body: rowsJson, contentType: 'application/json' });
        return route.fulfill({ path: join(outDir, path === '/' ? 'index.html' : path) });
      });
      await page.goto(BARE_URL);
    },
    remove: () => rm(outDir, { recursive: true, force: true }),
  };
}
