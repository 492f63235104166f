/** Counts read as people write them: plural forms and thousands separators, in English and Chinese; one name for an unnamed tenant. */
import { afterEach, describe, expect, it } from 'vitest';
import { countText, formatCount, i18n, translate, type Locale } from '../../renderer/src/i18n';
import { formatNumber } from '../../renderer/src/i18n/numbers';
import { tenantName } from '../../renderer/src/i18n/tenant-name';

function speak(locale: Locale): void {
  i18n.global.locale.value = locale;
}

afterEach(() => speak('en'));

describe('numbers', () => {
  it("have the language's thousands separators", () => {
    expect(formatNumber(10000, 'en')).toBe('10,000');
    expect(formatNumber(765030, 'zh-CN')).toBe('765,030');
    expect(formatNumber(1.5, 'en')).toBe('1.5');
    speak('zh-CN');
    expect(formatCount(9566)).toBe('9,566');
  });
});

describe('counted sentences', () => {
  it('take the English plural form of the count, its number formatted', () => {
    expect([1, 2, 10000].map((n) => countText('app.status.volumes', n))).toEqual(['1 volume', '2 volumes', '10,000 volumes']);
    expect(countText('app.status.volumes', 0)).toBe('0 volumes');
    expect([1, 2, 10000].map((n) => countText('volumes.count', n, { shown: n, total: n }))).toEqual([
      '1 of 1 volume',
      '2 of 2 volumes',
      '10,000 of 10,000 volumes',
    ]);
    expect(countText('volumes.toolbar.selected', 10000)).toBe('10,000 selected');
    expect(countText('activity.counts', 10000, { done: 9566, total: 10000 })).toBe('9,566 of 10,000 finished');
  });

  it('say "this volume", not "these 1 volumes"', () => {
    expect(countText('dialogs.hint.deleteMany', 1)).toBe('This volume and all its data will be deleted. It cannot be undone.');
    expect(countText('dialogs.hint.deleteMany', 2)).toBe('These 2 volumes and all their data will be deleted. It cannot be undone.');
    expect(countText('dialogs.hint.enableMany', 10000)).toBe('These 10,000 volumes will be enabled:');
    expect(countText('app.dataNotice.settings', 1, { file: 's.json' })).toBe(
      'The settings (s.json) were damaged: 1 valid setting kept, the rest are back to their defaults.',
    );
    expect(countText('app.dataNotice.settings', 0, { file: 's.json' })).toContain('0 valid settings kept');
  });

  it('have one form in Chinese, with the number formatted', () => {
    speak('zh-CN');
    expect([1, 2, 10000].map((n) => countText('app.status.volumes', n))).toEqual(['1 个磁盘', '2 个磁盘', '10,000 个磁盘']);
    expect(countText('volumes.count', 10000, { shown: 10000, total: 10000 })).toBe('10,000 / 10,000 个磁盘');
    expect(countText('dialogs.hint.deleteMany', 1)).toBe('将删除这 1 个磁盘及其全部数据，且无法撤销。');
  });

  it('come the same way from a keyed message, numbers formatted but an id', () => {
    expect(translate({ key: 'dialogs.batch.deleteMany', params: { n: 1 } })).toBe('Delete 1 volume');
    expect(translate({ key: 'dialogs.batch.extendMany', params: { n: 10000, size: 2048 } })).toBe('Extend 10,000 volumes to 2,048 GB');
    expect(translate({ key: 'tenants.unnamed', params: { id: 10003 } })).toBe('Tenant 10003');
  });
});

describe('an unnamed tenant', () => {
  it('is called by its label, or "Tenant" and its user id, in both languages', () => {
    expect(tenantName('Finance', 103)).toBe('Finance');
    expect(tenantName(undefined, 103)).toBe('Tenant 103');
    expect(tenantName('', 103)).toBe('Tenant 103');
    speak('zh-CN');
    expect(tenantName(null, 103)).toBe('租户 103');
  });
});
