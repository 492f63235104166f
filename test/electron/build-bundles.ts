/**
 * Vitest global setup: builds the main and preload bundles once per run, so the tests under
 * test/electron always load what the sources say now (a clean clone has no dist/ at all).
 */
import { execFileSync } from 'node:child_process';

export default function buildBundles(): void {
  execFileSync(process.execPath, ['build/build-electron.mjs'], { stdio: 'inherit' });
}
