/**
 * The volume table's columns: their order, what each sorts by, and which ones the user chose to
 * see (remembered in the settings, so every window and host shares the choice).
 */
import type { VolumeRow } from '@/stores/volumes';

export const COLUMN_IDS = [
  'name',
  'enabled',
  'state',
  'size',
  'attachedTo',
  'tenant',
  'account',
  'zone',
  'type',
  'bootable',
  'created',
  'updated',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

/** Columns always shown (the table means nothing without them). */
export const FIXED_COLUMNS: readonly ColumnId[] = ['name'];

/** Shown on first run: what fits a 1440-pixel window; the others are a click away in the chooser. */
export const DEFAULT_COLUMNS: readonly ColumnId[] = ['name', 'enabled', 'state', 'size', 'attachedTo', 'tenant', 'account', 'updated'];

/**
 * Each column's width when there is room (`ideal`), the least it may shrink to (`min`; the table
 * also keeps every header whole, see fitColumnWidths) and, for the columns whose text is read
 * whole, what that text takes (`whole`; above `ideal`, granted from the room Name would take).
 * Dates, sizes and flags never shrink: they are read whole or not at all (Updated's `ideal` holds
 * "2026-04-07 08:09").
 */
export const COLUMN_SIZES: Record<ColumnId, { ideal: number; min: number; whole?: number }> = {
  name: { ideal: 200, min: 150 },
  enabled: { ideal: 104, min: 104 },
  state: { ideal: 136, min: 128 },
  size: { ideal: 112, min: 112 },
  // A server's short id, its copy button and " · /dev/vdb".
  attachedTo: { ideal: 170, min: 130, whole: 210 },
  tenant: { ideal: 120, min: 100 },
  // The account's dot and a name of about 20 characters.
  account: { ideal: 140, min: 110, whole: 190 },
  zone: { ideal: 90, min: 90 },
  type: { ideal: 90, min: 90 },
  bootable: { ideal: 110, min: 110 },
  created: { ideal: 150, min: 150 },
  updated: { ideal: 150, min: 150 },
};

/** Which columns give up width first when the window is narrow (the server ids and names ellipsize, with the full text on hover). */
const SHRINK_ORDER: readonly ColumnId[] = ['attachedTo', 'account', 'tenant', 'name', 'zone', 'type', 'state'];

/** Which columns grow to their whole text before Name takes the rest of the room. */
const GROW_ORDER: readonly ColumnId[] = ['attachedTo', 'account'];

/**
 * The widths of the shown columns in `available` pixels: their ideal widths; with room to spare,
 * the columns in GROW_ORDER grow to their whole text and Name takes what is still left over;
 * short of room, the columns in SHRINK_ORDER shrink one after another to their minimum.
 * Still short, the table scrolls sideways (the widths add up to more than `available`).
 * `floors`: what each header needs whole in the current language, which no column goes below.
 */
export function fitColumnWidths(
  columns: readonly ColumnId[],
  available: number,
  floors: Partial<Record<ColumnId, number>> = {},
): Record<ColumnId, number> {
  const min = (id: ColumnId) => Math.max(COLUMN_SIZES[id].min, floors[id] ?? 0);
  const widths = Object.fromEntries(columns.map((id) => [id, Math.max(COLUMN_SIZES[id].ideal, min(id))])) as Record<ColumnId, number>;
  let excess = columns.reduce((sum, id) => sum + widths[id], 0) - available;
  for (const id of GROW_ORDER) {
    if (excess >= 0) break;
    if (!columns.includes(id)) continue;
    const take = Math.max(0, Math.min(-excess, (COLUMN_SIZES[id].whole ?? 0) - widths[id]));
    widths[id] += take;
    excess += take;
  }
  if (excess < 0 && columns.includes('name')) widths.name -= excess;
  for (const id of SHRINK_ORDER) {
    if (excess <= 0) break;
    if (!columns.includes(id)) continue;
    const give = Math.min(excess, widths[id] - min(id));
    widths[id] -= give;
    excess -= give;
  }
  return widths;
}

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
