/** The user's settings, in `settings.json` of the data folder; defaults for anything missing or invalid. */
import { join } from 'node:path';
import { DEFAULT_SETTINGS, settingsPatchSchema, type Settings } from '../shared/contract';
import { silentLogger, type Logger } from './ports';
import { readJsonFile, writeFileAtomic } from './storage/atomic-file';

export const SETTINGS_FILE = 'settings.json';

export class SettingsStore {
  #settings: Settings;
  readonly #file: string;
  #listeners = new Set<(settings: Settings) => void>();

  private constructor(file: string, settings: Settings) {
    this.#file = file;
    this.#settings = settings;
  }

  /** Reads the settings; a missing file gives the defaults, an invalid one is logged and ignored. */
  static async open(dataDir: string, logger: Logger = silentLogger): Promise<SettingsStore> {
    const file = join(dataDir, SETTINGS_FILE);
    let stored: unknown;
    try {
      stored = await readJsonFile(file);
    } catch (error) {
      logger.warn('settings file unreadable; using defaults', { error: error instanceof Error ? error.message : String(error) });
    }
    const parsed = settingsPatchSchema.safeParse(stored ?? {});
    if (!parsed.success) logger.warn('settings file invalid; using defaults', { issue: parsed.error.issues[0]?.message });
    return new SettingsStore(file, { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) });
  }

  get(): Settings {
    return { ...this.#settings };
  }

  /** Applies a validated patch, saves it atomically and tells the listeners. */
  async set(patch: Partial<Settings>): Promise<Settings> {
    const next = { ...this.#settings, ...settingsPatchSchema.parse(patch) };
    await writeFileAtomic(this.#file, `${JSON.stringify(next, null, 2)}\n`);
    this.#settings = next;
    for (const listener of this.#listeners) listener(this.get());
    return this.get();
  }

  onChange(listener: (settings: Settings) => void): void {
    this.#listeners.add(listener);
  }
}
