import { describe, expect, it } from 'vitest';
import type { ColumnContext } from '../../renderer/src/logic/volume-columns';
import { sortAccountRows, sortRows } from '../../renderer/src/logic/volume-sort';
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

  it('sorts names that all have collation keys as the collator does, both ways, empty names last and ties in row order', () => {
    const names = ['vol-10', '', 'Vol-2', 'b', 'vol-2', 'a.b', '', 'vol-1', 'B', 'a_b'];
    const rows = names.map((name, i) => row('a', i + 1, { name }));
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    const expected = (sign: number) =>
      [...rows]
        .sort((x, y) =>
          x.name === '' || y.name === '' ? Number(x.name === '') - Number(y.name === '') : sign * collator.compare(x.name, y.name),
        )
        .map((r) => r.unique);
    expect(sortRows(rows, { column: 'name', order: 'asc' }, context).map((r) => r.unique)).toEqual(expected(1));
    expect(sortRows(rows, { column: 'name', order: 'desc' }, context).map((r) => r.unique)).toEqual(expected(-1));
    // Ties (Vol-2 / vol-2, b / B) keep the rows' order in both directions, and the two empty names stay last.
    expect(
      sortRows(rows, { column: 'name', order: 'desc' }, context)
        .map((r) => r.unique)
        .slice(-2),
    ).toEqual([2, 7]);
  });

  it('returns the rows themselves without a sort', () => {
    const rows = [row('a', 1)];
    expect(sortRows(rows, null, context)).toBe(rows);
  });
});

describe('the sort of several accounts', () => {
  const context: ColumnContext = { tenantLabel: () => '', accountName: (r) => r.accountId };
  const a = [
    row('a', 1, { name: 'vol-10', zone: null, bootable: true }),
    row('a', 2, { name: 'Vol-2', zone: 'z2' }),
    row('a', 3, { name: 'same', zone: 'z1' }),
  ];
  const b = [
    row('b', 1, { name: 'same', zone: 'z1', bootable: true }),
    row('b', 2, { name: 'älpha', zone: null }),
    row('b', 3, { name: 'vol-1', zone: 'z2' }),
  ];
  const all = [...a, ...b];

  it("merges each account's sorted rows into the order one sort of all of them gives, ties and empties included", () => {
    for (const column of ['name', 'zone', 'bootable', 'size', 'account'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const merged = sortAccountRows([a, b], all, { column, order }, context);
        expect(
          merged.map((r) => r.key),
          `${column} ${order}`,
        ).toEqual(sortRows([...all], { column, order }, context).map((r) => r.key));
      }
    }
  });

  it("re-merges when one account's rows are replaced", () => {
    const before = sortAccountRows([a, b], all, { column: 'name', order: 'asc' }, context);
    const b2 = [...b, row('b', 4, { name: 'aaa' })];
    const after = sortAccountRows([a, b2], [...a, ...b2], { column: 'name', order: 'asc' }, context);
    expect(after).not.toBe(before);
    expect(after[0]?.name).toBe('aaa');
    expect(after).toHaveLength(7);
  });
});
