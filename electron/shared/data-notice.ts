/**
 * What the window is told about a damaged data file found at start: which file, where the
 * original was kept, and what was recovered, as a code the window words in the user's language
 * (`dataNotice.<code>` in the message catalogues). Never the file's content.
 *
 * - `accounts`: accounts.json set aside; `kept` of its accounts were valid and are kept.
 * - `settings`: settings.json set aside; `kept` valid fields of it are kept, the rest are defaults.
 * - `queue`: queue.jsonl set aside; `kept` valid records replayed, `dropped` unreadable lines left out.
 * - `cache`: the last known volumes of an account set aside; they are read again from the cloud.
 * - `local-sandbox`: the Local sandbox's fleet set aside; a fresh demo fleet replaces it.
 * - `window-state`: the window's size and place set aside; the window opens at its default size.
 * - `labels`: labels.json set aside; the labels of `kept` accounts were valid and are kept.
 */
export type DataNoticeCode = 'accounts' | 'settings' | 'queue' | 'cache' | 'local-sandbox' | 'window-state' | 'labels';

export interface DataNotice {
  code: DataNoticeCode;
  /** The file's name within the data folder, e.g. `settings.json` or `cache/<id>.json`. */
  file: string;
  /** Where the damaged original is now (absolute), or null when it could not be moved. */
  keptAt: string | null;
  /** Counts for the wording (kept records, dropped lines …). */
  params: Record<string, number>;
}
