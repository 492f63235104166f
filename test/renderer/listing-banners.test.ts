// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { i18n } from '../../renderer/src/i18n';
import { setHost } from '../../renderer/src/ipc/host';
import ListingBanners from '../../renderer/src/components/volumes/ListingBanners.vue';
import { useAccountsStore } from '../../renderer/src/stores/accounts';
import { useDialogsStore } from '../../renderer/src/stores/dialogs';
import { useVolumesStore } from '../../renderer/src/stores/volumes';
import { fakeHost } from './fake-host';
import { account } from './fixtures';

function setup() {
  const pinia = createPinia();
  setActivePinia(pinia);
  setHost(fakeHost());
  i18n.global.locale.value = 'en';
  const accounts = useAccountsStore();
  const volumes = useVolumesStore();
  const wrapper = mount(ListingBanners, { global: { plugins: [pinia, i18n, ElementPlus] } });
  return { accounts, volumes, wrapper };
}

describe('listing banners', () => {
  it('says an account is offline, since when, and why, while its cached rows stay', async () => {
    const { accounts, volumes, wrapper } = setup();
    accounts.accounts = [account('a', { name: 'Prod', state: 'offline' }), account('b', { name: 'Test' })];
    Object.assign(volumes.metaOf('a'), {
      asOf: new Date(2026, 0, 1, 10, 42).getTime(),
      source: 'cache',
      problem: { code: 'client.network', params: {}, detail: 'connect ECONNREFUSED' },
    });
    Object.assign(volumes.metaOf('b'), { asOf: Date.now(), source: 'live' });
    await nextTick();
    const banners = wrapper.findAll('.offline');
    expect(banners).toHaveLength(1);
    expect(banners[0]?.text()).toContain('Prod · Offline: showing the volumes as of 10:42');
    expect(banners[0]?.text()).toContain('The cloud cannot be reached');
    // The OS error is the folded detail, not the headline.
    expect(banners[0]?.find('.reason').text()).not.toContain('ECONNREFUSED');
    const details = banners[0]!.find('[data-testid="error-details"]');
    expect(details.attributes('open')).toBeUndefined();
    expect(details.text()).toContain('client.network: connect ECONNREFUSED');
  });

  it('says an account needs its credentials, with its cached rows, and opens the prompt from its button', async () => {
    const { accounts, volumes, wrapper } = setup();
    const stateError = { code: 'keychain.failed' as const, params: {}, detail: 'Could not read the keychain entry of account a: no bus' };
    accounts.accounts = [account('a', { name: 'Prod', state: 'needs-credentials', hasCredentials: false, stateError })];
    Object.assign(volumes.metaOf('a'), { asOf: new Date(2026, 0, 1, 9, 5).getTime(), source: 'cache', problem: stateError });
    await nextTick();
    const banner = wrapper.find('.credentials');
    expect(banner.text()).toContain('Prod needs its credentials: showing the volumes as of 09:05');
    expect(banner.find('.reason').text()).not.toMatch(/keychain\.failed|no bus/);
    expect(banner.find('[data-testid="error-details"]').text()).toContain('keychain.failed: Could not read');
    await banner.find('[data-testid="banner-credentials-a"]').trigger('click');
    expect(useDialogsStore().credentialsFor).toBe('a');
  });

  it('offers new credentials for an expired session, and nothing for a healthy account', async () => {
    const { accounts, volumes, wrapper } = setup();
    accounts.accounts = [account('a', { name: 'Prod', state: 'expired' })];
    Object.assign(volumes.metaOf('a'), { asOf: Date.now(), source: 'cache' });
    await nextTick();
    expect(wrapper.find('.expired').text()).toContain('Session expired: Prod');
    await wrapper.find('.expired button').trigger('click');
    // The window's one credentials prompt opens for that account.
    expect(useDialogsStore().credentialsFor).toBe('a');

    accounts.accounts = [account('a', { name: 'Prod', state: 'online' })];
    Object.assign(volumes.metaOf('a'), { source: 'live', problem: null });
    await nextTick();
    expect(wrapper.find('.banners').exists()).toBe(false);
  });
});
