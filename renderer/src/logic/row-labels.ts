/** How rows name their tenant and account on screen, in sorting and in exports. */
import { useI18n } from 'vue-i18n';
import { useAccountsStore } from '../stores/accounts';
import type { ColumnContext } from './volume-columns';

export function useRowLabels(): ColumnContext {
  const accounts = useAccountsStore();
  const { t } = useI18n();
  return {
    tenantLabel: (row) => (row.userid === null ? '' : (accounts.tenantLabel(row.accountId, row.userid) ?? t('sidebar.tenant', { id: row.userid }))),
    accountName: (row) => accounts.byId(row.accountId)?.name ?? row.accountId,
  };
}
