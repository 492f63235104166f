/**
 * The operation queue as both sides see it: the operations an item can carry with the runtime
 * schema of each one's parameters, the states an item moves through, and the views the window
 * receives. Shared by the core (which validates and runs) and the renderer (which submits and shows).
 */
import { z } from 'zod';
import type { ErrorReply } from './error-catalogue';
import { LIMITS } from './limits';

/** The volume operations a queue item can carry. `update` with one field uses "update one field". */
export const QUEUE_OPS = ['create', 'clone', 'update', 'extend', 'delete', 'enable', 'disable', 'attach', 'detach'] as const;

/** One volume operation of the queue. */
export type QueueOp = (typeof QUEUE_OPS)[number];

/**
 * Where an item stands. `running`: its request may have been sent; `waiting`: the server took it
 * and the volume is passing through a transitional state; `unknown`: its outcome could not be
 * settled and the user must decide (retry it, or leave it).
 */
export const QUEUE_STATES = ['pending', 'running', 'waiting', 'done', 'failed', 'cancelled', 'unknown'] as const;

/** The state of a queue item. */
export type QueueState = (typeof QUEUE_STATES)[number];

/** States an item never leaves by itself. */
export const FINISHED_STATES: readonly QueueState[] = ['done', 'failed', 'cancelled', 'unknown'];

/**
 * What a retry of a whole batch takes up: its troubled items (failed, or with an unknown outcome),
 * its cancelled ones, or both. The window offers each only when the batch has such items.
 */
export const RETRY_SCOPES = ['failed', 'cancelled', 'all'] as const;

export type RetryScope = (typeof RETRY_SCOPES)[number];

/** The states of the items each retry scope queues again. */
export const RETRIED_STATES: Record<RetryScope, readonly QueueState[]> = {
  failed: ['failed', 'unknown'],
  cancelled: ['cancelled'],
  all: ['failed', 'cancelled', 'unknown'],
};

const unique = z.number().int().positive();
const name = z.string().trim().min(1).max(LIMITS.nameLength);
const description = z.string().max(LIMITS.descriptionLength);
const serverId = z.string().trim().min(1).max(LIMITS.serverIdLength);
const size = z.number().int().positive().max(LIMITS.sizeGb);

/** The parameters of each operation, checked when a batch is submitted and when it is replayed. */
export const opParamsSchemas = {
  create: z
    .object({
      userid: z.number().int().positive().optional(),
      name,
      description: description.optional(),
      size: size.optional(),
      image: z.string().min(1).max(LIMITS.imageLength).optional(),
    })
    .strict()
    .refine((p) => p.size !== undefined || p.image !== undefined, { message: 'a size or an image is required', path: ['size'] }),
  clone: z.object({ unique, uid: z.number().int().positive(), name, description: description.optional() }).strict(),
  update: z
    .object({ unique, name: name.optional(), description: description.optional() })
    .strict()
    .refine((p) => p.name !== undefined || p.description !== undefined, { message: 'nothing to update', path: ['name'] }),
  extend: z.object({ unique, size }).strict(),
  delete: z.object({ unique }).strict(),
  enable: z.object({ unique }).strict(),
  /** `serverId`: the server an attached volume is detached from. */
  disable: z.object({ unique, serverId: serverId.optional() }).strict(),
  attach: z.object({ unique, serverId }).strict(),
  detach: z.object({ unique, serverId }).strict(),
} as const satisfies Record<QueueOp, z.ZodType>;

/** The parameters of operation `O`. */
export type OpParams<O extends QueueOp> = z.infer<(typeof opParamsSchemas)[O]>;

/** The most items one batch may hold (`queue:submit`): the window refuses a larger selection up front. */
export const MAX_BATCH_ITEMS = LIMITS.batchItems;

/** One operation asked for: which account, what, and a label the window shows (e.g. the volume's name). */
// Built from the list of operations, whose cast loses each one's params: typed as what it parses to.
export const queueRequestSchema = z.discriminatedUnion(
  'op',
  QUEUE_OPS.map((op) =>
    z
      .object({
        op: z.literal(op),
        accountId: z.string().min(1).max(LIMITS.idLength),
        params: opParamsSchemas[op],
        label: z.string().max(LIMITS.itemLabelLength).optional(),
      })
      .strict(),
  ) as unknown as [z.ZodObject<{ op: z.ZodLiteral<QueueOp> }>, ...z.ZodObject<{ op: z.ZodLiteral<QueueOp> }>[]],
) as unknown as z.ZodType<QueueRequest>;

/** One operation asked for (see {@link queueRequestSchema}). */
export type QueueRequest = { [O in QueueOp]: { op: O; accountId: string; params: OpParams<O>; label?: string } }[QueueOp];

/** A queue item as the window sees it. */
export interface QueueItemView {
  id: string;
  batchId: string;
  accountId: string;
  op: QueueOp;
  params: Record<string, unknown>;
  label?: string;
  state: QueueState;
  attempts: number;
  /**
   * Why it failed, is unknown or was cancelled by the app: a catalogued code with its parameters,
   * worded by the window (the API's, e.g. `volumes.error.status-invalid`, or the queue's own), and
   * the technical detail shown only on demand.
   */
  error?: ErrorReply;
  /** For a create or clone: the new volume. */
  result?: { unique?: number };
  updatedAt: number;
}

/** A batch as the window sees it, without its items. */
export interface BatchHeader {
  id: string;
  title: string;
  createdAt: number;
}

/** A batch with its items. */
export interface BatchView extends BatchHeader {
  items: QueueItemView[];
}

/** What changed in the queue since the window last heard; sent at most a few times a second. */
export interface QueueChanges {
  /** New batches. */
  batches: BatchHeader[];
  /** Items whose state changed (or new items), latest version. */
  items: QueueItemView[];
  /** Ids of batches cleared from the queue. */
  forgotten: string[];
}

/** The volume an item acts on and then follows: the new one for a create or clone (once made), else its own. */
export function followedVolume(item: Pick<QueueItemView, 'op' | 'params' | 'result'>): number | undefined {
  if (item.op === 'create' || item.op === 'clone') return item.result?.unique;
  const unique = item.params.unique;
  return typeof unique === 'number' ? unique : undefined;
}
