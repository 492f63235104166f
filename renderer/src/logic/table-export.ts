/**
 * The current table (filtered and sorted rows, visible columns) as CSV or JSON, and its download.
 * The CSV is what the table shows, in the window's words (a state as "Available", not the API's
 * `AVAILABLE`), under the same headers; the JSON keeps the API's raw fields for programs.
 */
import dayjs from 'dayjs';
import type { EnabledStatus, VolumeState } from '@shared/volume';
import { columnValue, type ColumnContext, type ColumnId } from './volume-columns';
import type { VolumeRow } from '@/stores/volumes';

/** The words the table shows for the API's values, in the window's language. */
export interface DisplayWords {
  enabled(status: EnabledStatus): string;
  state(state: VolumeState): string;
  /** Said after the state of a volume stuck in a passing state, as the table's flag does. */
  stuck: string;
  yes: string;
  no: string;
}

function csvCell(value: string): string {
  // Quote when needed; a leading = + - @ is neutralised so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A cell as the table shows it; sizes stay plain numbers, which a spreadsheet formats itself, and an empty cell stays empty. */
export function displayValue(id: ColumnId, row: VolumeRow, context: ColumnContext, words: DisplayWords): string {
  switch (id) {
    case 'enabled':
      return words.enabled(row.status);
    case 'state':
      return row.stuck ? `${words.state(row.volumeStatus)} (${words.stuck})` : words.state(row.volumeStatus);
    case 'bootable':
      return row.bootable ? words.yes : words.no;
    case 'created':
    case 'updated':
      return dayjs(row[id]).format('YYYY-MM-DD HH:mm:ss');
    default: {
      const value = columnValue(id, row, context);
      return value === null ? '' : String(value);
    }
  }
}

export function toCsv(
  rows: readonly VolumeRow[],
  columns: readonly ColumnId[],
  headers: Record<ColumnId, string>,
  context: ColumnContext,
  words: DisplayWords,
): string {
  const lines = [columns.map((id) => csvCell(headers[id])).join(',')];
  for (const row of rows) lines.push(columns.map((id) => csvCell(displayValue(id, row, context, words))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Every field of each volume (the raw server ids in `attachments`), with its account, tenant and servers by name. */
export function toJson(rows: readonly VolumeRow[], context: ColumnContext): string {
  return JSON.stringify(
    rows.map((row) => {
      const { key: _key, ...fields } = row;
      return {
        ...fields,
        account: context.accountName(row),
        tenant: context.tenantLabel(row),
        attachedTo: columnValue('attachedTo', row, context),
      };
    }),
    null,
    2,
  );
}

/** Saves text as a file through the browser's download. */
export function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([type === 'text/csv' ? `\ufeff${text}` : text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
