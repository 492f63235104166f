import { describe, expect, it } from 'vitest';
import { collationKey, textCollator } from '../../renderer/src/logic/collation-key';
import { sortRows } from '../../renderer/src/logic/volume-sort';
import type { ColumnContext } from '../../renderer/src/logic/volume-columns';
import { row } from './fixtures';

const context: ColumnContext = { tenantLabel: () => '', accountName: () => '' };
const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A small deterministic generator, so a failure names texts that can be tried again. */
function texts(count: number, alphabet: string, seed = 7): string[] {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
  );
}

describe('collation keys', () => {
  it('order texts of letters, digits, space, _ - . exactly as the collator does', () => {
    const all = texts(4_000, 'aAbzZ00129 _-.');
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect([a, b, ordinal(collationKey(a)!, collationKey(b)!)]).toEqual([a, b, Math.sign(textCollator.compare(a, b))]);
    }
  });

  it('compare numbers by value, ignoring case and leading zeros', () => {
    expect(ordinal(collationKey('vol-9')!, collationKey('vol-10')!)).toBe(-1);
    expect(collationKey('Vol-007')).toBe(collationKey('vol-7'));
  });

  it('leave other texts (accents, other scripts, other punctuation) to the collator', () => {
    for (const text of ['café', '数据盘', 'a/b', 'x'.repeat(3) + '1'.repeat(41)]) expect(collationKey(text)).toBeNull();
  });

  // Empty names sort last whatever the collator says; left out here.
  it('sort a mix of keyed and unkeyed names as the collator alone would', () => {
    const names = [...texts(300, 'abB01 -', 3).filter((t) => t !== ''), 'Ábc', 'abd', 'äb', '数据', 'a/b', 'ab10', 'ab9'];
    const rows = names.map((name, i) => row('a', i + 1, { name }));
    const expected = [...rows].sort((x, y) => textCollator.compare(x.name, y.name) || x.unique - y.unique).map((r) => r.unique);
    expect(sortRows(rows, { column: 'name', order: 'asc' }, context).map((r) => r.unique)).toEqual(expected);
  });
});
