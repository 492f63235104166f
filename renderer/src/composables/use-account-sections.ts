/** The accounts in the sidebar's scope, each with its rows narrowed by tenant and an optional match, for views drawn per account. */
import { computed, type ComputedRef } from 'vue';
import type { AccountView } from '@shared/contract';
import { useNavigationStore } from '@/stores/navigation';
import { useVolumesStore, type VolumeRow } from '@/stores/volumes';

export interface AccountSection {
  account: AccountView;
  loading: boolean;
  /** HH:mm when the rows come from the cache, else null. */
  cachedAt: string | null;
  rows: VolumeRow[];
}

/**
 * Without a tenant or a match each section holds the account's own rows array, not a copy: the
 * Overview's figures are cached by that array (logic/overview-stats.ts), so switching to the
 * Overview does not walk 100,000 rows again while the data is unchanged.
 */
export function useAccountSections(matches?: () => (row: VolumeRow) => boolean): ComputedRef<AccountSection[]> {
  const volumes = useVolumesStore();
  const navigation = useNavigationStore();
  return computed(() => {
    const { userId } = navigation.filters;
    const match = matches?.();
    const narrow = (rows: VolumeRow[]) =>
      userId === null && !match ? rows : rows.filter((r) => (userId === null || r.userid === userId) && (!match || match(r)));
    return navigation.inScope.map((account) => ({
      account,
      loading: volumes.meta[account.id]?.loading ?? false,
      cachedAt: volumes.cachedAsOf(account.id),
      rows: narrow(volumes.rowsOf(account.id)),
    }));
  });
}
