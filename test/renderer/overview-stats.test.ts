import { describe, expect, it } from 'vitest';
import { accountFigures, needingAttention, overviewTotals, presentStates } from '../../renderer/src/logic/overview-stats';
import type { EnabledStatus, VolumeState } from '../../electron/shared/volume';

let next = 1;
function row(
  accountId: string,
  userid: number | null,
  volumeStatus: VolumeState,
  size: number,
  status: EnabledStatus = 'ACTIVED',
  stuck = false,
) {
  const unique = next++;
  return {
    unique,
    userid,
    name: `v${String(unique).padStart(2, '0')}`,
    volumeStatus,
    status,
    size,
    accountId,
    key: `${accountId}:${unique}`,
    stuck,
  };
}

describe('overview totals', () => {
  const rows = [
    row('a', 101, 'AVAILABLE', 10),
    row('a', 101, 'IN_USE', 20, 'ACTIVED'),
    row('a', 102, 'ERROR', 5, 'DISABLED'),
    row('b', 201, 'AVAILABLE', 100),
    row('a', null, 'CREATING', 1),
  ];

  it('adds up each account and each of its tenants', () => {
    const [a, b] = overviewTotals(rows, ['a', 'b']);
    expect(a).toMatchObject({ accountId: 'a', count: 4, totalGb: 36, enabled: 3, disabled: 1 });
    expect(a?.byState).toMatchObject({ AVAILABLE: 1, IN_USE: 1, ERROR: 1, CREATING: 1, DELETING: 0 });
    expect(a?.tenants.map((t) => [t.userId, t.count, t.totalGb])).toEqual([
      [101, 2, 30],
      [102, 1, 5],
      [null, 1, 1],
    ]);
    expect(b).toMatchObject({ accountId: 'b', count: 1, totalGb: 100 });
  });

  it('keeps accounts without volumes, in the given order', () => {
    const totals = overviewTotals(rows, ['empty', 'b']);
    expect(totals.map((t) => t.accountId)).toEqual(['empty', 'b', 'a']);
    expect(totals[0]).toMatchObject({ count: 0, totalGb: 0, tenants: [] });
  });

  it('lists only the states present, for the chart', () => {
    const [a] = overviewTotals(rows, ['a']);
    expect(presentStates(a!)).toEqual([
      { state: 'AVAILABLE', count: 1 },
      { state: 'CREATING', count: 1 },
      { state: 'ERROR', count: 1 },
      { state: 'IN_USE', count: 1 },
    ]);
  });
});

describe('volumes needing attention', () => {
  it('are those in an error state, then those stuck, each by name', () => {
    const rows = [
      row('a', 1, 'AVAILABLE', 1),
      row('a', 1, 'ERROR_DELETING', 1),
      row('a', 1, 'DETACHING', 1, 'ACTIVED', true),
      row('a', 1, 'ERROR', 1),
      row('a', 1, 'ATTACHING', 1),
      row('a', 1, 'ERROR_RESTORING', 1, 'DISABLED'),
    ];
    const found = needingAttention(rows);
    expect(found.map((f) => [f.row.volumeStatus, f.reason])).toEqual([
      ['ERROR_DELETING', 'error'],
      ['ERROR', 'error'],
      ['ERROR_RESTORING', 'error'],
      ['DETACHING', 'stuck'],
    ]);
  });
});

describe("an account's figures", () => {
  it('are counted once per rows array, and again for a new array of the same account', () => {
    const rows = [row('a', 1, 'AVAILABLE', 3), row('a', 1, 'ERROR', 4)];
    const first = accountFigures(rows, 'a');
    expect(first.totals).toMatchObject({ accountId: 'a', count: 2, totalGb: 7 });
    expect(first.attention.map((x) => x.row)).toEqual([rows[1]]);
    expect(accountFigures(rows, 'a')).toBe(first);
    const next = [...rows, row('a', 2, 'ERROR_DELETING', 5)];
    expect(accountFigures(next, 'a').totals).toMatchObject({ count: 3, totalGb: 12 });
    expect(accountFigures(next, 'a').attention).toHaveLength(2);
  });
});

describe('overview charts', () => {
  it('draws a slice per present state, a bar per tenant stacked by state', async () => {
    const { statePie, tenantBars, enabledPie } = await import('../../renderer/src/logic/overview-charts');
    const rows = [row('z', 101, 'AVAILABLE', 10), row('z', 101, 'ERROR', 1, 'DISABLED'), row('z', 102, 'AVAILABLE', 5)];
    const [z] = overviewTotals(rows, ['z']);
    const label = (state: string) => state.toLowerCase();
    const format = (n: number) => `#${n}`;
    const pie = statePie(z!, label, format) as { series: { data: { id: string; name: string; value: number }[] }[] };
    expect(pie.series[0]?.data.map((d) => [d.id, d.name, d.value])).toEqual([
      ['AVAILABLE', 'available (#2)', 2],
      ['ERROR', 'error (#1)', 1],
    ]);
    const bars = tenantBars(z!, (id) => `T${id}`, label, format) as {
      xAxis: { data: string[] };
      yAxis: { type: string };
      series: { id: string; name: string; data: number[] }[];
    };
    expect(bars.xAxis.data).toEqual(['T101', 'T102']);
    expect(bars.series.map((s) => [s.id, s.name, s.data])).toEqual([
      ['AVAILABLE', 'available', [1, 1]],
      ['ERROR', 'error', [1, 0]],
    ]);
    expect(bars.yAxis).toMatchObject({ type: 'value' });
    const enabled = enabledPie(z!, { enabled: 'On', disabled: 'Off' }, format) as { series: { data: { id: string; value: number }[] }[] };
    expect(enabled.series[0]?.data.map((d) => [d.id, d.value])).toEqual([
      ['ACTIVED', 2],
      ['DISABLED', 1],
    ]);
  });

  it('shows every state in the tenant chart legend, over as many rows as the chart width takes, leaving room for them', async () => {
    const { tenantBars, legendRows } = await import('../../renderer/src/logic/overview-charts');
    const states = [
      'AVAILABLE',
      'ATTACHING',
      'CREATING',
      'DELETING',
      'DOWNLOADING',
      'ERROR',
      'ERROR_DELETING',
      'IN_USE',
      'DETACHING',
      'UNRECOGNIZED',
    ] as const;
    const rows = states.map((state, i) => row('z', 100 + (i % 4), state, 10));
    const [z] = overviewTotals(rows, ['z']);
    const en = (s: string) => s.toLowerCase().replace('_', ' ');
    type Media = { query: { minWidth: number }; option: { grid: { bottom: number } } };
    const bars = tenantBars(z!, (id) => `T${id}`, en, String) as {
      legend: { type: string };
      grid: { bottom: number };
      media: Media[];
      series: { name: string }[];
    };
    expect(bars.legend.type).toBe('plain'); // no pages: every state is in view
    expect(bars.series.map((s) => s.name).sort()).toEqual(states.map(en).sort());
    const names = bars.series.map((s) => s.name);
    expect(legendRows(names, 400)).toBeGreaterThanOrEqual(2);
    expect(legendRows(names, 1120)).toBe(1);
    expect(
      legendRows(['可用', '挂载中', '创建中', '删除中', '下载中', '错误', '删除出错', '使用中', '卸载中', '变更中'], 400),
    ).toBeGreaterThanOrEqual(2);
    // The narrowest chart leaves the most room under the plot; wider ones, as the legend needs fewer rows.
    const bottoms = bars.media.map((m) => m.option.grid.bottom);
    expect(bars.grid.bottom).toBeGreaterThan(bottoms[bottoms.length - 1]!);
    expect([...bottoms].sort((a, b) => b - a)).toEqual(bottoms);
  });

  it('names every tenant: a few as columns, more as horizontal bars on a taller chart', async () => {
    const { tenantBars, tenantChartHeight, COLUMN_TENANTS } = await import('../../renderer/src/logic/overview-charts');
    const rows = Array.from({ length: COLUMN_TENANTS + 1 }, (_, i) => row('z', 200 + i, 'AVAILABLE', 10));
    const [many] = overviewTotals(rows, ['z']);
    type Axis = { type: string; data?: string[]; axisLabel?: { interval?: number; overflow?: string } };
    const bars = tenantBars(
      many!,
      (id) => `Tenant ${id}`,
      (s) => s,
      String,
    ) as { xAxis: Axis; yAxis: Axis };
    expect(bars.yAxis.type).toBe('category');
    expect(bars.yAxis.data).toHaveLength(COLUMN_TENANTS + 1);
    expect(bars.yAxis.axisLabel).toMatchObject({ interval: 0, overflow: 'truncate' }); // no label skipped, long ones cut (the tooltip has them whole)
    expect(bars.xAxis.type).toBe('value');
    const [few] = overviewTotals(rows.slice(0, 2), ['z']);
    const columns = tenantBars(
      few!,
      (id) => `Tenant ${id}`,
      (s) => s,
      String,
    ) as { xAxis: Axis };
    expect(columns.xAxis).toMatchObject({ type: 'category', axisLabel: { interval: 0 } });
    expect(tenantChartHeight(2)).toBe(220);
    expect(tenantChartHeight(30)).toBeGreaterThan(30 * 20);
  });
});
