/**
 * When a queued mutation has reached its end: the target state of each operation (spec section 4),
 * read off the volume as the server reports it now.
 */
import { errorReply, type ErrorReply } from '../../shared/error-catalogue';
import type { Volume } from '../../shared/volume';
import type { QueueItem, QueueOp } from './types';

/** What a look at the volume says of a waiting item. */
export type Settlement = { outcome: 'done' } | { outcome: 'waiting' } | { outcome: 'failed'; error: ErrorReply };

/** Operations that take effect at once: done as soon as the server accepts them. */
const IMMEDIATE: ReadonlySet<QueueOp> = new Set(['update', 'enable']);

/** Whether an accepted item still has to wait for its volume to reach a target state. */
export function hasWaitPhase(item: Pick<QueueItem, 'op' | 'params'>): boolean {
  // A disable detaches an attached volume first; only then is it over.
  if (item.op === 'disable') return typeof item.params.serverId === 'string';
  return !IMMEDIATE.has(item.op);
}

/** The volume a waiting item follows: one rule for the core and the window (electron/shared/queue.ts). */
export { followedVolume } from '../../shared/queue';

const waiting: Settlement = { outcome: 'waiting' };
const done: Settlement = { outcome: 'done' };

type QueueFailure = 'queue.delete-failed' | 'queue.volume-gone' | 'queue.volume-error' | 'queue.attach-failed';

/** A failure read off the volume; the detail is the state seen, for the folded details. */
function failed(code: QueueFailure, volume: Volume | null): Settlement {
  return { outcome: 'failed', error: errorReply(code, {}, volume ? `volumeStatus ${volume.volumeStatus}` : 'volume not found') };
}

/**
 * Decides a waiting item from its volume (`null`: the volume no longer exists). Undecided
 * outcomes stay `waiting`; the runner gives up on them after its wait timeout.
 */
export function settle(item: Pick<QueueItem, 'op' | 'params'>, volume: Volume | null): Settlement {
  if (item.op === 'delete') {
    if (!volume) return done;
    return volume.volumeStatus === 'ERROR_DELETING' ? failed('queue.delete-failed', volume) : waiting;
  }
  if (!volume) return failed('queue.volume-gone', null);
  const state = volume.volumeStatus;
  switch (item.op) {
    case 'create':
    case 'clone':
      if (state === 'AVAILABLE') return done;
      return state === 'ERROR' ? failed('queue.volume-error', volume) : waiting;
    case 'extend':
      if (state === 'AVAILABLE' && volume.size >= Number(item.params.size)) return done;
      return state === 'ERROR' ? failed('queue.volume-error', volume) : waiting;
    case 'attach':
      if (state === 'IN_USE' && volume.attachments.some((a) => a.serverId === item.params.serverId)) return done;
      if (state === 'ERROR') return failed('queue.volume-error', volume);
      // Back to AVAILABLE with no attachment after ATTACHING: the attach was rolled back.
      return state === 'AVAILABLE' ? failed('queue.attach-failed', volume) : waiting;
    case 'detach':
    case 'disable':
      if (state === 'AVAILABLE' && volume.attachments.length === 0) return done;
      return state === 'ERROR' ? failed('queue.volume-error', volume) : waiting;
    case 'update':
    case 'enable':
      return done;
  }
}
