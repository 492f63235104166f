import { hostname } from 'node:os';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Who holds a data folder: enough for the user to find the process. */
export interface LockHolder {
  pid: number;
  host: string;
  /** Which program: the desktop app or `npm run web`. */
  program: string;
  since: string;
}

/** Another live process runs this data folder: two processes must never share one queue journal. */
export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Cloud Disk Desk (${holder.program}, process ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
        'Close that one first, or start this one with another data folder.',
    );
    this.name = 'DataFolderLockedError';
  }
}

export interface DataFolderLock {
  release(): Promise<void>;
}

const LOCK_FILE = '.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const holder = JSON.parse(await readFile(path, 'utf8')) as Partial<LockHolder>;
    if (typeof holder.pid !== 'number' || typeof holder.host !== 'string') return undefined;
    return { pid: holder.pid, host: holder.host, program: String(holder.program ?? 'unknown'), since: String(holder.since ?? 'unknown') };
  } catch {
    return undefined;
  }
}

/** Whether a lock left behind may be taken over: its process is gone (or the file is unreadable). */
function isStale(holder: LockHolder | undefined): boolean {
  if (!holder) return true;
  // A lock from another machine (a synced or network folder) cannot be checked: respect it.
  return holder.host === hostname() && holder.pid !== process.pid && !isAlive(holder.pid);
}

/**
 * Takes the data folder for this process alone, through a lock file created exclusively. A lock
 * whose process has died (a crash, a kill) is taken over; a live one is refused with who holds it.
 */
export async function lockDataFolder(dataDir: string, program: string): Promise<DataFolderLock> {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      const holder: LockHolder = { pid: process.pid, host: hostname(), program, since: new Date().toISOString() };
      try {
        await handle.writeFile(JSON.stringify(holder));
      } finally {
        await handle.close();
      }
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          const current = await readHolder(path);
          if (current?.pid === process.pid && current.host === holder.host) await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(path);
    if (!isStale(holder)) throw new DataFolderLockedError(dataDir, holder!);
    // Moved aside under a unique name rather than deleted, so that of two processes clearing the
    // same stale lock, the second fails to move it and retries against the first one's new lock.
    await rename(path, `${path}.stale-${process.pid}-${attempt}`).then(
      (): Promise<void> => rm(`${path}.stale-${process.pid}-${attempt}`, { force: true }),
      () => undefined,
    );
  }
  const holder = await readHolder(path);
  throw new DataFolderLockedError(dataDir, holder ?? { pid: 0, host: 'unknown', program: 'unknown', since: 'unknown' });
}
