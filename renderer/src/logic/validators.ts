/**
 * Checks of every dialog input before anything is queued. Each returns null when the value is
 * fine, else a `Problem`: an i18n key (namespace `dialogs.invalid`) and its parameters, so the
 * dialog can say why a value is refused. The bounds are the shared LIMITS the queue's own schemas
 * check (electron/shared/limits.ts), so a value accepted here is never refused at submit.
 */

import { LIMITS } from '@shared/limits';
import type { KeyedMessage } from '@/i18n';

export type Problem = KeyedMessage;

const {
  nameLength: NAME_MAX,
  descriptionLength: DESCRIPTION_MAX,
  sizeGb: SIZE_MAX_GB,
  bulkCount: BULK_MAX,
  serverIdLength: SERVER_ID_MAX,
  imageLength: IMAGE_MAX,
} = LIMITS;

const problem = (key: string, params?: Record<string, unknown>): Problem =>
  params ? { key: `dialogs.invalid.${key}`, params } : { key: `dialogs.invalid.${key}` };

/** A number typed in a field: empty (null/undefined/'') is "no value". */
export type NumberInput = number | string | null | undefined;

function isEmpty(value: NumberInput): value is null | undefined | '' {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function toNumber(value: NumberInput): number {
  return typeof value === 'number' ? value : Number(String(value).trim());
}

/**
 * A text over its limit is refused with its length and the limit, never cut to fit: a cut name is
 * a different volume than the one the user meant. `n` counts what would be sent (trimmed).
 */
export function validateLength(text: string, max: number): Problem | null {
  return text.length > max ? problem('tooLong', { n: text.length, max }) : null;
}

/** A field's counter shows from this share of its limit on. */
export const COUNTER_FROM = 0.8;

/** The "250 / 255" beside a field near its limit: null while far from it; `over` once past it. */
export function lengthCounter(length: number, max: number): { length: number; max: number; over: boolean } | null {
  return length >= Math.ceil(max * COUNTER_FROM) ? { length, max, over: length > max } : null;
}

/** Problems that show while the user types (an over-long paste is seen at once), not only after leaving the field. */
export function showsAtOnce(found: Problem): boolean {
  return found.key === 'dialogs.invalid.tooLong';
}

export function validateName(name: string, suffixLength = 0): Problem | null {
  const trimmed = name.trim();
  if (trimmed === '') return problem('nameRequired');
  return validateLength(trimmed, NAME_MAX - suffixLength);
}

export function validateDescription(description: string): Problem | null {
  return validateLength(description.trim(), DESCRIPTION_MAX);
}

/** A size in GB: a positive whole number no larger than the platform's maximum. */
export function validateSize(size: NumberInput, required = true): Problem | null {
  if (isEmpty(size)) return required ? problem('sizeRequired') : null;
  const n = toNumber(size);
  if (!Number.isInteger(n)) return problem('sizeInteger');
  if (n <= 0) return problem('sizePositive');
  if (n > SIZE_MAX_GB) return problem('sizeTooLarge', { max: SIZE_MAX_GB });
  return null;
}

/** The new total size of an extend: a valid size larger than the current one. */
export function validateExtendSize(size: NumberInput, currentSize: number): Problem | null {
  return validateSize(size) ?? (toNumber(size) > currentSize ? null : problem('sizeNotLarger', { current: currentSize }));
}

/** How many volumes a bulk create makes. */
export function validateCount(count: NumberInput): Problem | null {
  if (isEmpty(count)) return problem('countRequired');
  const n = toNumber(count);
  if (!Number.isInteger(n) || n < 1 || n > BULK_MAX) return problem('countRange', { max: BULK_MAX });
  return null;
}

/** The width of the zero-padded number a bulk create appends: that of `count`, at least 2. */
function suffixWidth(count: number): number {
  return Math.max(2, String(count).length);
}

/** The names of a bulk create: `name` alone for one, else `name-01 … name-N`. */
export function bulkNames(name: string, count: number): string[] {
  const base = name.trim();
  if (count <= 1) return [base];
  const width = suffixWidth(count);
  return Array.from({ length: count }, (_, i) => `${base}-${String(i + 1).padStart(width, '0')}`);
}

/** How many characters bulk numbering adds to the name (`-01`). */
export function bulkSuffixLength(count: number): number {
  return count <= 1 ? 0 : suffixWidth(count) + 1;
}

export function validateImage(image: string): Problem | null {
  return validateLength(image.trim(), IMAGE_MAX);
}

export function validateServerId(serverId: string): Problem | null {
  const trimmed = serverId.trim();
  if (trimmed === '') return problem('serverRequired');
  return validateLength(trimmed, SERVER_ID_MAX);
}

/** A tenant (owner) user id: a positive whole number. */
export function validateUserId(userId: NumberInput): Problem | null {
  if (isEmpty(userId)) return problem('ownerRequired');
  const n = toNumber(userId);
  return Number.isInteger(n) && n > 0 ? null : problem('ownerInvalid');
}

/** Deleting one volume: the user types its name, exactly. */
export function validateDeleteConfirmation(typed: string, name: string): Problem | null {
  return typed === name ? null : problem('confirmMismatch', { name });
}

export interface CreateInput {
  accountId: string | null;
  userId: NumberInput;
  name: string;
  description: string;
  size: NumberInput;
  image: string;
  count: NumberInput;
}

export type CreateField = keyof CreateInput;

/** Every problem of a create form, by field; empty when it can be queued. */
export function validateCreate(input: CreateInput): Partial<Record<CreateField, Problem>> {
  const problems: Partial<Record<CreateField, Problem>> = {};
  const count = validateCount(input.count) ? 1 : toNumber(input.count);
  const hasImage = input.image.trim() !== '';
  const checks: [CreateField, Problem | null][] = [
    ['accountId', input.accountId ? null : problem('accountRequired')],
    ['userId', isEmpty(input.userId) ? null : validateUserId(input.userId)],
    ['name', validateName(input.name, bulkSuffixLength(count))],
    ['description', validateDescription(input.description)],
    ['size', validateSize(input.size, !hasImage)],
    ['image', validateImage(input.image)],
    ['count', validateCount(input.count)],
  ];
  for (const [field, found] of checks) if (found) problems[field] = found;
  return problems;
}
