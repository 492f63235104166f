/// <reference lib="dom" />
/**
 * The bench's anchor: a bare el-table-v2 with the app's 12 columns, a fixed row height and the
 * same rows, plus the least glue a page needs to filter, sort and select them. The app's figures
 * are printed as ratios to this page's, measured in the same Chromium run.
 *
 * The page fetches `rows.json` (the same rows the app shows) and stamps when the text arrived, so
 * "data → painted" covers parsing and drawing, as it does for the app's listings.
 */
import { computed, createApp, h, shallowRef, type ComputedRef } from 'vue';
import { ElTableV2 } from 'element-plus';
import 'element-plus/theme-chalk/base.css';
import 'element-plus/theme-chalk/el-table-v2.css';
import 'element-plus/theme-chalk/el-virtual-list.css';

interface Row {
  key: string;
  name: string;
  description: string;
  size: number;
  [field: string]: unknown;
}

const FIELDS = [
  'name',
  'status',
  'volumeStatus',
  'size',
  'attachments',
  'userid',
  'accountId',
  'zone',
  'volumeType',
  'bootable',
  'created',
  'updated',
];
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const probe = { lastListingAt: 0, paintedAt: 0 };
Object.assign(window, { __probe: probe });

const all = shallowRef<Row[]>([]);
const keyword = shallowRef('');
const sortKey = shallowRef<string | null>(null);
const selected = shallowRef<ReadonlySet<string>>(new Set());

const filtered = computed(() => {
  const needle = keyword.value.trim().toLowerCase();
  return needle === '' ? all.value : all.value.filter((r) => `${r.name}\n${r.description}`.toLowerCase().includes(needle));
});
const shown: ComputedRef<Row[]> = computed(() => {
  const key = sortKey.value;
  if (key === null) return filtered.value;
  return [...filtered.value].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    return typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
  });
});

const text = (value: unknown): string =>
  Array.isArray(value) ? value.map((a: { serverId: string }) => a.serverId).join(', ') : String(value ?? '');

const App = {
  setup() {
    const columns = computed(() => [
      {
        key: 'select',
        width: 48,
        headerCellRenderer: () =>
          h('input', {
            type: 'checkbox',
            'data-testid': 'select-all',
            onChange: () => (selected.value = selected.value.size > 0 ? new Set() : new Set(shown.value.map((r) => r.key))),
          }),
        cellRenderer: ({ rowData }: { rowData: Row }) => h('input', { type: 'checkbox', checked: selected.value.has(rowData.key) }),
      },
      ...FIELDS.map((field) => ({
        key: field,
        dataKey: field,
        title: field,
        width: 120,
        headerCellRenderer: () => h('button', { 'data-column': field, onClick: () => (sortKey.value = field) }, field),
        cellRenderer: ({ cellData }: { cellData: unknown }) => h('span', text(cellData)),
      })),
    ]);
    return () =>
      h('div', { style: 'display:flex;flex-direction:column;height:100vh' }, [
        h('div', { style: 'height:40px' }, [
          h('input', {
            'data-testid': 'volume-search',
            onInput: (event: Event) => (keyword.value = (event.target as HTMLInputElement).value),
          }),
          h('span', { 'data-testid': 'volume-count' }, `${shown.value.length} of ${all.value.length}`),
        ]),
        h(ElTableV2, {
          columns: columns.value,
          data: shown.value,
          width: 1440,
          height: 820,
          rowHeight: 40,
          headerHeight: 40,
          rowKey: 'key',
          fixed: true,
          rowProps: ({ rowData }: { rowData: Row }) => ({
            'data-testid': 'volume-row',
            'data-key': rowData.key,
            'aria-selected': selected.value.has(rowData.key) ? 'true' : 'false',
          }),
        }),
      ]);
  },
};

createApp(App).mount('#app');

const response = await fetch('./rows.json');
const body = await response.text();
probe.lastListingAt = performance.now();
all.value = JSON.parse(body) as Row[];
const watch = () => {
  if (document.querySelector('[data-testid=volume-row]')) setTimeout(() => (probe.paintedAt = performance.now()));
  else requestAnimationFrame(watch);
};
requestAnimationFrame(watch);
