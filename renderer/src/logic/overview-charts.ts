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

/** Volumes by state, named with their count; each slice's `id` is the state, so a click can filter on it. */
export function statePie(totals: Totals, stateLabel: StateLabel): ChartOption {
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
        data: presentStates(totals).map(({ state, count }) => ({ id: state, name: `${stateLabel(state)} (${count})`, value: count, itemStyle: { color: STATE_COLOURS[state] } })),
      },
    ],
  };
}

/** Enabled and disabled volumes; `id` carries the API's status for a click. */
export function enabledPie(totals: Totals, labels: { enabled: string; disabled: string }): ChartOption {
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
          { id: 'ACTIVED', name: `${labels.enabled} (${totals.enabled})`, value: totals.enabled, itemStyle: { color: ENABLED_COLOURS.enabled } },
          { id: 'DISABLED', name: `${labels.disabled} (${totals.disabled})`, value: totals.disabled, itemStyle: { color: ENABLED_COLOURS.disabled } },
        ].filter((d) => d.value > 0),
      },
    ],
  };
}

/** Volume count per tenant, stacked by state (series `id`); the category index maps back to `account.tenants`. */
export function tenantBars(account: AccountTotals, tenantLabel: (userId: number | null) => string, stateLabel: StateLabel): ChartOption {
  const states = presentStates(account).map((s) => s.state);
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', bottom: 0, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 8, top: 12, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: account.tenants.map((t) => tenantLabel(t.userId)), axisLabel: { fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1 },
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
