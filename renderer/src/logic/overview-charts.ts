/**
 * ECharts options of the Overview, built from its totals. Only the chart types and components
 * registered by the view are used (pie, bar, tooltip, legend, grid).
 */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { VolumeState } from '@shared/volume';
import { presentStates, type AccountTotals, type Totals } from './overview-stats';

export type ChartOption = ComposeOption<
  PieSeriesOption | BarSeriesOption | TooltipComponentOption | LegendComponentOption | GridComponentOption
>;

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
        data: presentStates(totals).map(({ state, count }) => ({
          id: state,
          name: `${stateLabel(state)} (${format(count)})`,
          value: count,
          itemStyle: { color: STATE_COLOURS[state] },
        })),
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
          {
            id: 'ACTIVED',
            name: `${labels.enabled} (${format(totals.enabled)})`,
            value: totals.enabled,
            itemStyle: { color: ENABLED_COLOURS.enabled },
          },
          {
            id: 'DISABLED',
            name: `${labels.disabled} (${format(totals.disabled)})`,
            value: totals.disabled,
            itemStyle: { color: ENABLED_COLOURS.disabled },
          },
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
/** A horizontal bar's line, and what the margins and a legend of up to three rows take. */
const BAR_LINE = 26;
const BAR_CHROME = 112;

/** The tenant chart's legend: every state on as many rows as it takes (a paged legend hid most of them). */
const LEGEND = { fontSize: 11, itemWidth: 12, itemHeight: 8, itemGap: 8, textGap: 5, padding: 5, rowHeight: 14 } as const;
/** The chart widths (px) the legend's rows are counted over: from its narrowest (about 400 in a 1280 px window) to its widest. */
const LEGEND_WIDTHS = { from: 280, to: 1400 } as const;
/** Between the axis labels and the legend. */
const LEGEND_MARGIN = 12;

/**
 * A legend text's width, on the wide side (it only sets how many rows to leave room for): a CJK
 * character is an em, a Latin letter (lower case, mostly) about half of one.
 */
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += (char.codePointAt(0) ?? 0) >= 0x2e80 ? LEGEND.fontSize : LEGEND.fontSize * 0.52;
  return width;
}

/** How many rows a plain legend of `names` takes in a chart `width` px wide (ECharts wraps it the same way: item after item, a new row when one does not fit). */
export function legendRows(names: readonly string[], width: number): number {
  const room = width - 2 * LEGEND.padding;
  let rows = names.length > 0 ? 1 : 0;
  let used = 0;
  for (const name of names) {
    const item = LEGEND.itemWidth + LEGEND.textGap + textWidth(name);
    if (used > 0 && used + item > room) {
      rows += 1;
      used = 0;
    }
    used += item + LEGEND.itemGap;
  }
  return rows;
}

/** Each chart width from which the legend of `names` takes one row fewer, with the rows it takes from there. */
function legendSteps(names: readonly string[]): { minWidth: number; rows: number }[] {
  const steps: { minWidth: number; rows: number }[] = [];
  for (let width = LEGEND_WIDTHS.from; width <= LEGEND_WIDTHS.to; width += 1) {
    const rows = legendRows(names, width);
    if (rows !== steps[steps.length - 1]?.rows) steps.push({ minWidth: width, rows });
  }
  return steps;
}

/** The grid's bottom margin that leaves room for `rows` legend rows under the axis labels. */
function legendRoom(rows: number): number {
  return rows * LEGEND.rowHeight + Math.max(0, rows - 1) * LEGEND.itemGap + 2 * LEGEND.padding + LEGEND_MARGIN;
}

/** The tenant chart's height: its usual height, taller when every tenant needs a line of its own. */
export function tenantChartHeight(tenantCount: number, usual = 220): number {
  return tenantCount <= COLUMN_TENANTS ? usual : Math.max(usual, tenantCount * BAR_LINE + BAR_CHROME);
}

/**
 * Volume count per tenant, stacked by state (series `id`); the category index maps back to
 * `account.tenants`. Every tenant keeps its label (ECharts would otherwise drop every other one):
 * a few as columns with their names shortened to the column, more as horizontal bars, first on top.
 */
export function tenantBars(
  account: AccountTotals,
  tenantLabel: (userId: number | null) => string,
  stateLabel: StateLabel,
  format: CountFormat,
): ChartOption {
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
  const names = states.map(stateLabel);
  const steps = legendSteps(names);
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? format(v) : String(v)) },
    legend: {
      type: 'plain',
      bottom: 0,
      itemWidth: LEGEND.itemWidth,
      itemHeight: LEGEND.itemHeight,
      itemGap: LEGEND.itemGap,
      padding: LEGEND.padding,
      textStyle: { fontSize: LEGEND.fontSize },
    },
    grid: { left: 8, right: 16, top: 12, bottom: legendRoom(steps[0]?.rows ?? 0), containLabel: true },
    // The legend wraps to the chart's width, so the room under the plot follows that width
    // (ECharts applies every matching query, the widest last).
    media: steps.map(({ minWidth, rows }) => ({ query: { minWidth }, option: { grid: { bottom: legendRoom(rows) } } })),
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: states.map((state, index) => ({
      type: 'bar',
      id: state,
      name: names[index],
      stack: 'volumes',
      barMaxWidth: 36,
      itemStyle: { color: STATE_COLOURS[state] },
      data: account.tenants.map((t) => t.byState[state]),
    })),
  };
}
