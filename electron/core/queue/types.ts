/**
 * Types of the operation queue as the core keeps it: the items (one volume operation each), the
 * batches that group them, and the zod schemas the journal checks its records against on replay.
 */
import { z } from 'zod';
import type { ErrorReply } from '../../shared/error-catalogue';
import { resolveError } from '../../shared/errors/word-error';
import { QUEUE_OPS, QUEUE_STATES } from '../../shared/queue';

export { QUEUE_OPS, QUEUE_STATES, type QueueOp, type QueueState } from '../../shared/queue';

/** A JSON value, as the journal stores it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const jsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonSchema), z.record(z.string(), jsonSchema)]),
);

/** An item's error as journaled: the catalogue's shape, as a reply carries it. */
const itemErrorSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  detail: z.string().optional(),
});

/** An item's error as journals written before the error catalogue hold it: a code and an English sentence. */
const legacyItemErrorSchema = z.object({ code: z.string(), message: z.string() });

/**
 * Reads an item's error in either shape into the catalogue's: a code this version does not list
 * (a cloud code, one from a newer version) becomes its catalogued form, and an old journal's
 * sentence becomes the technical detail, never the words shown.
 */
export const queueItemErrorSchema = z.union([itemErrorSchema, legacyItemErrorSchema]).transform((error): ErrorReply => {
  const legacy = 'message' in error;
  const { code, params } = resolveError(legacy ? { code: error.code } : error);
  const detail = legacy ? error.message : error.detail;
  return { code, params, ...(detail ? { detail } : {}) } as ErrorReply;
});

/** Checks a {@link QueueItem} read back from the journal. */
export const queueItemSchema = z.object({
  id: z.string().min(1),
  batchId: z.string().min(1),
  accountId: z.string().min(1),
  op: z.enum(QUEUE_OPS),
  /** The operation's parameters, e.g. `{unique, size}` for extend or `{name, size}` for create. */
  params: z.record(z.string(), jsonSchema),
  /** What the window shows for it, e.g. the volume's name. */
  label: z.string().optional(),
  state: z.enum(QUEUE_STATES),
  attempts: z.number().int().min(0),
  error: queueItemErrorSchema.optional(),
  result: z.object({ unique: z.number().int().optional() }).optional(),
  /** Milliseconds since the epoch when the latest attempt was about to be sent. */
  startedAt: z.number().optional(),
  /** Milliseconds since the epoch of the latest state change. */
  updatedAt: z.number(),
});

/** One queued volume operation. */
export type QueueItem = z.infer<typeof queueItemSchema>;

/** Checks a {@link Batch} read back from the journal. */
export const batchSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  accountId: z.string().min(1).optional(),
  /** Milliseconds since the epoch. */
  createdAt: z.number(),
});

/** A group of items queued together (one user action), possibly spanning accounts. */
export type Batch = z.infer<typeof batchSchema>;
