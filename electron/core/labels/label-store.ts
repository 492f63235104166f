/**
 * The user's labels for servers and image ids, per account, in `labels.json` of the data folder
 * (written atomically, 0600). A damaged file is set aside untouched and every account whose labels
 * are still valid in it is kept.
 */
import { join } from 'node:path';
import { z } from 'zod';
import {
  accountLabelsSchema,
  emptyLabels,
  labelledIdSchema,
  labelSchema,
  type AccountLabels,
  type LabelKind,
  type LabelsByAccount,
} from '../../shared/labels';
import { LIMITS } from '../../shared/limits';
import { silentLogger, type Logger } from '../ports';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import { DamagedFileError, keepDamaged, type DataNotices } from '../storage/damaged-file';

export const LABELS_FILE = 'labels.json';

const fileSchema = z.record(z.string().min(1).max(LIMITS.idLength), accountLabelsSchema);

/** An account already holds as many labels as it may. */
export class LabelLimitError extends Error {
  constructor(readonly max: number) {
    super(`An account keeps at most ${max} labels`);
    this.name = 'LabelLimitError';
  }
}

function copy(labels: AccountLabels): AccountLabels {
  return { server: { ...labels.server }, image: { ...labels.image } };
}

function countOf(labels: AccountLabels): number {
  return Object.keys(labels.server).length + Object.keys(labels.image).length;
}

/** The accounts of a damaged file whose labels are valid on their own. */
function validAccounts(stored: unknown): LabelsByAccount {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const valid: LabelsByAccount = {};
  for (const [accountId, labels] of Object.entries(stored)) {
    const parsed = fileSchema.safeParse({ [accountId]: labels });
    if (parsed.success) Object.assign(valid, parsed.data);
  }
  return valid;
}

export class LabelStore {
  readonly #file: string;
  #byAccount: Map<string, AccountLabels>;
  #listeners = new Set<(accountId: string, labels: AccountLabels) => void>();
  /** Changes run one after another: each starts from what the one before saved. */
  #chain: Promise<unknown> = Promise.resolve();

  private constructor(file: string, byAccount: LabelsByAccount) {
    this.#file = file;
    this.#byAccount = new Map(Object.entries(byAccount));
  }

  static async open(dataDir: string, logger: Logger = silentLogger, notices?: DataNotices): Promise<LabelStore> {
    const file = join(dataDir, LABELS_FILE);
    let stored: unknown;
    try {
      stored = await readJsonFile(file);
    } catch (error) {
      logger.warn('labels file unreadable', { reason: error instanceof DamagedFileError ? error.reason : 'unknown error' });
      await keepDamaged(file, { code: 'labels', file: LABELS_FILE, params: { kept: 0 } }, { notices, logger });
      return new LabelStore(file, {});
    }
    if (stored === undefined) return new LabelStore(file, {});
    const parsed = fileSchema.safeParse(stored);
    if (parsed.success) return new LabelStore(file, parsed.data);
    const valid = validAccounts(stored);
    logger.warn('labels file invalid', { issue: parsed.error.issues[0]?.message, kept: Object.keys(valid).length });
    await keepDamaged(file, { code: 'labels', file: LABELS_FILE, params: { kept: Object.keys(valid).length } }, { notices, logger });
    return new LabelStore(file, valid);
  }

  /** Every account's labels. */
  list(): LabelsByAccount {
    return Object.fromEntries([...this.#byAccount].map(([accountId, labels]) => [accountId, copy(labels)]));
  }

  of(accountId: string): AccountLabels {
    const labels = this.#byAccount.get(accountId);
    return labels ? copy(labels) : emptyLabels();
  }

  /**
   * Gives `id` the label (trimmed), or takes its label away with null; saved before it counts.
   * Refuses a new label past {@link LIMITS.labelsPerAccount}; changing or removing one always works.
   */
  set(accountId: string, kind: LabelKind, id: string, label: string | null): Promise<AccountLabels> {
    return this.#serial(() => this.#set(accountId, kind, id, label));
  }

  /** Forgets an account's labels (the account was removed). */
  forget(accountId: string): Promise<void> {
    return this.#serial(async () => {
      if (this.#byAccount.has(accountId)) await this.#save(accountId, null);
    });
  }

  onChange(listener: (accountId: string, labels: AccountLabels) => void): void {
    this.#listeners.add(listener);
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(work, work);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #set(accountId: string, kind: LabelKind, id: string, label: string | null): Promise<AccountLabels> {
    const key = labelledIdSchema.parse(id);
    const next = this.of(accountId);
    if (label === null) delete next[kind][key];
    else {
      if (next[kind][key] === undefined && countOf(next) >= LIMITS.labelsPerAccount) throw new LabelLimitError(LIMITS.labelsPerAccount);
      next[kind][key] = labelSchema.parse(label);
    }
    await this.#save(accountId, countOf(next) === 0 ? null : next);
    return this.of(accountId);
  }

  async #save(accountId: string, labels: AccountLabels | null): Promise<void> {
    const next = new Map(this.#byAccount);
    if (labels === null) next.delete(accountId);
    else next.set(accountId, labels);
    await writeFileAtomic(this.#file, `${JSON.stringify(Object.fromEntries(next), null, 2)}\n`);
    this.#byAccount = next;
    for (const listener of this.#listeners) listener(accountId, this.of(accountId));
  }
}
