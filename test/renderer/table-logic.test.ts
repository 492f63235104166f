import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS } from '../../renderer/src/stores/navigation';
import { filterRows } from '../../renderer/src/logic/volume-filter';
import { chosenColumns, DEFAULT_COLUMNS, type ColumnContext } from '../../renderer/src/logic/volume-columns';
import { nextSort, sortRows } from '../../renderer/src/logic/volume-sort';
import { clickRow, EMPTY_SELECTION, keepVisible, selectAll, selectsAllOf, toggleRow } from '../../renderer/src/logic/selection';
import { toCsv, toJson, type DisplayWords } from '../../renderer/src/logic/table-export';
import { row } from './fixtures';

const context: ColumnContext = {
  tenantLabel: (r) => (r.userid === 7 ? 'Finance' : `User ${r.userid}`),
  accountName: (r) => `Acc ${r.accountId}`,
};

const rows = [
  row('a', 1, { name: 'db-primary', description: 'main database', size: 100, userid: 7 }),
  row('a', 2, { name: 'web-01', status: 'DISABLED', volumeStatus: 'ERROR', size: 20 }),
  row('b', 3, {
    name: 'Web-02',
    description: 'frontend',
    volumeStatus: 'IN_USE',
    size: 5,
    zone: null,
    attachments: [{ serverId: 'srv-1', device: '/dev/vdb', attachedAt: 1 }],
  }),
];

describe('filters', () => {
  it('keyword matches name or description, ignoring case', () => {
    expect(filterRows(rows, { ...EMPTY_FILTERS, keyword: 'WEB' }).map((r) => r.unique)).toEqual([2, 3]);
    expect(filterRows(rows, { ...EMPTY_FILTERS, keyword: 'database' }).map((r) => r.unique)).toEqual([1]);
  });

  it('combines enabled, states, account and tenant', () => {
    expect(filterRows(rows, { ...EMPTY_FILTERS, enabled: 'DISABLED' }).map((r) => r.unique)).toEqual([2]);
    expect(filterRows(rows, { ...EMPTY_FILTERS, states: ['ERROR', 'IN_USE'] }).map((r) => r.unique)).toEqual([2, 3]);
    expect(filterRows(rows, { ...EMPTY_FILTERS, accountId: 'a', userId: 7 }).map((r) => r.unique)).toEqual([1]);
    expect(filterRows(rows, { ...EMPTY_FILTERS, accountId: 'b', states: ['ERROR'] })).toEqual([]);
  });
});

describe('sorting', () => {
  it('sorts numbers as numbers and names naturally, both ways', () => {
    expect(sortRows(rows, { column: 'size', order: 'asc' }, context).map((r) => r.size)).toEqual([5, 20, 100]);
    expect(sortRows(rows, { column: 'name', order: 'desc' }, context).map((r) => r.name)).toEqual(['Web-02', 'web-01', 'db-primary']);
  });

  it('keeps empty values last whatever the order', () => {
    expect(sortRows(rows, { column: 'zone', order: 'asc' }, context).at(-1)?.unique).toBe(3);
    expect(sortRows(rows, { column: 'zone', order: 'desc' }, context).at(-1)?.unique).toBe(3);
  });

  it('sorts by labels of tenants and accounts', () => {
    expect(sortRows(rows, { column: 'tenant', order: 'asc' }, context)[0]?.unique).toBe(1);
    expect(sortRows(rows, { column: 'account', order: 'desc' }, context)[0]?.unique).toBe(3);
  });

  it('a header click cycles ascending, descending, none', () => {
    const asc = nextSort(null, 'size');
    expect(asc).toEqual({ column: 'size', order: 'asc' });
    expect(nextSort(asc, 'size')).toEqual({ column: 'size', order: 'desc' });
    expect(nextSort({ column: 'size', order: 'desc' }, 'size')).toBeNull();
    expect(nextSort(asc, 'name')).toEqual({ column: 'name', order: 'asc' });
  });
});

describe('selection', () => {
  const visible = ['k1', 'k2', 'k3', 'k4', 'k5'];

  it('click selects one; ctrl-click toggles; shift-click selects the range from the anchor', () => {
    let s = clickRow(EMPTY_SELECTION, visible, 'k2');
    expect([...s.selected]).toEqual(['k2']);
    s = clickRow(s, visible, 'k4', { shift: true });
    expect([...s.selected].sort()).toEqual(['k2', 'k3', 'k4']);
    s = clickRow(s, visible, 'k1', { shift: true });
    expect([...s.selected].sort()).toEqual(['k1', 'k2']);
    s = clickRow(s, visible, 'k5', { toggle: true });
    expect([...s.selected].sort()).toEqual(['k1', 'k2', 'k5']);
    s = clickRow(s, visible, 'k2', { toggle: true });
    expect([...s.selected].sort()).toEqual(['k1', 'k5']);
    s = clickRow(s, visible, 'k3');
    expect([...s.selected]).toEqual(['k3']);
  });

  it('select all takes the visible rows only; filtering drops hidden ones', () => {
    const all = selectAll(['k1', 'k3']);
    expect([...all.selected]).toEqual(['k1', 'k3']);
    expect([...keepVisible(all, ['k3', 'k4']).selected]).toEqual(['k3']);
  });

  it('knows a select all of this very key list, and no longer once a row is toggled or the list is another', () => {
    const visible = ['k1', 'k3'];
    const all = selectAll(visible);
    expect(selectsAllOf(all, visible)).toBe(true);
    expect(selectsAllOf(all, ['k1', 'k3'])).toBe(false);
    expect(selectsAllOf(toggleRow(all, 'k3'), visible)).toBe(false);
    expect(selectsAllOf(clickRow(all, visible, 'k1'), visible)).toBe(false);
  });
});

describe('export', () => {
  const words: DisplayWords = {
    enabled: (s) => (s === 'ACTIVED' ? 'On' : 'Off'),
    state: (s) => `state ${s}`,
    stuck: 'Stuck',
    yes: 'Yes',
    no: 'No',
  };
  const headers = {
    name: 'Name',
    enabled: 'Enabled',
    state: 'State',
    size: 'Size (GB)',
    attachedTo: 'Attached to',
    tenant: 'Tenant',
    account: 'Account',
    zone: 'Zone',
    type: 'Type',
    bootable: 'Bootable',
    created: 'Created',
    updated: 'Updated',
  };

  it('CSV has the visible columns in order, quotes what needs it and defuses formulas', () => {
    const tricky = [row('a', 9, { name: '=cmd()', description: '', size: 1 }), row('a', 10, { name: 'has, comma "q"' }), rows[2]!];
    const csv = toCsv(tricky, ['name', 'size', 'attachedTo'], headers, context, words);
    expect(csv.split('\r\n')).toEqual([
      'Name,Size (GB),Attached to',
      "'=cmd(),1,",
      '"has, comma ""q""",10,',
      'Web-02,5,srv-1 (/dev/vdb)',
      '',
    ]);
  });

  it("CSV says what the table shows: states, switches and flags in words, not the API's values", () => {
    const stuck = row('a', 11, { name: 'slow', volumeStatus: 'DETACHING', status: 'DISABLED', bootable: true });
    const odd = row('a', 12, { name: 'odd', volumeStatus: 'UNRECOGNIZED' });
    const csv = toCsv([rows[0]!, { ...stuck, stuck: true }, odd], ['name', 'enabled', 'state', 'bootable'], headers, context, words);
    expect(csv.split('\r\n')).toEqual([
      'Name,Enabled,State,Bootable',
      'db-primary,On,state AVAILABLE,No',
      'slow,Off,state DETACHING (Stuck),Yes',
      'odd,On,state UNRECOGNIZED,No',
      '',
    ]);
    expect(csv).not.toMatch(/ACTIVED|DISABLED/);
  });

  it('JSON keeps every field with account and tenant names', () => {
    const parsed = JSON.parse(toJson([rows[0]!], context)) as Record<string, unknown>[];
    expect(parsed[0]).toMatchObject({
      unique: 1,
      name: 'db-primary',
      accountId: 'a',
      account: 'Acc a',
      tenant: 'Finance',
      volumeId: 'uuid-1',
    });
    expect(parsed[0]).not.toHaveProperty('key');
    expect(parsed[0]).toMatchObject({ status: 'ACTIVED', volumeStatus: 'AVAILABLE' }); // the API's raw values, for programs
  });
});

describe('column chooser', () => {
  it('shows the default choice until one is saved, always keeps the name, and ignores unknown ids', () => {
    expect(chosenColumns(null)).toEqual(DEFAULT_COLUMNS);
    expect(chosenColumns(['size', 'state'])).toEqual(['name', 'state', 'size']);
    expect(chosenColumns(['gone', 'zone'])).toEqual(['name', 'zone']);
  });
});
