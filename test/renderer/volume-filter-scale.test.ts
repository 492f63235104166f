import { describe, expect, it } from 'vitest';
import { countInScope, filterRows } from '../../renderer/src/logic/volume-filter';
import { EMPTY_FILTERS } from '../../renderer/src/stores/navigation';
import { row } from './fixtures';

describe('the filter at scale', () => {
  it('a copy of a row with a new name is found by the new name, not the old one', () => {
    const before = row('a', 1, { name: 'old-name', description: 'Main DB' });
    expect(filterRows([before], { ...EMPTY_FILTERS, keyword: 'old' })).toEqual([before]);
    const renamed = { ...before, name: 'new-name' };
    expect(filterRows([renamed], { ...EMPTY_FILTERS, keyword: 'old' })).toEqual([]);
    expect(filterRows([renamed], { ...EMPTY_FILTERS, keyword: 'NEW' })).toEqual([renamed]);
    expect(filterRows([before, renamed], { ...EMPTY_FILTERS, keyword: 'main db' })).toEqual([before, renamed]);
  });

  it('finds the same rows in another order of them (texts are kept per array, by position)', () => {
    const a = row('a', 1, { name: 'alpha' });
    const b = row('a', 2, { name: 'beta' });
    expect(filterRows([a, b], { ...EMPTY_FILTERS, keyword: 'alp' })).toEqual([a]);
    expect(filterRows([b, a], { ...EMPTY_FILTERS, keyword: 'alp' })).toEqual([a]);
    expect(filterRows([b, a], { ...EMPTY_FILTERS, keyword: 'bet' })).toEqual([b]);
  });

  it('the searched text is not a field of the row', () => {
    const r = row('a', 1, { name: 'x' });
    filterRows([r], { ...EMPTY_FILTERS, keyword: 'x' });
    expect(Object.keys(r)).toEqual(Object.keys(row('a', 1, { name: 'x' })));
    expect(JSON.stringify(r)).toBe(JSON.stringify(row('a', 1, { name: 'x' })));
  });

  it('counts the rows of an account, a tenant, or all', () => {
    const rows = [row('a', 1, { userid: 7 }), row('a', 2, { userid: 8 }), row('b', 3, { userid: 7 })];
    expect(countInScope(rows, null, null)).toBe(3);
    expect(countInScope(rows, 'a', null)).toBe(2);
    expect(countInScope(rows, 'a', 7)).toBe(1);
    expect(countInScope(rows, 'c', null)).toBe(0);
  });
});
