// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import ElementPlus from 'element-plus';
import { nextTick } from 'vue';
import type { BatchView, QueueItemView, QueueRequest } from '../../electron/shared/queue';
import type { Volume } from '../../electron/shared/volume';
import { i18n } from '../../renderer/src/i18n';
import { setHost } from '../../renderer/src/ipc/host';
import { useAccountsStore } from '../../renderer/src/stores/accounts';
import { useDialogsStore } from '../../renderer/src/stores/dialogs';
import { useNavigationStore } from '../../renderer/src/stores/navigation';
import { useQueueStore } from '../../renderer/src/stores/queue';
import { fakeHost, type FakeHost } from './fake-host';
import { account, row } from './fixtures';

import DialogHost from '../../renderer/src/components/dialogs/DialogHost.vue';

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await nextTick();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** The open dialog is closing: its frame hides it (the store forgets it at the animation's end). */
function closing(): boolean {
  const overlay = document.body.querySelector<HTMLElement>('.operation-dialog')?.closest<HTMLElement>('.el-overlay');
  return (
    !overlay ||
    overlay.style.display === 'none' ||
    document.body.querySelector('.operation-dialog')?.closest('.dialog-fade-leave-active, .dialog-fade-leave-to') != null
  );
}

/** The open dialog, teleported to the body. */
function dialogEl(): HTMLElement {
  const found = document.body.querySelector<HTMLElement>('.operation-dialog');
  if (!found) throw new Error('no dialog open');
  return found;
}

function button(label: string): HTMLButtonElement {
  const found = [...dialogEl().querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
  if (!found) throw new Error(`no button ${label}`);
  return found;
}

function input(label: string): HTMLInputElement {
  const item = [...dialogEl().querySelectorAll('.el-form-item')].find((el) => el.querySelector('label')?.textContent?.trim() === label);
  const field = item?.querySelector('input, textarea');
  if (!field) throw new Error(`no field ${label}`);
  return field as HTMLInputElement;
}

async function type(field: HTMLInputElement, value: string): Promise<void> {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true })); // as typing does
  await settle();
}

describe('operation dialogs', () => {
  let host: FakeHost;
  let pinia: Pinia;
  let wrapper: VueWrapper;
  let submitted: { title: string; items: QueueRequest[] }[];
  /** The items of the batches queued, as the core sends them back (pending). */
  let queued: QueueItemView[];

  /** The core's word on an item: the change event a queue:changed carries. */
  function answer(item: QueueItemView | undefined, change: Partial<QueueItemView>): void {
    if (!item) throw new Error('nothing queued');
    host.emit('queue:changed', { batches: [], items: [{ ...item, ...change, updatedAt: item.updatedAt + 1 }], forgotten: [] });
  }

  beforeEach(async () => {
    i18n.global.locale.value = 'en';
    pinia = createPinia();
    setActivePinia(pinia);
    submitted = [];
    host = fakeHost({
      'queue:list': () => [],
      'queue:submit': ({ title, items }) => {
        submitted.push({ title, items: items as QueueRequest[] });
        const id = `b${submitted.length}`;
        const views = (items as QueueRequest[]).map((request, i): QueueItemView => ({
          ...request,
          id: `${id}-${i}`,
          batchId: id,
          state: 'pending',
          attempts: 0,
          updatedAt: 1,
        }));
        queued.push(...views);
        const batch: BatchView = { id, title, createdAt: Date.now(), items: views };
        return batch;
      },
    });
    queued = [];
    setHost(host);
    await useQueueStore().start();
    useAccountsStore().accounts = [account('acc', { tenants: [{ userId: 101, label: 'Finance' }] })];
    wrapper = mount(DialogHost!, { global: { plugins: [pinia, i18n, ElementPlus] }, attachTo: document.body });
  });

  afterEach(() => {
    wrapper.unmount();
    document.body.innerHTML = '';
  });

  it('deletes many: leaves out the volumes in use, says why, and queues one batch with the count', async () => {
    const inUse: Partial<Volume> = { volumeStatus: 'IN_USE', attachments: [{ serverId: 's1', device: '/dev/vdb', attachedAt: 1 }] };
    const rows = [
      row('acc', 1),
      row('acc', 2, inUse),
      row('acc', 3, { volumeStatus: 'ERROR' }),
      row('acc', 4, inUse),
      row('acc', 5, { volumeStatus: 'DELETING' }),
    ];
    useDialogsStore().open({ kind: 'delete', volumes: rows });
    await settle();
    // Refusals are grouped by reason.
    const refused = dialogEl().querySelector('[data-testid="refused-rows"]')?.textContent ?? '';
    expect(refused).toContain('3 selected volumes are left out');
    expect(refused).toContain('Detach it first: the volume is in use (2): vol-2, vol-4');
    expect(refused).toContain('Wait: the volume is “Deleting”: vol-5');
    expect(dialogEl().querySelector('[data-testid="dialog-volume-list"]')?.textContent).toMatch(/vol-1.*vol-3/);
    button('Delete 2 volumes').click();
    await settle();
    expect(submitted).toEqual([
      {
        title: 'Delete 2 volumes',
        items: [
          { op: 'delete', accountId: 'acc', label: 'vol-1', params: { unique: 1 } },
          { op: 'delete', accountId: 'acc', label: 'vol-3', params: { unique: 3 } },
        ],
      },
    ]);
    const navigation = useNavigationStore();
    expect(navigation.activityOpen).toBe(true);
    expect(navigation.focusedBatchId).toBe('b1');
  });

  it('deletes one only once its name is typed exactly', async () => {
    useDialogsStore().open({ kind: 'delete', volumes: [row('acc', 7, { name: 'db-data' })] });
    await settle();
    expect(button('Delete').disabled).toBe(true);
    await type(input('Type the name to confirm'), 'db-dat');
    expect(button('Delete').disabled).toBe(true);
    await type(input('Type the name to confirm'), 'db-data');
    expect(button('Delete').disabled).toBe(false);
    button('Delete').click();
    await settle();
    expect(submitted.map((s) => s.title)).toEqual(['Delete db-data']);
  });

  it('queues a selection of 10,000 as one batch, and says so, instead of failing, for one more', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => row('acc', i + 1));
    useDialogsStore().open({ kind: 'delete', volumes: many(10_000) });
    await settle();
    expect(dialogEl().querySelector('[data-testid="batch-too-large"]')).toBeNull();
    button('Delete 10,000 volumes').click();
    await settle();
    expect(submitted.map((s) => s.items.length)).toEqual([10_000]);
    wrapper.unmount();
    document.body.innerHTML = '';

    for (const [locale, text, label] of [
      ['en', 'One batch holds at most 10,000 volumes and 10,001 are selected.', 'Delete 10,001 volumes'],
      ['zh-CN', '一个批次最多包含 10,000 个磁盘，当前选中了 10,001 个。', '删除 10,001 个磁盘'],
    ] as const) {
      i18n.global.locale.value = locale;
      wrapper = mount(DialogHost!, { global: { plugins: [pinia, i18n, ElementPlus] }, attachTo: document.body });
      useDialogsStore().open({ kind: 'delete', volumes: many(10_001) });
      await settle();
      expect(dialogEl().querySelector('[data-testid="batch-too-large"]')?.textContent).toContain(text);
      expect(button(label).disabled).toBe(true);
      useDialogsStore().close();
      wrapper.unmount();
      document.body.innerHTML = '';
    }
    expect(submitted).toHaveLength(1);
    wrapper = mount(DialogHost!, { global: { plugins: [pinia, i18n, ElementPlus] }, attachTo: document.body });
  });

  it('says a selection is too large for one batch in the other dialogs too, when asked to queue it', async () => {
    useDialogsStore().open({
      kind: 'enable',
      volumes: Array.from({ length: 10_001 }, (_, i) => row('acc', i + 1, { status: 'DISABLED' })),
    });
    await settle();
    button('Enable').click();
    await settle();
    expect(dialogEl().textContent).toContain('One batch holds at most 10,000 volumes and 10,001 are selected.');
    expect(submitted).toEqual([]);
  });

  it('creates a bulk named name-01 … name-N and refuses a size of 0 first, saying why', async () => {
    useDialogsStore().open({ kind: 'create', accountId: 'acc', userId: 101 });
    await settle();
    await type(input('Name'), 'web');
    await type(input('Count'), '3');
    await type(input('Size (GB)'), '0');
    expect(dialogEl().querySelector('[data-testid="create-names"]')?.textContent?.trim()).toBe('Creates web-01 … web-03');
    button('Create 3 volumes').click();
    await settle();
    expect(submitted).toEqual([]);
    await expect.poll(() => dialogEl().textContent).toContain('The size must be at least 1 GB'); // the message zooms in
    await type(input('Size (GB)'), '20');
    expect(dialogEl().querySelectorAll('.is-error')).toHaveLength(0); // a corrected field stops complaining
    button('Create 3 volumes').click();
    await settle();
    expect(submitted).toHaveLength(1);
    expect(submitted[0]?.title).toBe('Create 3 volumes (web-01 … web-03)');
    expect(submitted[0]?.items.map((i) => [i.label, i.params])).toEqual([
      ['web-01', { name: 'web-01', userid: 101, size: 20 }],
      ['web-02', { name: 'web-02', userid: 101, size: 20 }],
      ['web-03', { name: 'web-03', userid: 101, size: 20 }],
    ]);
  });

  it('says plainly that disabling an attached volume detaches it, and names its server', async () => {
    const attached = row('acc', 4, { volumeStatus: 'IN_USE', attachments: [{ serverId: 'srv-9', device: '/dev/vdc', attachedAt: 1 }] });
    useDialogsStore().open({ kind: 'disable', volumes: [attached, row('acc', 5, { status: 'DISABLED' })] });
    await settle();
    expect(dialogEl().querySelector('[data-testid="disable-detaches"]')?.textContent).toContain(
      'This volume is attached to server srv-9: disabling it detaches it from that server first.',
    );
    expect(dialogEl().querySelector('[data-testid="refused-rows"]')?.textContent).toContain('The volume is already disabled: vol-5');
    button('Disable').click();
    await settle();
    expect(submitted[0]).toEqual({
      title: 'Disable vol-4',
      items: [{ op: 'disable', accountId: 'acc', label: 'vol-4', params: { unique: 4, serverId: 'srv-9' } }],
    });
  });

  it('extends only to a size larger than the largest current one', async () => {
    useDialogsStore().open({ kind: 'extend', volumes: [row('acc', 1, { size: 10 }), row('acc', 2, { size: 40 })] });
    await settle();
    await type(input('New size (GB)'), '30');
    button('Extend').click();
    await settle();
    await expect.poll(() => dialogEl().textContent).toContain('The new size must exceed the current 40 GB');
    expect(submitted).toEqual([]);
    await type(input('New size (GB)'), '50');
    button('Extend').click();
    await settle();
    expect(submitted[0]?.title).toBe('Extend 2 volumes to 50 GB');
  });

  it('shows the host refusing the batch, in words, and stays open', async () => {
    host.handlers['queue:submit'] = () => {
      throw Object.assign(new Error('No account with id acc'), { code: 'account.not-found' });
    };
    useDialogsStore().open({ kind: 'enable', volumes: [row('acc', 1, { status: 'DISABLED' })] });
    await settle();
    button('Enable').click();
    await settle();
    expect(dialogEl().querySelector('[role="alert"]')?.textContent).toContain('The account no longer exists');
    expect(useDialogsStore().current).not.toBeNull();
  });

  it('refuses a pasted 300-character name with the reason and a counter, and queues nothing', async () => {
    useDialogsStore().open({ kind: 'create', accountId: 'acc' });
    await settle();
    await type(input('Name'), 'n'.repeat(300));
    expect(input('Name').value).toHaveLength(300); // not cut to a different name
    expect(dialogEl().querySelector('[data-testid="length-counter"]')?.textContent).toBe('300 / 255');
    await expect.poll(() => dialogEl().textContent).toContain('Too long: 300 characters, at most 255 are allowed.'); // at once, before leaving the field
    button('Create').click();
    await settle();
    expect(submitted).toEqual([]);
    await type(input('Name'), 'n'.repeat(210));
    expect(dialogEl().querySelector('[data-testid="length-counter"]')?.textContent).toBe('210 / 255'); // near the limit
    await type(input('Name'), 'short');
    expect(dialogEl().querySelector('[data-testid="length-counter"]')).toBeNull();
  });

  it('keeps a single create open and busy until the cloud answers, and shows its refusal under the field it is about', async () => {
    useDialogsStore().open({ kind: 'create', accountId: 'acc' });
    await settle();
    await type(input('Name'), 'from-image');
    await type(input('Image id'), 'img-nowhere');
    button('Create').click();
    await settle();
    expect(submitted).toHaveLength(1);
    expect(dialogEl().querySelector('[data-testid="dialog-awaiting"]')?.textContent).toContain(
      'Waiting for the cloud to accept the request',
    );
    answer(queued[0], { state: 'running', attempts: 1 });
    await settle();
    expect(dialogEl().querySelector('[data-testid="dialog-awaiting"]')).not.toBeNull(); // sent is not answered
    answer(queued[0], {
      state: 'failed',
      attempts: 1,
      updatedAt: 3,
      error: { code: 'volumes.error.image-not-exists', params: {}, detail: 'create failed (406)' } as QueueItemView['error'],
    });
    await settle();
    expect(useDialogsStore().current).not.toBeNull();
    const imageError = () => input('Image id').closest('.el-form-item')?.querySelector('.el-form-item__error')?.textContent?.trim();
    await expect.poll(imageError).toBe('The image does not exist');
    expect(dialogEl().querySelector('[data-testid="dialog-failure"]')).toBeNull(); // not at the foot: under the field
    expect(dialogEl().querySelector('[data-testid="dialog-awaiting"]')).toBeNull();
    expect(useNavigationStore().activityOpen).toBe(false);
    await type(input('Image id'), 'img-ubuntu'); // a new value: the old answer goes
    await expect.poll(imageError).toBeUndefined();

    button('Create').click();
    await settle();
    answer(queued[1], { state: 'waiting', attempts: 1, result: { unique: 9 } }); // accepted: the volume is being made
    await settle();
    await expect.poll(closing, { timeout: 5000 }).toBe(true);
    expect(useNavigationStore().focusedBatchId).toBe('b2');
  });

  it("says a refusal that is about no field at the foot, in the catalogue's words", async () => {
    useDialogsStore().open({ kind: 'enable', volumes: [row('acc', 1, { status: 'DISABLED' })] });
    await settle();
    button('Enable').click();
    await settle();
    answer(queued[0], {
      state: 'failed',
      attempts: 1,
      error: { code: 'volumes.error.status-invalid', params: {}, detail: 'enable failed (406)' } as QueueItemView['error'],
    });
    await settle();
    expect(dialogEl().querySelector('[data-testid="dialog-failure"]')?.textContent).toContain('The cloud refused it:');
    expect(dialogEl().querySelector('[data-testid="dialog-failure"]')?.textContent).not.toContain('enable failed'); // the core's text is detail, not words
  });

  it('puts a batch, and the work of an offline account, straight into the Activity panel', async () => {
    useDialogsStore().open({ kind: 'enable', volumes: [row('acc', 1, { status: 'DISABLED' }), row('acc', 2, { status: 'DISABLED' })] });
    await settle();
    button('Enable').click();
    await settle();
    await expect.poll(closing, { timeout: 5000 }).toBe(true);
    expect(useNavigationStore().focusedBatchId).toBe('b1');
    useDialogsStore().close(); // the closing animation's end, which happy-dom does not run

    useAccountsStore().accounts = [account('acc', { state: 'offline' })];
    useDialogsStore().open({ kind: 'enable', volumes: [row('acc', 1, { status: 'DISABLED' })] });
    await settle();
    button('Enable').click();
    await settle();
    await expect.poll(closing, { timeout: 5000 }).toBe(true); // the queue holds it until the account is back: no answer to wait for
    expect(useNavigationStore().focusedBatchId).toBe('b2');
  });

  it('asks a confirmation through the store, in the same frame: yes when confirmed, no when closed', async () => {
    const dialogs = useDialogsStore();
    const ask = () =>
      dialogs.confirm({
        title: 'Remove account',
        body: 'Remove "Lab"?',
        confirmLabel: 'Remove',
        danger: true,
        testid: 'confirm-remove-account',
      });
    const first = ask();
    await settle();
    expect(dialogEl().getAttribute('data-testid')).toBe('confirm-remove-account');
    expect(dialogEl().textContent).toContain('Remove "Lab"?');
    expect(dialogs.anyOpen).toBe(true);
    button('Remove').click();
    expect(await first).toBe(true);
    await settle();
    dialogs.close(); // the closing animation's end, which happy-dom does not run
    const second = ask();
    await settle();
    button('Cancel').click();
    await settle();
    dialogs.close();
    expect(await second).toBe(false);
    expect(dialogs.anyOpen).toBe(false);
  });
});
