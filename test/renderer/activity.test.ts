// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import ElementPlus from 'element-plus';
import { nextTick } from 'vue';
import type { BatchView, QueueItemView, QueueState } from '../../electron/shared/queue';
import { i18n } from '../../renderer/src/i18n';
import { setHost } from '../../renderer/src/ipc/host';
import { useNavigationStore } from '../../renderer/src/stores/navigation';
import { useQueueStore } from '../../renderer/src/stores/queue';
import { fakeHost, type FakeHost } from './fake-host';

import ActivityPanel from '../../renderer/src/components/activity/ActivityPanel.vue';

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await nextTick();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function item(batchId: string, n: number, state: QueueState, extra: Partial<QueueItemView> = {}): QueueItemView {
  return {
    id: `${batchId}-${n}`,
    batchId,
    accountId: 'acc',
    op: 'delete',
    params: { unique: n },
    label: `vol-${n}`,
    state,
    attempts: 1,
    updatedAt: 1,
    ...extra,
  };
}

/** Picks one of the item filters of an expanded batch. */
async function showOnly(panel: HTMLElement, label: string): Promise<void> {
  const option = [...panel.querySelectorAll<HTMLElement>('.el-radio-button')].find((el) => el.textContent?.trim() === label);
  (option?.querySelector('input') ?? option)?.click();
  await settle();
}

describe('Activity panel', () => {
  let host: FakeHost;
  let pinia: Pinia;
  let wrapper: VueWrapper;
  let batches: BatchView[];

  beforeEach(() => {
    i18n.global.locale.value = 'en';
    pinia = createPinia();
    setActivePinia(pinia);
    const big = Array.from({ length: 1000 }, (_, n) =>
      item(
        'big',
        n,
        n < 990 ? 'done' : n < 995 ? 'failed' : 'pending',
        n === 990 ? { error: { code: 'volumes.error.status-invalid', params: {}, detail: 'status invalid' } } : {},
      ),
    );
    batches = [
      { id: 'old', title: 'Create volume a', createdAt: 1_000, items: [item('old', 1, 'done', { op: 'create' })] },
      { id: 'big', title: 'Delete 1000 volumes', createdAt: 2_000, items: big },
    ];
    host = fakeHost({
      'queue:list': () => batches,
      'queue:cancel': () => null,
      'queue:retry': () => null,
      'queue:clear-finished': () => null,
    });
    setHost(host);
  });

  afterEach(() => wrapper.unmount());

  async function mountPanel(): Promise<HTMLElement> {
    void useQueueStore().start(); // as stores/start.ts does at launch
    wrapper = mount(ActivityPanel!, { global: { plugins: [pinia, i18n, ElementPlus] }, attachTo: document.body });
    await settle();
    return wrapper.element as HTMLElement;
  }

  it('lists batches newest first with their counts, and shows no items until expanded', async () => {
    const panel = await mountPanel();
    const titles = [...panel.querySelectorAll('[data-testid="batch-title"]')].map((el) => el.textContent);
    expect(titles).toEqual(['Delete 1000 volumes', 'Create volume a']);
    const counts = panel.querySelector('[data-testid="batch-counts"]')?.textContent ?? '';
    expect(counts).toContain('995 of 1,000 finished');
    expect(counts).toMatch(/Pending 5.*Done 990.*Failed 5/);
    expect(panel.querySelectorAll('[data-testid="batch-item"]')).toHaveLength(0);
  });

  it('opens on the focused batch: expanded, a page of its 1,000 items at a time, errors worded with their code in the details', async () => {
    useNavigationStore().openBatch('big');
    const panel = await mountPanel();
    expect(panel.querySelectorAll('[data-testid="batch-item"]')).toHaveLength(50);
    await showOnly(panel, 'Failed and unknown');
    const items = [...panel.querySelectorAll('[data-testid="batch-item"]')];
    expect(items).toHaveLength(5);
    expect(items[0]?.textContent).toContain('The volume is not in a state that allows this');
    expect(items[0]?.querySelector('[data-testid="error-details"]')?.textContent).toContain('volumes.error.status-invalid: status invalid');
  });

  it('folds the finished batch it opened by itself when another one is opened', async () => {
    const navigation = useNavigationStore();
    navigation.openBatch('old');
    const panel = await mountPanel();
    expect(panel.querySelectorAll('[data-testid="batch-items"]')).toHaveLength(1);
    navigation.openBatch('big');
    await settle();
    const open = [...panel.querySelectorAll('[data-testid="batch"]')].filter((b) => b.querySelector('[data-testid="batch-items"]'));
    expect(open.map((b) => b.getAttribute('data-batch-id'))).toEqual(['big']);
  });

  it('keeps a running batch folded once the user folds it, however many changes come in', async () => {
    useNavigationStore().openBatch('big');
    const panel = await mountPanel();
    expect(panel.querySelectorAll('[data-testid="batch-items"]')).toHaveLength(1);
    (panel.querySelector('button[aria-label="Hide the items of Delete 1000 volumes"]') as HTMLButtonElement).click();
    await settle();
    for (let k = 995; k < 998; k++) {
      host.emit('queue:changed', { batches: [], items: [item('big', k, 'running', { updatedAt: 2 })], forgotten: [] });
      await settle();
    }
    expect(panel.querySelector('[data-testid="batch-counts"]')?.textContent).toContain('Running 3');
    expect(panel.querySelectorAll('[data-testid="batch-items"]')).toHaveLength(0);
  });

  it('cancels pending items and retries failed ones, for the batch or one item', async () => {
    useNavigationStore().openBatch('big');
    const panel = await mountPanel();
    const click = (label: string) => (panel.querySelector(`button[aria-label="${label}"]`) as HTMLButtonElement).click();
    click('Cancel the pending items of Delete 1000 volumes');
    click('Retry the failed and unknown items of Delete 1000 volumes');
    await showOnly(panel, 'Failed and unknown');
    click('Retry vol-990');
    await settle();
    expect(host.calls.filter((c) => c.channel !== 'queue:list')).toEqual([
      { channel: 'queue:cancel', payload: { batchId: 'big' } },
      { channel: 'queue:retry', payload: { batchId: 'big', scope: 'failed' } },
      { channel: 'queue:retry', payload: { batchId: 'big', itemIds: ['big-990'] } },
    ]);
  });

  it('offers on each batch only the retries that apply: cancelled ones, failed ones, or none', async () => {
    batches = [
      {
        id: 'cancelled',
        title: 'Only cancelled',
        createdAt: 3_000,
        items: [item('cancelled', 1, 'cancelled'), item('cancelled', 2, 'cancelled')],
      },
      {
        id: 'mixed',
        title: 'Mixed',
        createdAt: 2_500,
        items: [item('mixed', 1, 'unknown'), item('mixed', 2, 'cancelled'), item('mixed', 3, 'done')],
      },
      { id: 'old', title: 'Create volume a', createdAt: 1_000, items: [item('old', 1, 'done', { op: 'create' })] },
    ];
    const panel = await mountPanel();
    const retries = (batchId: string) =>
      [...panel.querySelectorAll(`[data-batch-id="${batchId}"] .batch__actions button`)].map((b) => b.textContent?.trim());
    expect(retries('cancelled')).toEqual(['Retry cancelled']);
    expect(retries('mixed')).toEqual(['Retry failed', 'Retry cancelled']);
    expect(retries('old')).toEqual([]);
    (panel.querySelector('button[aria-label="Retry the cancelled items of Only cancelled"]') as HTMLButtonElement).click();
    await settle();
    expect(host.calls.at(-1)).toEqual({ channel: 'queue:retry', payload: { batchId: 'cancelled', scope: 'cancelled' } });
  });

  it("reads a failed item in Chinese in a zh-CN window, the code and the core's text only in its details", async () => {
    i18n.global.locale.value = 'zh-CN';
    const error = { code: 'queue.delete-failed', params: {}, detail: 'volumeStatus ERROR_DELETING' } as const;
    const api = {
      code: 'volumes.error.op-failed',
      params: { op: 'delete' },
      detail: 'delete failed: volumes.error.delete-failed (500)',
    } as const;
    batches = [
      {
        id: 'zh',
        title: '删除 2 个磁盘',
        createdAt: 3_000,
        items: [item('zh', 1, 'failed', { error }), item('zh', 2, 'failed', { error: api })],
      },
    ];
    useNavigationStore().openBatch('zh');
    const panel = await mountPanel();
    const rows = [...panel.querySelectorAll('[data-testid="batch-item"]')];
    expect(rows).toHaveLength(2);
    const headline = (row: Element) =>
      [...row.querySelector('.item__error')!.childNodes]
        .filter((n) => n.nodeType === 3)
        .map((n) => n.textContent)
        .join('');
    expect(headline(rows[0]!)).toBe('磁盘无法删除');
    expect(headline(rows[1]!)).toBe('云平台执行操作“delete”失败');
    for (const row of rows) {
      const shown =
        [...row.childNodes]
          .filter((n) => !(n instanceof Element && n.querySelector('[data-testid="error-details"]')))
          .map((n) => n.textContent)
          .join(' ') + headline(row);
      expect(shown).not.toMatch(/ERROR_DELETING|volumes\.error|queue\./);
    }
    expect(rows[0]!.querySelector('[data-testid="error-details"]')?.textContent).toContain(
      'queue.delete-failed: volumeStatus ERROR_DELETING',
    );
    expect(panel.querySelector('[data-batch-id="zh"] .batch__actions')?.textContent?.trim()).toBe('重试失败项');
  });

  it('follows queue changes and clears finished batches', async () => {
    const panel = await mountPanel();
    host.emit('queue:changed', {
      batches: [],
      items: Array.from({ length: 5 }, (_, k) => item('big', 995 + k, 'done', { updatedAt: 2 })),
      forgotten: [],
    });
    await settle();
    expect(panel.querySelector('[data-testid="batch-counts"]')?.textContent).toContain('1,000 of 1,000 finished');
    const clear = [...panel.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Clear finished') as HTMLButtonElement;
    clear.click();
    await settle();
    expect(host.calls.at(-1)?.channel).toBe('queue:clear-finished');
    expect(panel.querySelectorAll('[data-testid="batch"]')).toHaveLength(0);
    expect(panel.textContent).toContain('No operations yet');
  });
});
