// @vitest-environment happy-dom
/** The desktop menu's commands reach the window: new volume, refresh, Activity panel, settings. */
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type AccountView } from '../../electron/shared/contract';
import App from '../../renderer/src/App.vue';
import { i18n } from '../../renderer/src/i18n';
import { setHost } from '../../renderer/src/ipc/host';
import { useDialogsStore } from '../../renderer/src/stores/dialogs';
import { useNavigationStore } from '../../renderer/src/stores/navigation';
import { startStores } from '../../renderer/src/stores/start';
import { fakeHost } from './fake-host';

const ACCOUNT: AccountView = {
  id: 'a1',
  name: 'Prod',
  endpoint: 'https://cloud.example',
  colour: '#3366ff',
  tenants: [{ userId: 7 }],
  kind: 'cloud',
  secretsIn: 'keychain',
  hasCredentials: true,
  state: 'online',
};

describe('the menu commands', () => {
  it('open the create dialog for the scope in view, refresh, toggle the Activity panel and open the settings', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const host = fakeHost({
      'app:info': () => ({ version: '1.0.0', keychain: { available: true }, notices: [] }),
      'accounts:list': () => [ACCOUNT],
      'settings:get': () => DEFAULT_SETTINGS,
      'queue:list': () => [],
      'volumes:list': () => ({ volumes: [], asOf: 0, source: 'live', stuck: [] }),
      'app:visibility': () => null,
    });
    setHost(host);
    const wrapper = mount(App, { attachTo: document.body, global: { plugins: [pinia, i18n, ElementPlus] } });
    await startStores();
    await flushPromises();
    const nav = useNavigationStore();
    const dialogs = useDialogsStore();
    nav.selectScope('a1', 7);

    host.emit('app:command', { command: 'new-volume' });
    expect(dialogs.current).toEqual({ kind: 'create', accountId: 'a1', userId: 7 });
    dialogs.close();

    const listings = () => host.calls.filter((call) => call.channel === 'volumes:list').length;
    const before = listings();
    host.emit('app:command', { command: 'refresh' });
    await flushPromises();
    expect(listings()).toBe(before + 1);

    expect(nav.activityOpen).toBe(false);
    host.emit('app:command', { command: 'toggle-activity' });
    expect(nav.activityOpen).toBe(true);
    host.emit('app:command', { command: 'toggle-activity' });
    expect(nav.activityOpen).toBe(false);

    host.emit('app:command', { command: 'open-settings' });
    await flushPromises();
    expect(document.querySelector('[data-testid="settings-dialog"]')).not.toBeNull();
    expect(document.querySelector('[data-testid="settings-check-for-updates"]')).not.toBeNull();
    wrapper.unmount();
  });
});
