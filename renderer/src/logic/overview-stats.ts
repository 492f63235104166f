/**
 * The Overview's numbers: per account and per tenant, the volume count, total GB, counts by
 * state and by enabled switch; and the volumes that need attention (in an error state, or stuck
 * in a passing one).
 */
import { VOLUME_STATES, type Volume, type VolumeState } from '@shared/volume';
import { textCollator } from './collation-key';

type Row = Pick<Volume, 'unique' | 'userid' | 'name' | 'volumeStatus' | 'status' | 'size'> & { accountId: string; key: string; stuck: boolean };

export interface Totals {
  count: number;
  totalGb: number;
  byState: Record<VolumeState, number>;
  enabled: number;
  disabled: number;
}

export interface TenantTotals extends Totals {
  userId: number | null;
}

export interface AccountTotals extends Totals {
  accountId: string;
  /** By tenant id; volumes without an owner last. */
  tenants: TenantTotals[];
}

function emptyTotals(): Totals {
  return { count: 0, totalGb: 0, byState: Object.fromEntries(VOLUME_STATES.map((s) => [s, 0])) as Record<VolumeState, number>, enabled: 0, disabled: 0 };
}

function add(totals: Totals, row: Row): void {
  totals.count++;
  totals.totalGb += row.size;
  totals.byState[row.volumeStatus]++;
  if (row.status === 'DISABLED') totals.disabled++;
  else totals.enabled++;
}

/** Totals per account (in the order given, then any other seen) and per tenant within each. */
export function overviewTotals(rows: readonly Row[], accountOrder: readonly string[] = []): AccountTotals[] {
  const accounts = new Map<string, AccountTotals & { byTenant: Map<number | null, TenantTotals> }>();
  for (const id of accountOrder) accounts.set(id, { accountId: id, ...emptyTotals(), tenants: [], byTenant: new Map() });
  for (const row of rows) {
    let account = accounts.get(row.accountId);
    if (!account) {
      account = { accountId: row.accountId, ...emptyTotals(), tenants: [], byTenant: new Map() };
      accounts.set(row.accountId, account);
    }
    let tenant = account.byTenant.get(row.userid);
    if (!tenant) {
      tenant = { userId: row.userid, ...emptyTotals() };
      account.byTenant.set(row.userid, tenant);
    }
    add(account, row);
    add(tenant, row);
  }
  return [...accounts.values()].map(({ byTenant, ...account }) => ({
    ...account,
    tenants: [...byTenant.values()].sort((a, b) => (a.userId ?? Infinity) - (b.userId ?? Infinity)),
  }));
}

/** The states of a totals record that have volumes, in the enum's order (for a chart). */
export function presentStates(totals: Totals): { state: VolumeState; count: number }[] {
  return VOLUME_STATES.filter((s) => totals.byState[s] > 0).map((state) => ({ state, count: totals.byState[state] }));
}

export const ERROR_STATES: readonly VolumeState[] = ['ERROR', 'ERROR_DELETING', 'ERROR_RESTORING'];

export interface Attention<R extends Row> {
  row: R;
  reason: 'error' | 'stuck';
}

/** Volumes in an error state or stuck in a passing one: errors first, then by name (the table's order; one collator, not a localeCompare per pair). */
export function needingAttention<R extends Row>(rows: readonly R[]): Attention<R>[] {
  const found: Attention<R>[] = [];
  for (const row of rows) {
    if (ERROR_STATES.includes(row.volumeStatus)) found.push({ row, reason: 'error' });
    else if (row.stuck) found.push({ row, reason: 'stuck' });
  }
  return found.sort((a, b) => (a.reason === b.reason ? textCollator.compare(a.row.name, b.row.name) : a.reason === 'error' ? -1 : 1));
}
