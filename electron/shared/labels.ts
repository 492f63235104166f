/**
 * The user's own names for what the API names only by id: servers (attachments) and images (the
 * image a volume is created from). Kept per account by the core (`labels.json` in the data folder),
 * shown by the window beside or instead of the id.
 */
import { z } from 'zod';
import { LIMITS } from './limits';

export const LABEL_KINDS = ['server', 'image'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

/** One account's labels: per kind, the label of each id that has one. */
export type AccountLabels = Record<LabelKind, Record<string, string>>;

/** Every account's labels, by account id; an account without labels may be missing. */
export type LabelsByAccount = Record<string, AccountLabels>;

export function emptyLabels(): AccountLabels {
  return { server: {}, image: {} };
}

/** A label as it is kept: trimmed, not empty, within the length limit. */
export const labelSchema = z.string().trim().min(1).max(LIMITS.labelLength);

/** The id a label is given to: a server id or an image id, as the API spells it. */
export const labelledIdSchema = z.string().trim().min(1).max(Math.max(LIMITS.serverIdLength, LIMITS.imageLength));

const labelMap = z.record(labelledIdSchema, labelSchema);

/** One account's labels as stored and sent. */
export const accountLabelsSchema = z.object({ server: labelMap, image: labelMap }).strict();
