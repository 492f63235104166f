/**
 * The Overview's numbers: per account and per tenant, the volume count, total GB, counts by
 * state and by enabled switch; and the volumes that need attention (in an error state, or stuck
 * in a passing one).
 */
import { VOLUME_STATES, type Volume, type VolumeState } from '@shared/volume';
import { collationKey, textCollator } from './collation-key';

type Row = Pick<Volume, 'unique' | 'userid' | 'name' | 'volumeStatus' | 'status' | 'size'> & {
  accountId: string;
  key: string;
  stuck: boolean;
};

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
  return {
    count: 0,
    totalGb: 0,
    byState: Object.fromEntries(VOLUME_STATES.map((s) => [s, 0])) as Record<VolumeState, number>,
    enabled: 0,
    disabled: 0,
  };
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

/**
 * Volumes in an error state or stuck in a passing one: errors first, then by name in the table's
 * order (collation keys where the names have them, else the one collator).
 */
export function needingAttention<R extends Row>(rows: readonly R[]): Attention<R>[] {
  const found: Array<Attention<R> & { key: string | null }> = [];
  for (const row of rows) {
    const reason = ERROR_STATES.includes(row.volumeStatus) ? 'error' : row.stuck ? 'stuck' : null;
    if (reason) found.push({ row, reason, key: collationKey(row.name) });
  }
  found.sort((a, b) => {
    if (a.reason !== b.reason) return a.reason === 'error' ? -1 : 1;
    if (a.key !== null && b.key !== null) return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    return textCollator.compare(a.row.name, b.row.name);
  });
  return found.map(({ row, reason }) => ({ row, reason }));
}

/**
 * One account's figures, kept per rows array: rows are replaced, never changed, so an array seen
 * before has the same figures, and the Overview's switch or re-render costs no pass over the rows.
 */
const figuresByRows = new WeakMap<readonly Row[], { totals: AccountTotals; attention: Attention<Row>[] }>();

export function accountFigures<R extends Row>(rows: readonly R[], accountId: string): { totals: AccountTotals; attention: Attention<R>[] } {
  let figures = figuresByRows.get(rows);
  if (!figures || figures.totals.accountId !== accountId) {
    figures = { totals: overviewTotals(rows, [accountId])[0]!, attention: needingAttention<Row>(rows) };
    figuresByRows.set(rows, figures);
  }
  return figures as { totals: AccountTotals; attention: Attention<R>[] };
}
