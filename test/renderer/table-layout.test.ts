import { describe, expect, it } from 'vitest';
import { rowMove } from '../../renderer/src/logic/shortcuts';
import { COLUMN_SIZES, DEFAULT_COLUMNS, fitColumnWidths, type ColumnId } from '../../renderer/src/logic/volume-columns';

const total = (widths: Record<ColumnId, number>, columns: readonly ColumnId[]) => columns.reduce((sum, id) => sum + widths[id], 0);

describe('column widths by priority', () => {
  it('gives the room left over to Name', () => {
    const widths = fitColumnWidths(['name', 'size', 'updated'], 1000);
    expect(widths).toEqual({
      name: 1000 - COLUMN_SIZES.size.ideal - COLUMN_SIZES.updated.ideal,
      size: COLUMN_SIZES.size.ideal,
      updated: COLUMN_SIZES.updated.ideal,
    });
  });

  it('with room to spare, grows Attached to and Account to their whole text before Name takes the rest', () => {
    const ideals = DEFAULT_COLUMNS.reduce((sum, id) => sum + COLUMN_SIZES[id].ideal, 0);
    const growth = (id: ColumnId) => (COLUMN_SIZES[id].whole ?? 0) - COLUMN_SIZES[id].ideal;
    expect(growth('attachedTo')).toBeGreaterThan(0);
    expect(growth('account')).toBeGreaterThan(0);
    const some = fitColumnWidths(DEFAULT_COLUMNS, ideals + 30);
    expect([some.attachedTo, some.account, some.name]).toEqual([
      COLUMN_SIZES.attachedTo.ideal + 30,
      COLUMN_SIZES.account.ideal,
      COLUMN_SIZES.name.ideal,
    ]);
    const wide = fitColumnWidths(DEFAULT_COLUMNS, ideals + 500);
    expect([wide.attachedTo, wide.account, wide.updated]).toEqual([
      COLUMN_SIZES.attachedTo.whole,
      COLUMN_SIZES.account.whole,
      COLUMN_SIZES.updated.ideal,
    ]);
    expect(wide.name).toBe(COLUMN_SIZES.name.ideal + 500 - growth('attachedTo') - growth('account'));
    expect(total(wide, DEFAULT_COLUMNS)).toBe(ideals + 500);
  });

  it('short of room, shrinks Attached to first, then Account, and never a date or a size', () => {
    const ideals = DEFAULT_COLUMNS.reduce((sum, id) => sum + COLUMN_SIZES[id].ideal, 0);
    const slightly = fitColumnWidths(DEFAULT_COLUMNS, ideals - 20);
    expect(slightly.attachedTo).toBe(COLUMN_SIZES.attachedTo.ideal - 20);
    expect(slightly.account).toBe(COLUMN_SIZES.account.ideal);
    const more = fitColumnWidths(DEFAULT_COLUMNS, ideals - 60);
    expect(more.attachedTo).toBe(COLUMN_SIZES.attachedTo.min);
    expect(more.account).toBe(COLUMN_SIZES.account.ideal - (60 - (COLUMN_SIZES.attachedTo.ideal - COLUMN_SIZES.attachedTo.min)));
    expect(total(more, DEFAULT_COLUMNS)).toBe(ideals - 60);
    expect([more.updated, more.size]).toEqual([COLUMN_SIZES.updated.ideal, COLUMN_SIZES.size.ideal]);
  });

  it('stops at the minimums (the table then scrolls sideways) and keeps every header whole', () => {
    const narrow = fitColumnWidths(DEFAULT_COLUMNS, 300);
    for (const id of DEFAULT_COLUMNS) expect(narrow[id]).toBe(COLUMN_SIZES[id].min);
    const withHeaders = fitColumnWidths(DEFAULT_COLUMNS, 300, { enabled: 140, name: 10 });
    expect(withHeaders.enabled).toBe(140);
    expect(withHeaders.name).toBe(COLUMN_SIZES.name.min);
  });
});

describe('moving through the table by keyboard', () => {
  it('lands the first move on the first row (End on the last) when no row has the focus', () => {
    expect(rowMove('ArrowDown', -1, 5)).toBe(0);
    expect(rowMove('PageDown', -1, 5)).toBe(0);
    expect(rowMove('ArrowUp', -1, 5)).toBe(0);
    expect(rowMove('End', -1, 5)).toBe(4);
  });

  it('moves by one, by ten and to either end, within the rows', () => {
    expect(rowMove('ArrowDown', 0, 5)).toBe(1);
    expect(rowMove('ArrowDown', 4, 5)).toBe(4);
    expect(rowMove('ArrowUp', 0, 5)).toBe(0);
    expect(rowMove('PageDown', 2, 50)).toBe(12);
    expect(rowMove('PageUp', 2, 50)).toBe(0);
    expect(rowMove('Home', 30, 50)).toBe(0);
    expect(rowMove('End', 3, 50)).toBe(49);
  });

  it('ignores other keys and empty tables', () => {
    expect(rowMove('a', 0, 5)).toBeNull();
    expect(rowMove('ArrowDown', -1, 0)).toBeNull();
  });
});
