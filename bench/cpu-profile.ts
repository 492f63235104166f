/**
 * `BENCH_PROFILE=1`: a CPU profile (CDP Profiler) around one run of each window step, on the app and
 * on the bare page, summed by function and printed as the top self times. Wall-clock figures move
 * with the machine's load; where the page spends its own time does not. With `BENCH_PROFILE_DIR`
 * set, each profile is also written there as a `.cpuprofile` file.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export const PROFILING = process.env.BENCH_PROFILE === '1';

/** Self time (ms) by function, largest first; `(idle)` and `(program)` left out. */
export function selfTimes(profile: Profile): Array<[string, number]> {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  for (const [i, id] of profile.samples.entries()) {
    const frame = byNode.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
    const file = frame.url.split('/').pop() ?? '';
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    // A sample's time is the delta to the next sample.
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

/** Stops the profile and prints its top self times under `label`, beside the step's time. */
export async function printProfile(cdp: CDPSession, label: string, ms: number, top = 15): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  // BENCH_PROFILE_DIR: each profile also saved whole, for DevTools (Performance → load profile) or a script.
  const dir = process.env.BENCH_PROFILE_DIR;
  if (dir) await writeFile(join(dir, `${label.replace(/[^\w-]+/g, '-')}.cpuprofile`), JSON.stringify(profile));
  const times = selfTimes(profile);
  const total = times.reduce((sum, [, t]) => sum + t, 0);
  console.log(
    `profile ${label}: ${ms.toFixed(0)} ms to paint, ${total.toFixed(0)} ms of script self time\n${times
      .slice(0, top)
      .map(([name, t]) => `  ${t.toFixed(1).padStart(7)} ms  ${name}`)
      .join('\n')}`,
  );
}

/** Evaluates `script` on `page` inside a CPU profile and prints the top self times under `label`. */
export async function profiled(page: Page, cdp: CDPSession, label: string, script: string): Promise<number> {
  await startProfile(cdp);
  const ms = await page.evaluate<number>(script);
  await printProfile(cdp, label, ms);
  return ms;
}
