/** How the Activity panel shows queue items: tag colours per state, and which items a filter keeps. */
import { RETRIED_STATES, type QueueItemView, type QueueState } from '@shared/queue';

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const STATE_TAGS: Record<QueueState, TagType> = {
  pending: 'info',
  running: 'primary',
  waiting: 'primary',
  done: 'success',
  failed: 'danger',
  cancelled: 'info',
  unknown: 'warning',
};

/** The states whose items may be retried, and those that may be cancelled. */
export const RETRYABLE: readonly QueueState[] = RETRIED_STATES.all;
export const CANCELLABLE: readonly QueueState[] = ['pending'];

export type ItemFilter = 'all' | 'troubled' | 'active';

export function filterItems(items: readonly QueueItemView[], filter: ItemFilter): readonly QueueItemView[] {
  if (filter === 'all') return items;
  if (filter === 'troubled') return items.filter((i) => i.state === 'failed' || i.state === 'unknown');
  return items.filter((i) => i.state === 'pending' || i.state === 'running' || i.state === 'waiting');
}
