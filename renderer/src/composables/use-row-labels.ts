/** How rows name their tenant and account on screen, in sorting and in exports. */
import { useAccountsStore } from '@/stores/accounts';
import type { ColumnContext } from '@/logic/volume-columns';

export function useRowLabels(): ColumnContext {
  const accounts = useAccountsStore();
  return {
    tenantLabel: (row) => (row.userid === null ? '' : accounts.tenantName(row.accountId, row.userid)),
    accountName: (row) => accounts.byId(row.accountId)?.name ?? row.accountId,
  };
}
