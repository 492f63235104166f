/** How rows name their tenant, account and servers on screen, in sorting and in exports. */
import { useAccountsStore } from '@/stores/accounts';
import { useLabelsStore } from '@/stores/labels';
import type { ColumnContext } from '@/logic/volume-columns';

export function useRowLabels(): ColumnContext {
  const accounts = useAccountsStore();
  const labels = useLabelsStore();
  return {
    tenantLabel: (row) => (row.userid === null ? '' : accounts.tenantName(row.accountId, row.userid)),
    accountName: (row) => accounts.byId(row.accountId)?.name ?? row.accountId,
    serverName: (row, serverId) => labels.label(row.accountId, 'server', serverId) ?? serverId,
  };
}
