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

export function useAccountSections(matches: () => (row: VolumeRow) => boolean = () => () => true): ComputedRef<AccountSection[]> {
  const volumes = useVolumesStore();
  const navigation = useNavigationStore();
  return computed(() => {
    const { userId } = navigation.filters;
    const match = matches();
    return navigation.inScope.map((account) => ({
      account,
      loading: volumes.meta[account.id]?.loading ?? false,
      cachedAt: volumes.cachedAsOf(account.id),
      rows: volumes.rowsOf(account.id).filter((r) => (userId === null || r.userid === userId) && match(r)),
    }));
  });
}
