/**
 * Damage is kept, never trimmed or overwritten: a data file (or a folder where a file belongs) that
 * cannot be read is moved aside beside itself, untouched, and the start goes on with what could be
 * recovered. Each such event becomes a {@link DataNotice} the window shows once, worded from its
 * code in the user's language. A notice never carries the file's content.
 */
import { lstat, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DataNotice } from '../../shared/data-notice';
import type { Logger } from '../ports';

export type { DataNotice, DataNoticeCode } from '../../shared/data-notice';

/** A data file that cannot be used, named by its name (never quoting its content). */
export class DamagedFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file} ${reason}`);
    this.name = 'DamagedFileError';
  }
}

/** `2024-05-01T10-20-30-123Z`: an ISO instant (UTC) that is a valid file name everywhere. */
function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Moves a damaged file or folder to `<name>.damaged-<UTC timestamp>[.n]` in the same folder and
 * returns the new path. An earlier one with the same name is never replaced: `.1`, `.2` … are
 * tried instead (one process owns the data folder, see `data-folder-lock.ts`, so nothing races
 * between the check and the rename). Throws what the rename threw when it cannot be moved.
 */
export async function setAside(path: string, now: Date = new Date()): Promise<string> {
  const base = join(dirname(path), `${basename(path)}.damaged-${stamp(now)}`);
  let target = base;
  for (let n = 1; await exists(target); n += 1) target = `${base}.${n}`;
  await rename(path, target);
  return target;
}

/** The start's notices about damaged data, collected as each store opens, for `app:info`. */
export class DataNotices {
  readonly #notices: DataNotice[] = [];

  add(notice: DataNotice): void {
    this.#notices.push({ ...notice, params: { ...notice.params } });
  }

  list(): DataNotice[] {
    return this.#notices.map((notice) => ({ ...notice, params: { ...notice.params } }));
  }
}

/**
 * Sets `path` aside and records the notice; when it cannot be moved the notice says so
 * (`keptAt: null`) and the logger gets the error code. `file` is the name within the data folder.
 */
export async function keepDamaged(
  path: string,
  notice: Omit<DataNotice, 'keptAt'>,
  { notices, logger }: { notices: DataNotices | undefined; logger: Logger },
): Promise<string | null> {
  let keptAt: string | null;
  try {
    keptAt = await setAside(path);
    logger.warn(`${notice.file} is damaged; kept it aside`, { file: notice.file, keptAt });
  } catch (error) {
    keptAt = null;
    logger.warn(`${notice.file} is damaged and could not be moved aside`, {
      file: notice.file,
      error: (error as NodeJS.ErrnoException).code ?? 'unknown',
    });
  }
  notices?.add({ ...notice, keptAt });
  return keptAt;
}
