import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SandboxState } from './types';

/** The state saved in `file`, or undefined if there is none yet. A leftover temp file is dropped. */
export async function loadState(file: string): Promise<SandboxState | undefined> {
  await rm(tempPath(file), { force: true });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const state = JSON.parse(text) as SandboxState;
  if (state?.version !== 1 || !Array.isArray(state.volumes) || typeof state.accessToken !== 'string') {
    throw new Error(`${file} is not a sandbox data file`);
  }
  return state;
}

function tempPath(file: string): string {
  return `${file}.tmp`;
}

/**
 * Replaces `file` atomically: the whole text goes to a temp file in the same directory, is
 * fsynced, then renamed over the old one, and the directory is fsynced so the rename itself is
 * durable. A SIGKILL at any moment leaves either the old or the new file, never a mix.
 */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = tempPath(file);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  try {
    const dir = await open(dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
  }
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit. `commit()` resolves once a write that started after the call has finished, so a
 * change made before calling it is on disk. While a write is in flight, every further caller
 * waits for the one next write, which snapshots the state when it starts.
 */
export class StateFile {
  private waiters: Waiter[] = [];
  /** The drain loop while it runs; cleared in the same tick its loop sees no waiter left. */
  private draining: Promise<void> | undefined;

  constructor(
    readonly file: string,
    private readonly snapshot: () => SandboxState,
  ) {}

  commit(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves when no write is pending or in flight. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.waiters.length > 0) {
      const batch = this.waiters;
      this.waiters = [];
      try {
        await writeAtomically(this.file, JSON.stringify(this.snapshot()));
        for (const w of batch) w.resolve();
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.draining = undefined;
  }
}
