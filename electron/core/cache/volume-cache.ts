import { join } from 'node:path';
import type { Volume } from '../../shared/volume';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import type { Logger } from '../ports';

/** What was last known of one account's volumes, and when. */
export interface CachedVolumes {
  savedAt: number;
  volumes: Volume[];
}

const FORMAT = 1;

/**
 * The last known volumes of every account, one file per account in the data folder, so the
 * window has something true to show at once and while the cloud cannot be reached.
 * Volumes carry no credential, so neither do these files.
 */
export class VolumeCache {
  constructor(
    private readonly folder: string,
    private readonly logger: Logger,
  ) {}

  private file(accountId: string): string {
    return join(this.folder, `${encodeURIComponent(accountId)}.json`);
  }

  async save(accountId: string, volumes: Volume[], savedAt: number): Promise<void> {
    await writeFileAtomic(this.file(accountId), JSON.stringify({ format: FORMAT, savedAt, volumes }));
  }

  /** The cached volumes, or null when there are none or the file is unreadable (it is then ignored). */
  async load(accountId: string): Promise<CachedVolumes | null> {
    try {
      const data = (await readJsonFile(this.file(accountId))) as { format?: unknown; savedAt?: unknown; volumes?: unknown } | undefined;
      if (data === undefined) return null;
      if (data.format !== FORMAT || typeof data.savedAt !== 'number' || !Array.isArray(data.volumes)) {
        this.logger.warn('volume cache ignored: unknown format', { accountId });
        return null;
      }
      return { savedAt: data.savedAt, volumes: data.volumes as Volume[] };
    } catch (error) {
      this.logger.warn('volume cache ignored: unreadable', { accountId, reason: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }
}
