import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { DEFAULT_SETTINGS, type AccountView, type Settings, type VolumeListing } from '../../electron/shared/contract';
import { i18n } from '../../renderer/src/i18n';
import { setHost } from '../../renderer/src/ipc/host';
import { useAccountsStore } from '../../renderer/src/stores/accounts';
import { useNavigationStore } from '../../renderer/src/stores/navigation';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { applyChanges, useVolumesStore } from '../../renderer/src/stores/volumes';
import { fakeHost, type FakeHost } from './fake-host';
import { account, row, volume } from './fixtures';

const INFO = { version: '0.1.0', keychain: { available: true } as const, notices: [] };

function listing(volumes: VolumeListing['volumes'], patch: Partial<VolumeListing> = {}): VolumeListing {
  return { volumes, asOf: 1_700_000_000_000, source: 'live', stuck: [], ...patch };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await nextTick();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('stores against a fake host', () => {
  let host: FakeHost;
  let accounts: AccountView[];
  let listings: Record<string, VolumeListing>;

  beforeEach(() => {
    setActivePinia(createPinia());
    accounts = [account('a'), account('b', { tenants: [{ userId: 7, label: 'Finance' }] })];
    listings = { a: listing([volume(1), volume(2)]), b: listing([volume(1, { name: 'b-one' })], { stuck: [1] }) };
    host = fakeHost({
      'accounts:list': () => accounts,
      'app:info': () => INFO,
      'volumes:list': ({ accountId }) => listings[accountId] ?? listing([]),
    });
    setHost(host);
  });

  it('accounts follow accounts:changed after load', async () => {
    const store = useAccountsStore();
    await store.load();
    expect(store.accounts.map((a) => a.id)).toEqual(['a', 'b']);
    expect(store.info?.keychain.available).toBe(true);
    expect(store.tenantName('b', 7)).toBe('Finance');
    expect(store.tenantName('b', 8)).toBe('Tenant 8');
    host.emit('accounts:changed', [account('a', { state: 'offline' })]);
    expect(store.byId('a')?.state).toBe('offline');
    expect(store.byId('b')).toBeUndefined();
  });

  it('adding an account sends its secrets once and lists the answer', async () => {
    host.handlers['accounts:add'] = (input) => account('c', { name: input.name });
    const store = useAccountsStore();
    await store.load();
    await store.add({
      name: 'Third',
      endpoint: 'http://x',
      colour: '#f00',
      secrets: { accessToken: 'a', sessionToken: 'b', sessionSecret: 'c' },
    });
    expect(store.byId('c')?.name).toBe('Third');
    expect(host.calls.filter((c) => c.channel === 'accounts:add')).toHaveLength(1);
  });

  it('volumes are loaded for every account, with keys, and the stuck flag from the listing', async () => {
    const volumes = useVolumesStore();
    volumes.start();
    await useAccountsStore().load();
    await settle();
    expect(volumes.allRows.map((r) => r.key)).toEqual(['a:1', 'a:2', 'b:1']);
    expect(volumes.rowsOf('b')[0]?.stuck).toBe(true);
    expect(volumes.metaOf('a').source).toBe('live');
    expect(host.calls.filter((c) => c.channel === 'volumes:list')).toHaveLength(2);
  });

  it("keeps the same array of all rows while no account's rows change, and a new one when one does", async () => {
    const volumes = useVolumesStore();
    volumes.start();
    await useAccountsStore().load();
    await settle();
    const all = volumes.allRows;
    host.emit('accounts:changed', [account('a', { state: 'offline' }), account('b', { tenants: [] })]);
    await settle();
    expect(volumes.allRows).toBe(all);
    host.emit('volumes:changed', { accountId: 'b', added: [volume(2)], changed: [], removed: [] });
    expect(volumes.allRows).not.toBe(all);
    expect(volumes.allRows.map((r) => r.key)).toEqual(['a:1', 'a:2', 'b:1', 'b:2']);
    host.emit('accounts:changed', [account('b')]);
    await settle();
    expect(volumes.allRows.map((r) => r.key)).toEqual(['b:1', 'b:2']);
  });

  it('applies volumes:changed incrementally, without listing again', async () => {
    const volumes = useVolumesStore();
    volumes.start();
    await useAccountsStore().load();
    await settle();
    const untouched = volumes.rowsOf('a')[1];
    host.emit('volumes:changed', { accountId: 'a', added: [volume(3)], changed: [volume(1, { name: 'renamed' })], removed: [2] });
    expect(volumes.rowsOf('a').map((r) => [r.unique, r.name])).toEqual([
      [1, 'renamed'],
      [3, 'vol-3'],
    ]);
    expect(volumes.rowsOf('b')).toHaveLength(1);
    expect(untouched?.unique).toBe(2);
    expect(host.calls.filter((c) => c.channel === 'volumes:list')).toHaveLength(2);
  });

  it('flags and unflags stuck volumes from volumes:stuck', async () => {
    const volumes = useVolumesStore();
    volumes.start();
    await useAccountsStore().load();
    await settle();
    host.emit('volumes:stuck', { accountId: 'a', stuck: [2] });
    expect(volumes.rowsOf('a').map((r) => r.stuck)).toEqual([false, true]);
    host.emit('volumes:stuck', { accountId: 'b', stuck: [] });
    expect(volumes.rowsOf('b')[0]?.stuck).toBe(false);
  });

  it('keeps cached rows with their problem, and reloads when the account comes back online', async () => {
    listings.a = listing([volume(1)], { source: 'cache', problem: { code: 'client.network', params: {}, detail: 'connect ECONNREFUSED' } });
    accounts = [account('a', { state: 'offline' })];
    const volumes = useVolumesStore();
    volumes.start();
    await useAccountsStore().load();
    await settle();
    expect(volumes.metaOf('a')).toMatchObject({ source: 'cache', problem: { code: 'client.network' } });
    expect(volumes.rowsOf('a')).toHaveLength(1);

    listings.a = listing([volume(1), volume(5)]);
    host.emit('accounts:changed', [account('a', { state: 'online' })]);
    await settle();
    expect(volumes.metaOf('a').source).toBe('live');
    expect(volumes.rowsOf('a')).toHaveLength(2);
  });

  it('drops the rows of a removed account', async () => {
    const volumes = useVolumesStore();
    volumes.start();
    await useAccountsStore().load();
    await settle();
    host.emit('accounts:changed', [account('b')]);
    await settle();
    expect(volumes.allRows.every((r) => r.accountId === 'b')).toBe(true);
    expect(volumes.rowsByAccount.a).toBeUndefined();
  });

  it('navigation: showVolumes sets exactly the given filters, openBatch opens the activity panel', () => {
    const nav = useNavigationStore();
    nav.setFilter('keyword', 'db');
    nav.view = 'overview';
    nav.showVolumes({ accountId: 'a', states: ['ERROR'] });
    expect(nav.view).toBe('volumes');
    expect(nav.filters).toEqual({ keyword: '', enabled: null, states: ['ERROR'], accountId: 'a', userId: null });
    nav.openBatch('batch-1');
    expect(nav.activityOpen).toBe(true);
    expect(nav.focusedBatchId).toBe('batch-1');
  });

  it('settings: the chosen language applies at once, and comes back when the core refuses', async () => {
    let stored: Settings = { ...DEFAULT_SETTINGS, language: 'en', theme: 'light' };
    host.handlers['settings:get'] = () => stored;
    host.handlers['settings:set'] = (patch) => (stored = { ...stored, ...patch });
    const settings = useSettingsStore();
    await settings.load();
    expect(i18n.global.locale.value).toBe('en');
    await settings.set({ language: 'zh-CN' });
    expect(i18n.global.locale.value).toBe('zh-CN');
    expect(settings.settings.language).toBe('zh-CN');

    host.handlers['settings:set'] = () => Promise.reject(new Error('refused'));
    await expect(settings.set({ language: 'en', theme: 'dark' })).rejects.toThrow('refused');
    expect(settings.locale).toBe('zh-CN');
    expect(settings.theme).toBe('light');
    i18n.global.locale.value = 'en';
  });
});

describe('applyChanges', () => {
  it('keeps the order and the untouched row objects', () => {
    const rows = [row('a', 1), row('a', 2), row('a', 3)];
    const next = applyChanges(rows, { accountId: 'a', added: [], changed: [volume(2, { size: 20 })], removed: [] }, new Set([2]));
    expect(next.map((r) => r.unique)).toEqual([1, 2, 3]);
    expect(next[0]).toBe(rows[0]);
    expect(next[1]).toMatchObject({ size: 20, stuck: true, key: 'a:2' });
  });
});
