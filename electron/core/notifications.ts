/**
 * The desktop notifications of the app, worded in the user's language: one per finished batch,
 * one per failed single operation, one per expired session; never one per item. A failure is
 * worded by the error catalogue from its code, as the window words it (its detail stays in the window).
 */
import { randomUUID } from 'node:crypto';
import type { AppNotification, Settings } from '../shared/contract';
import { wordError } from '../shared/errors/word-error';
import type { Batch, QueueItem } from './queue/types';

type Language = 'en' | 'zh-CN';

/** The language notifications are worded in: the setting, or the system's. */
export function notificationLanguage(
  setting: Settings['language'],
  systemLocale: string = Intl.DateTimeFormat().resolvedOptions().locale,
): Language {
  if (setting !== 'system') return setting;
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const WORDS = {
  en: {
    finished: (title: string) => `Finished: ${title}`,
    counts: { done: 'done', failed: 'failed', cancelled: 'cancelled', unknown: 'to check' },
    failed: (title: string) => `Failed: ${title}`,
    expired: (account: string) => `Session expired: ${account}`,
    expiredBody: 'Enter new session credentials to go on; queued work waits meanwhile.',
    separator: ', ',
  },
  'zh-CN': {
    finished: (title: string) => `已完成：${title}`,
    counts: { done: '成功', failed: '失败', cancelled: '已取消', unknown: '待确认' },
    failed: (title: string) => `失败：${title}`,
    expired: (account: string) => `会话已过期：${account}`,
    expiredBody: '请输入新的会话凭据以继续；排队中的操作会等待。',
    separator: '，',
  },
} as const;

/** The notification for a batch that just finished, or null when there is nothing to tell. */
export function batchNotification(batch: Batch, items: readonly QueueItem[], language: Language): AppNotification | null {
  const words = WORDS[language];
  const target = { kind: 'batch' as const, batchId: batch.id };
  if (items.length === 1) {
    // A single operation is told about only when it did not succeed; the window shows the rest.
    const item = items[0]!;
    if (item.state !== 'failed' && item.state !== 'unknown') return null;
    return {
      id: randomUUID(),
      kind: 'operation-failed',
      title: words.failed(batch.title),
      body: item.error ? wordError(item.error, language) : words.counts.unknown,
      target,
    };
  }
  const counts = (['done', 'failed', 'cancelled', 'unknown'] as const)
    .map((state) => [state, items.filter((item) => item.state === state).length] as const)
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${words.counts[state]}`);
  return { id: randomUUID(), kind: 'batch-finished', title: words.finished(batch.title), body: counts.join(words.separator), target };
}

/** The notification for an account whose session the cloud no longer accepts. */
export function sessionExpiredNotification(accountId: string, accountName: string, language: Language): AppNotification {
  const words = WORDS[language];
  return {
    id: randomUUID(),
    kind: 'session-expired',
    title: words.expired(accountName),
    body: words.expiredBody,
    target: { kind: 'account', accountId },
  };
}
