/** The current table (filtered and sorted rows, visible columns) as CSV or JSON, and its download. */
import dayjs from 'dayjs';
import { columnValue, type ColumnContext, type ColumnId } from './volume-columns';
import type { VolumeRow } from '../stores/volumes';

function csvCell(value: string): string {
  // Quote when needed; a leading = + - @ is neutralised so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function exportValue(id: ColumnId, row: VolumeRow, context: ColumnContext): string {
  const value = columnValue(id, row, context);
  if (id === 'created' || id === 'updated') return typeof value === 'number' ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '';
  return value === null ? '' : String(value);
}

export function toCsv(rows: readonly VolumeRow[], columns: readonly ColumnId[], headers: Record<ColumnId, string>, context: ColumnContext): string {
  const lines = [columns.map((id) => csvCell(headers[id])).join(',')];
  for (const row of rows) lines.push(columns.map((id) => csvCell(exportValue(id, row, context))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Every field of each volume (the raw server ids in `attachments`), with its account, tenant and servers by name. */
export function toJson(rows: readonly VolumeRow[], context: ColumnContext): string {
  return JSON.stringify(
    rows.map((row) => {
      const { key: _key, ...fields } = row;
      return { ...fields, account: context.accountName(row), tenant: context.tenantLabel(row), attachedTo: columnValue('attachedTo', row, context) };
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
