// @vitest-environment happy-dom
/** The window says which damaged files were set aside, where, and what was kept, in English and Chinese, until dismissed. */
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../renderer/src/i18n';
import { setHost } from '../../renderer/src/ipc/host';
import DataNoticesAlert from '../../renderer/src/components/shell/DataNoticesAlert.vue';
import { useAccountsStore } from '../../renderer/src/stores/accounts';
import type { AppInfo } from '../../electron/shared/contract';
import { fakeHost } from './fake-host';

const INFO: AppInfo = {
  version: '0.1.0',
  keychain: { available: true },
  notices: [
    {
      code: 'queue',
      file: 'queue.jsonl',
      keptAt: '/home/ann/.config/Cloud Disk Desk/queue.jsonl.damaged-2026-01-01T10-42-00-000Z',
      params: { kept: 12, dropped: 1 },
    },
    { code: 'local-sandbox', file: 'local-sandbox.json', keptAt: null, params: {} },
  ],
};

async function setup(info: AppInfo = INFO) {
  const pinia = createPinia();
  setActivePinia(pinia);
  setHost(fakeHost({ 'app:info': () => info, 'accounts:list': () => [] }));
  const accounts = useAccountsStore();
  await accounts.load();
  return mount(DataNoticesAlert, { global: { plugins: [pinia, i18n, ElementPlus] } });
}

afterEach(() => {
  i18n.global.locale.value = 'en';
});

describe('the data notices', () => {
  it('name each file set aside, where it is, and what was recovered, until dismissed', async () => {
    i18n.global.locale.value = 'en';
    const wrapper = await setup();
    const items = wrapper.findAll('.data-notice').map((item) => item.text());
    expect(wrapper.text()).toContain('Damaged data files were set aside at this start');
    expect(items[0]).toContain("The operation queue's journal (queue.jsonl) was damaged: 12 records replayed, 1 unreadable line left out.");
    expect(items[0]).toContain(
      'The original is kept, unchanged, at /home/ann/.config/Cloud Disk Desk/queue.jsonl.damaged-2026-01-01T10-42-00-000Z',
    );
    expect(items[1]).toContain("The Local sandbox's fleet (local-sandbox.json) was damaged; a fresh demo fleet replaces it.");
    expect(items[1]).toContain('could not be moved aside and is still at local-sandbox.json');

    await wrapper.find('[data-testid="data-notices-dismiss"]').trigger('click');
    expect(wrapper.find('.data-notices').exists()).toBe(false);
  });

  it('speak Chinese when the window does', async () => {
    i18n.global.locale.value = 'zh-CN';
    const wrapper = await setup();
    expect(wrapper.text()).toContain('操作队列日志（queue.jsonl）已损坏：已恢复 12 条记录，略过 1 行无法读取的内容。');
    expect(wrapper.text()).toContain('原文件已原样保存在 /home/ann/.config/Cloud Disk Desk/queue.jsonl.damaged-2026-01-01T10-42-00-000Z');
    expect(wrapper.find('[data-testid="data-notices-dismiss"]').text()).toBe('知道了');
  });

  it('show nothing when nothing was damaged', async () => {
    const wrapper = await setup({ ...INFO, notices: [] });
    expect(wrapper.find('.data-notices').exists()).toBe(false);
  });
});
