/** The user's settings, in `settings.json` of the data folder; defaults for anything missing or invalid. */
import { join } from 'node:path';
import { DEFAULT_SETTINGS, settingsPatchSchema, type Settings } from '../shared/contract';
import { silentLogger, type Logger } from './ports';
import { readJsonFile, writeFileAtomic } from './storage/atomic-file';
import { DamagedFileError, keepDamaged, type DataNotices } from './storage/damaged-file';

export const SETTINGS_FILE = 'settings.json';

/** Each field of a damaged settings object that is valid on its own. */
function validFields(stored: unknown): Partial<Settings> {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const valid: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) {
    const parsed = settingsPatchSchema.safeParse({ [key]: value });
    if (parsed.success) Object.assign(valid, parsed.data);
  }
  return valid as Partial<Settings>;
}

export class SettingsStore {
  #settings: Settings;
  readonly #file: string;
  #listeners = new Set<(settings: Settings) => void>();

  private constructor(file: string, settings: Settings) {
    this.#file = file;
    this.#settings = settings;
  }

  /**
   * Reads the settings; a missing file gives the defaults. A damaged one (not JSON, empty, a
   * folder, a value out of bounds, a field this version does not know) is set aside untouched, so
   * the next save cannot overwrite it, and every valid field of it is kept.
   */
  static async open(dataDir: string, logger: Logger = silentLogger, notices?: DataNotices): Promise<SettingsStore> {
    const file = join(dataDir, SETTINGS_FILE);
    let stored: unknown;
    try {
      stored = await readJsonFile(file);
    } catch (error) {
      logger.warn('settings file unreadable', { reason: error instanceof DamagedFileError ? error.reason : 'unknown error' });
      await keepDamaged(file, { code: 'settings', file: SETTINGS_FILE, params: { kept: 0 } }, { notices, logger });
      return new SettingsStore(file, { ...DEFAULT_SETTINGS });
    }
    if (stored === undefined) return new SettingsStore(file, { ...DEFAULT_SETTINGS });
    const parsed = settingsPatchSchema.safeParse(stored);
    if (parsed.success) return new SettingsStore(file, { ...DEFAULT_SETTINGS, ...parsed.data });
    const valid = validFields(stored);
    logger.warn('settings file invalid', { issue: parsed.error.issues[0]?.message, kept: Object.keys(valid).length });
    await keepDamaged(file, { code: 'settings', file: SETTINGS_FILE, params: { kept: Object.keys(valid).length } }, { notices, logger });
    return new SettingsStore(file, { ...DEFAULT_SETTINGS, ...valid });
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
