import { z } from 'zod';
import { OPERATIONS, type OperationName } from './types';
import type { Random } from './random';

/** Per-operation probabilities in [0, 1]. */
export type RateMap = Partial<Record<OperationName, number>>;

export interface FaultSettings {
  /** Delay before every API answer. */
  latencyMs?: number;
  /** Answer 500 `volumes.error.<op>-fail` and change nothing. */
  failureRate?: RateMap;
  /** Destroy the socket without answering, before anything changes. */
  dropRate?: RateMap;
  /**
   * The passing state the operation starts ends in ERROR (ERROR_DELETING for deletes) instead of
   * success. Keyed by the operation that started it (a disable's detach by `enable`/`batchEnable`).
   */
  errorRate?: RateMap;
}

const rate = z.number().min(0).max(1);
const rateMap = z.partialRecord(z.enum(OPERATIONS), rate);

/** A POST to /__sandbox/faults: present keys replace the current ones, `null` clears one. */
export const faultPatchSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).nullable().optional(),
  failureRate: rateMap.nullable().optional(),
  dropRate: rateMap.nullable().optional(),
  errorRate: rateMap.nullable().optional(),
});

export type FaultPatch = z.infer<typeof faultPatchSchema>;

export const faultSettingsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  failureRate: rateMap.optional(),
  dropRate: rateMap.optional(),
  errorRate: rateMap.optional(),
});

export function mergeFaults(current: FaultSettings, patch: FaultPatch): FaultSettings {
  const next: FaultSettings = { ...current };
  for (const key of ['latencyMs', 'failureRate', 'dropRate', 'errorRate'] as const) {
    const value = patch[key];
    if (value === null) delete next[key];
    else if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

/**
 * The 500 message of an injected failure: the source's own names where it has them, otherwise
 * `<op>-fail` in the wire's kebab case.
 */
export const FAILURE_MESSAGES: Record<OperationName, string> = {
  create: 'create-fail',
  get: 'get-fail',
  clone: 'clone-fail',
  update: 'update-fail',
  updateField: 'update-fail',
  extend: 'update-failed',
  delete: 'delete-failed',
  status: 'get-status-failed',
  list: 'list-fail',
  enable: 'enable-fail',
  attach: 'attach-fail',
  detach: 'detach-fail',
  batchEnable: 'batch-enable-fail',
  batchDelete: 'batch-delete-fail',
};

/** Holds the current fault settings and draws the decisions from the seeded PRNG. */
export class Faults {
  constructor(
    private settings: FaultSettings,
    private readonly rng: Random,
  ) {}

  get current(): FaultSettings {
    return this.settings;
  }

  replace(settings: FaultSettings): void {
    this.settings = faultSettingsSchema.parse(settings);
  }

  patch(patch: FaultPatch): FaultSettings {
    this.settings = mergeFaults(this.settings, patch);
    return this.settings;
  }

  latencyMs(): number {
    return this.settings.latencyMs ?? 0;
  }

  shouldFail(op: OperationName): boolean {
    return this.draw(this.settings.failureRate, op);
  }

  shouldDrop(op: OperationName): boolean {
    return this.draw(this.settings.dropRate, op);
  }

  shouldEndInError(op: OperationName): boolean {
    return this.draw(this.settings.errorRate, op);
  }

  private draw(rates: RateMap | undefined, op: OperationName): boolean {
    const p = rates?.[op] ?? 0;
    // No draw at 0 or 1, so an unrelated setting does not shift the PRNG sequence.
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.rng() < p;
  }
}
