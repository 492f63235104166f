import { lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Volume } from '../../shared/volume';
import { PRIVATE_FOLDER_MODE, readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import { DamagedFileError, keepDamaged, type DataNotices } from '../storage/damaged-file';
import type { Logger } from '../ports';

/** What was last known of one account's volumes, and when. */
export interface CachedVolumes {
  savedAt: number;
  volumes: Volume[];
}

const FORMAT = 1;
/** The cache's folder name inside the data folder. */
export const CACHE_FOLDER = 'cache';

function errorCode(error: unknown): string {
  if (error instanceof DamagedFileError) return error.reason;
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
}

/** The cached volumes in a file's JSON, or null when it is not a cache file of this version. */
function cachedVolumes(data: unknown): CachedVolumes | null {
  if (typeof data !== 'object' || data === null) return null;
  const { format, savedAt, volumes } = data as { format?: unknown; savedAt?: unknown; volumes?: unknown };
  if (format !== FORMAT || typeof savedAt !== 'number' || !Array.isArray(volumes)) return null;
  const volumeLike = (v: unknown) =>
    typeof v === 'object' && v !== null && typeof (v as Volume).unique === 'number' && typeof (v as Volume).name === 'string';
  return volumes.every(volumeLike) ? { savedAt, volumes: volumes as Volume[] } : null;
}

/**
 * The last known volumes of every account, one file per account in the data folder, so the
 * window has something true to show at once and while the cloud cannot be reached.
 * Volumes carry no credential, so neither do these files. The cache only helps: a write that
 * fails is logged and never fails the listing it came from.
 */
export class VolumeCache {
  constructor(
    private readonly folder: string,
    private readonly logger: Logger,
  ) {}

  /**
   * Opens the cache in `folder`, created 0700. A file where the folder belongs, and any cache file
   * that is damaged, is set aside untouched before anything is saved over it.
   */
  static async open(folder: string, logger: Logger, notices?: DataNotices): Promise<VolumeCache> {
    const stats = await lstat(folder).catch(() => undefined);
    if (stats && !stats.isDirectory()) {
      await keepDamaged(folder, { code: 'cache', file: CACHE_FOLDER, params: {} }, { notices, logger });
    }
    await mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    const names = (await readdir(folder).catch(() => [])).filter((name) => name.endsWith('.json') && !name.startsWith('.'));
    for (const name of names) {
      const path = join(folder, name);
      let data: unknown;
      try {
        data = await readJsonFile(path);
      } catch {
        data = null;
      }
      if (data === undefined || cachedVolumes(data)) continue;
      await keepDamaged(path, { code: 'cache', file: `${CACHE_FOLDER}/${name}`, params: {} }, { notices, logger });
    }
    return new VolumeCache(folder, logger);
  }

  private file(accountId: string): string {
    return join(this.folder, `${encodeURIComponent(accountId)}.json`);
  }

  /** Saves the account's volumes; never throws (a failure is logged: the next listing saves again). */
  async save(accountId: string, volumes: Volume[], savedAt: number): Promise<void> {
    try {
      await writeFileAtomic(this.file(accountId), JSON.stringify({ format: FORMAT, savedAt, volumes }));
    } catch (error) {
      this.logger.warn('volume cache not saved', { accountId, reason: errorCode(error) });
    }
  }

  /** The cached volumes, or null when there are none or the file is unreadable (it is then ignored). */
  async load(accountId: string): Promise<CachedVolumes | null> {
    let data: unknown;
    try {
      data = await readJsonFile(this.file(accountId));
    } catch (error) {
      this.logger.warn('volume cache ignored: unreadable', { accountId, reason: errorCode(error) });
      return null;
    }
    if (data === undefined) return null;
    const cached = cachedVolumes(data);
    if (!cached) this.logger.warn('volume cache ignored: unknown format', { accountId });
    return cached;
  }
}
