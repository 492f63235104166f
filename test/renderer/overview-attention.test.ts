import { describe, expect, it } from 'vitest';
import { needingAttention } from '../../renderer/src/logic/overview-stats';
import { row } from './fixtures';

describe('the attention list', () => {
  it('orders names as the table does: numbers by value, case ignored', () => {
    const names = ['vol-10', 'Vol-9', 'vol-100', 'alpha'];
    const rows = names.map((name, i) => row('a', i + 1, { name, volumeStatus: 'ERROR' }));
    expect(needingAttention(rows).map((f) => f.row.name)).toEqual(['alpha', 'Vol-9', 'vol-10', 'vol-100']);
  });

  it('orders names with and without collation keys together, as the collator would', () => {
    const names = ['zebra', 'éclair', 'apple-2', 'Ärger', '数据卷', 'apple-10'];
    const rows = names.map((name, i) => row('a', i + 1, { name, volumeStatus: 'ERROR' }));
    const expected = [...names].sort(new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare);
    expect(needingAttention(rows).map((f) => f.row.name)).toEqual(expected);
  });
});
