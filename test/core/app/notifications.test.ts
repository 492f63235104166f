import { describe, expect, it } from 'vitest';
import { batchNotification, notificationLanguage, sessionExpiredNotification } from '../../../electron/core/notifications';
import type { QueueItem } from '../../../electron/core/queue/types';

const batch = { id: 'b1', title: 'Delete 50 volumes', createdAt: 0 };
const item = (state: QueueItem['state'], error?: QueueItem['error']): QueueItem => ({
  id: Math.random().toString(36),
  batchId: 'b1',
  accountId: 'a',
  op: 'delete',
  params: { unique: 1 },
  state,
  attempts: 1,
  updatedAt: 0,
  ...(error ? { error } : {}),
});

describe('notifications', () => {
  it('sums up a finished batch in one notification that leads to it', () => {
    const items = [...Array.from({ length: 48 }, () => item('done')), item('failed'), item('failed')];
    expect(batchNotification(batch, items, 'en')).toMatchObject({
      kind: 'batch-finished',
      title: 'Finished: Delete 50 volumes',
      body: '48 done, 2 failed',
      target: { kind: 'batch', batchId: 'b1' },
    });
    expect(batchNotification(batch, items, 'zh-CN')).toMatchObject({ title: '已完成：Delete 50 volumes', body: '48 成功，2 失败' });
  });

  it("tells about a single operation only when it failed, in the catalogue's words for its code, in the user's language", () => {
    expect(batchNotification(batch, [item('done')], 'en')).toBeNull();
    const failed = batchNotification(
      batch,
      [item('failed', { code: 'volumes.error.status-invalid', params: {}, detail: 'delete failed: volumes.error.status-invalid (406)' })],
      'en',
    );
    expect(failed).toMatchObject({ kind: 'operation-failed', title: 'Failed: Delete 50 volumes' });
    expect(failed?.body).toContain('The volume is not in a state that allows this');
    expect(failed?.body).not.toContain('delete failed');
    const chinese = batchNotification(
      batch,
      [item('failed', { code: 'volumes.error.status-invalid', params: {}, detail: 'delete failed' })],
      'zh-CN',
    );
    expect(chinese?.body).not.toMatch(/[A-Za-z]{4,}/);
  });

  it('names the account whose session expired and leads to it', () => {
    expect(sessionExpiredNotification('acc', 'Production', 'en')).toMatchObject({
      title: 'Session expired: Production',
      target: { kind: 'account', accountId: 'acc' },
    });
  });

  it('follows the setting, else the system language', () => {
    expect(notificationLanguage('en', 'zh-CN')).toBe('en');
    expect(notificationLanguage('system', 'zh-Hans-CN')).toBe('zh-CN');
    expect(notificationLanguage('system', 'de-DE')).toBe('en');
  });
});
