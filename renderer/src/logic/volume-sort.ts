/** Sorting the volume table by any column; empty values always last, ties kept in their order. */
import { collationKey, textCollator } from './collation-key';
import { columnValue, type ColumnContext, type ColumnId, type ColumnValue } from './volume-columns';
import type { VolumeRow } from '../stores/volumes';

export type SortOrder = 'asc' | 'desc';
export interface SortState {
  column: ColumnId;
  order: SortOrder;
}

interface Keyed {
  row: VolumeRow;
  index: number;
  value: ColumnValue;
  /** The text's collation key, when it has one. */
  key: string | null;
}

function compareValues(x: Keyed, y: Keyed): number {
  const a = x.value;
  const b = y.value;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (x.key !== null && y.key !== null) return x.key < y.key ? -1 : x.key > y.key ? 1 : 0;
  return textCollator.compare(String(a), String(b));
}

function isEmpty(value: ColumnValue): boolean {
  return value === null || value === '';
}

/** Columns whose value is the row's own (no label, account or server name), so an order found once holds while the rows array does. */
const ROW_OWN_COLUMNS: ReadonlySet<ColumnId> = new Set(['name', 'enabled', 'state', 'size', 'zone', 'type', 'bootable', 'created', 'updated']);
/** Orders kept per rows array: a few (each is one pointer per row), the latest ones. */
const KEPT_ORDERS = 4;
const ordersByRows = new WeakMap<readonly VolumeRow[], Map<string, readonly VolumeRow[]>>();

/** The rows in the given order (the rows themselves without one); not to be changed: an order is kept for the same rows array and sort. */
export function sortRows(rows: readonly VolumeRow[], sort: SortState | null, context: ColumnContext): readonly VolumeRow[] {
  if (!sort) return rows;
  if (!ROW_OWN_COLUMNS.has(sort.column)) return sortedCopy(rows, sort, context);
  // Back to an order seen for these rows (another column, then this one again) costs no sort.
  let orders = ordersByRows.get(rows);
  if (!orders) ordersByRows.set(rows, (orders = new Map()));
  const id = `${sort.column} ${sort.order}`;
  let sorted = orders.get(id);
  if (sorted) orders.delete(id);
  else sorted = sortedCopy(rows, sort, context);
  orders.set(id, sorted);
  if (orders.size > KEPT_ORDERS) orders.delete(orders.keys().next().value!);
  return sorted;
}

/** Columns whose value is always a number (never empty). */
const NUMBER_COLUMNS: ReadonlySet<ColumnId> = new Set(['size', 'created', 'updated']);

/** Rows by a number column: the values in a typed array and the positions sorted, no object per row (about half the time at 100,000). */
function sortedByNumber(rows: readonly VolumeRow[], column: ColumnId, sign: number, context: ColumnContext): VolumeRow[] {
  const n = rows.length;
  const values = new Float64Array(n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    values[i] = columnValue(column, rows[i]!, context) as number;
    order[i] = i;
  }
  order.sort((a, b) => sign * (values[a]! - values[b]!) || a - b);
  const sorted = new Array<VolumeRow>(n);
  for (let i = 0; i < n; i++) sorted[i] = rows[order[i]!]!;
  return sorted;
}

function sortedCopy(rows: readonly VolumeRow[], sort: SortState, context: ColumnContext): VolumeRow[] {
  const sign = sort.order === 'asc' ? 1 : -1;
  if (NUMBER_COLUMNS.has(sort.column)) return sortedByNumber(rows, sort.column, sign, context);
  // Read each value once: 10,000 rows sort in a few milliseconds this way.
  const keyed = rows.map((row, index): Keyed => {
    const value = columnValue(sort.column, row, context);
    return { row, index, value, key: typeof value === 'string' ? collationKey(value) : null };
  });
  keyed.sort((x, y) => {
    const xe = isEmpty(x.value);
    const ye = isEmpty(y.value);
    if (xe || ye) return xe === ye ? x.index - y.index : xe ? 1 : -1;
    return sign * compareValues(x, y) || x.index - y.index;
  });
  return keyed.map((k) => k.row);
}

/** The next sort after a click on a column's header: ascending, descending, then none. */
export function nextSort(current: SortState | null, column: ColumnId): SortState | null {
  if (current?.column !== column) return { column, order: 'asc' };
  return current.order === 'asc' ? { column, order: 'desc' } : null;
}
