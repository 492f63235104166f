/**
 * ECharts options of the Overview, built from its totals. Only the chart types and components
 * registered by the view are used (pie, bar, tooltip, legend, grid).
 */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { VolumeState } from '@shared/volume';
import { presentStates, type AccountTotals, type Totals } from './overview-stats';

export type ChartOption = ComposeOption<PieSeriesOption | BarSeriesOption | TooltipComponentOption | LegendComponentOption | GridComponentOption>;

/** Green for usable, blue for in use, amber for passing, red for errors, grey for the unknown. */
const STATE_COLOURS: Record<VolumeState, string> = {
  AVAILABLE: '#67c23a',
  IN_USE: '#409eff',
  CREATING: '#e6a23c',
  DOWNLOADING: '#d9a441',
  ATTACHING: '#f0b95c',
  DETACHING: '#c98a26',
  DELETING: '#b87d2b',
  UPLOADING: '#eab676',
  BACKING_UP: '#d6a35a',
  RESTORING_BACKUP: '#caa066',
  ERROR: '#f56c6c',
  ERROR_DELETING: '#d64545',
  ERROR_RESTORING: '#f89898',
  UNRECOGNIZED: '#909399',
};

const ENABLED_COLOURS = { enabled: '#67c23a', disabled: '#909399' } as const;

const base = { backgroundColor: 'transparent', animationDuration: 300 } as const;

/** A state's name in the user's language. */
export type StateLabel = (state: VolumeState) => string;

/** A count as the user's language writes it ("10,000"). */
export type CountFormat = (value: number) => string;

/** Volumes by state, named with their count; each slice's `id` is the state, so a click can filter on it. */
export function statePie(totals: Totals, stateLabel: StateLabel, format: CountFormat): ChartOption {
  return {
    ...base,
    tooltip: { trigger: 'item', formatter: '{b}: {d}%' },
    // Many small slices: a legend reads better than labels around the ring.
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    series: [
      {
        type: 'pie',
        radius: ['38%', '68%'],
        center: ['32%', '50%'],
        label: { show: false },
        data: presentStates(totals).map(({ state, count }) => ({ id: state, name: `${stateLabel(state)} (${format(count)})`, value: count, itemStyle: { color: STATE_COLOURS[state] } })),
      },
    ],
  };
}

/** Enabled and disabled volumes; `id` carries the API's status for a click. */
export function enabledPie(totals: Totals, labels: { enabled: string; disabled: string }, format: CountFormat): ChartOption {
  return {
    ...base,
    tooltip: { trigger: 'item', formatter: '{b}: {d}%' },
    legend: { bottom: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    series: [
      {
        type: 'pie',
        radius: ['38%', '66%'],
        center: ['50%', '45%'],
        label: { show: false },
        data: [
          { id: 'ACTIVED', name: `${labels.enabled} (${format(totals.enabled)})`, value: totals.enabled, itemStyle: { color: ENABLED_COLOURS.enabled } },
          { id: 'DISABLED', name: `${labels.disabled} (${format(totals.disabled)})`, value: totals.disabled, itemStyle: { color: ENABLED_COLOURS.disabled } },
        ].filter((d) => d.value > 0),
      },
    ],
  };
}

/** Up to this many tenants stand as columns; more lie as horizontal bars, one label a line. */
export const COLUMN_TENANTS = 6;
/** The widest a tenant's name is drawn beside its bar or under its column (px); the tooltip has it whole. */
const BAR_LABEL_WIDTH = 120;
/** Columns share about this much room at 1280 px (the chart's narrowest), each label at least the minimum. */
const COLUMN_ROOM = 360;
const COLUMN_LABEL_MIN = 64;
/** A horizontal bar's line, and what the legend and margins take. */
const BAR_LINE = 26;
const BAR_CHROME = 64;

/** The tenant chart's height: its usual height, taller when every tenant needs a line of its own. */
export function tenantChartHeight(tenantCount: number, usual = 220): number {
  return tenantCount <= COLUMN_TENANTS ? usual : Math.max(usual, tenantCount * BAR_LINE + BAR_CHROME);
}

/**
 * Volume count per tenant, stacked by state (series `id`); the category index maps back to
 * `account.tenants`. Every tenant keeps its label (ECharts would otherwise drop every other one):
 * a few as columns with their names shortened to the column, more as horizontal bars, first on top.
 */
export function tenantBars(account: AccountTotals, tenantLabel: (userId: number | null) => string, stateLabel: StateLabel, format: CountFormat): ChartOption {
  const states = presentStates(account).map((s) => s.state);
  const horizontal = account.tenants.length > COLUMN_TENANTS;
  const category = {
    type: 'category' as const,
    data: account.tenants.map((t) => tenantLabel(t.userId)),
    inverse: horizontal,
    axisLabel: {
      fontSize: 11,
      interval: 0,
      width: horizontal ? BAR_LABEL_WIDTH : Math.max(COLUMN_LABEL_MIN, Math.floor(COLUMN_ROOM / Math.max(1, account.tenants.length))),
      overflow: 'truncate' as const,
      hideOverlap: false,
    },
  };
  const value = { type: 'value' as const, minInterval: 1, axisLabel: { formatter: (v: number) => format(v) } };
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? format(v) : String(v)) },
    legend: { type: 'scroll', bottom: 0, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 16, top: 12, bottom: 36, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: states.map((state) => ({
      type: 'bar',
      id: state,
      name: stateLabel(state),
      stack: 'volumes',
      barMaxWidth: 36,
      itemStyle: { color: STATE_COLOURS[state] },
      data: account.tenants.map((t) => t.byState[state]),
    })),
  };
}
