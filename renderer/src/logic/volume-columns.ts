/**
 * The volume table's columns: their order, what each sorts by, and which ones the user chose to
 * see (remembered in the settings, so every window and host shares the choice).
 */
import type { VolumeRow } from '../stores/volumes';

export const COLUMN_IDS = ['name', 'enabled', 'state', 'size', 'attachedTo', 'tenant', 'account', 'zone', 'type', 'bootable', 'created', 'updated'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

/** Columns always shown (the table means nothing without them). */
export const FIXED_COLUMNS: readonly ColumnId[] = ['name'];

/** Shown on first run: what fits a 1440-pixel window; the others are a click away in the chooser. */
export const DEFAULT_COLUMNS: readonly ColumnId[] = ['name', 'enabled', 'state', 'size', 'attachedTo', 'tenant', 'account', 'updated'];

export const COLUMN_WIDTHS: Record<ColumnId, number> = {
  name: 170,
  enabled: 90,
  state: 140,
  size: 80,
  attachedTo: 180,
  tenant: 110,
  account: 140,
  zone: 80,
  type: 80,
  bootable: 86,
  created: 136,
  updated: 136,
};

/** The columns to show from the saved choice (null: the default; unknown ids dropped; fixed ones always in), in table order. */
export function chosenColumns(saved: readonly string[] | null): ColumnId[] {
  if (saved === null) return [...DEFAULT_COLUMNS];
  return COLUMN_IDS.filter((id) => FIXED_COLUMNS.includes(id) || saved.includes(id));
}

/** The attachments as "server (device)" text, for sorting and export; servers named by `serverName` (their label) when given. */
export function attachmentText(row: VolumeRow, serverName: (serverId: string) => string = (serverId) => serverId): string {
  return row.attachments
    .map((a) => {
      const name = serverName(a.serverId);
      return a.device ? `${name} (${a.device})` : name;
    })
    .join(', ');
}

/** A column's value as plain data, for sorting and export (labels of tenants and accounts given by the caller). */
export type ColumnValue = string | number | boolean | null;

export interface ColumnContext {
  tenantLabel(row: VolumeRow): string;
  accountName(row: VolumeRow): string;
  /** A server as the user named it (its label), else its id. */
  serverName?(row: VolumeRow, serverId: string): string;
}

export function columnValue(id: ColumnId, row: VolumeRow, context: ColumnContext): ColumnValue {
  switch (id) {
    case 'name':
      return row.name;
    case 'enabled':
      return row.status;
    case 'state':
      return row.volumeStatus;
    case 'size':
      return row.size;
    case 'attachedTo': {
      const { serverName } = context;
      return attachmentText(row, serverName && ((serverId) => serverName(row, serverId)));
    }
    case 'tenant':
      return context.tenantLabel(row);
    case 'account':
      return context.accountName(row);
    case 'zone':
      return row.zone;
    case 'type':
      return row.volumeType;
    case 'bootable':
      return row.bootable;
    case 'created':
      return row.created;
    case 'updated':
      return row.updated;
  }
}
