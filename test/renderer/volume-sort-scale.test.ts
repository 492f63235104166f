import { describe, expect, it } from 'vitest';
import type { ColumnContext } from '../../renderer/src/logic/volume-columns';
import { sortRows } from '../../renderer/src/logic/volume-sort';
import { row } from './fixtures';

describe('the sort at scale', () => {
  const context: ColumnContext = { tenantLabel: () => '', accountName: (r) => r.accountId };

  it('sorts number columns both ways, ties in their given order', () => {
    const rows = [row('a', 1, { size: 5 }), row('a', 2, { size: 1 }), row('a', 3, { size: 5 }), row('a', 4, { size: 3 })];
    expect(sortRows(rows, { column: 'size', order: 'asc' }, context).map((r) => r.unique)).toEqual([2, 4, 1, 3]);
    expect(sortRows(rows, { column: 'size', order: 'desc' }, context).map((r) => r.unique)).toEqual([1, 3, 4, 2]);
    expect(sortRows(rows, { column: 'created', order: 'asc' }, context)).toHaveLength(4);
  });

  it('gives the order found before for the same rows array and sort, and sorts a new array afresh', () => {
    const rows = [row('a', 1, { name: 'b' }), row('a', 2, { name: 'a' })];
    const byName = sortRows(rows, { column: 'name', order: 'asc' }, context);
    sortRows(rows, { column: 'size', order: 'asc' }, context);
    expect(sortRows(rows, { column: 'name', order: 'asc' }, context)).toBe(byName);
    const changed = [rows[0]!, row('a', 2, { name: 'c' })];
    expect(sortRows(changed, { column: 'name', order: 'asc' }, context).map((r) => r.name)).toEqual(['b', 'c']);
  });

  it('sorts columns named through labels each time, so a renamed account moves', () => {
    const rows = [row('a', 1), row('b', 2)];
    const names: Record<string, string> = { a: 'Alpha', b: 'Beta' };
    const labelled: ColumnContext = { tenantLabel: () => '', accountName: (r) => names[r.accountId]! };
    expect(sortRows(rows, { column: 'account', order: 'asc' }, labelled).map((r) => r.accountId)).toEqual(['a', 'b']);
    names.a = 'Zulu';
    expect(sortRows(rows, { column: 'account', order: 'asc' }, labelled).map((r) => r.accountId)).toEqual(['b', 'a']);
  });

  it('returns the rows themselves without a sort', () => {
    const rows = [row('a', 1)];
    expect(sortRows(rows, null, context)).toBe(rows);
  });
});
