/**
 * Where the user is: the view, the filters of the volume table (the sidebar's selection is the
 * account and tenant filters, and the accounts they cover), and the Activity panel.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EnabledStatus, VolumeState } from '@shared/volume';
import { useAccountsStore } from './accounts';

export type ViewName = 'volumes' | 'attachments' | 'overview';

export interface Filters {
  keyword: string;
  enabled: EnabledStatus | null;
  states: VolumeState[];
  accountId: string | null;
  userId: number | null;
}

export const EMPTY_FILTERS: Filters = { keyword: '', enabled: null, states: [], accountId: null, userId: null };

export const useNavigationStore = defineStore('navigation', () => {
  const view = ref<ViewName>('volumes');
  const filters = ref<Filters>({ ...EMPTY_FILTERS, states: [] });
  const activityOpen = ref(false);
  const focusedBatchId = ref<string | null>(null);
  const accounts = useAccountsStore();
  /** The accounts the sidebar's selection covers: the one selected, or all. */
  const inScope = computed(() => {
    const { accountId } = filters.value;
    return accountId === null ? accounts.accounts : accounts.accounts.filter((a) => a.id === accountId);
  });

  /** The volume table with exactly these filters (the others cleared). */
  function showVolumes(next: Partial<Filters>): void {
    filters.value = { ...EMPTY_FILTERS, ...next, states: [...(next.states ?? [])] };
    view.value = 'volumes';
  }

  /** Selects an account (and a tenant of it, or all its tenants), or everything with null. */
  function selectScope(accountId: string | null, userId: number | null = null): void {
    filters.value.accountId = accountId;
    filters.value.userId = accountId === null ? null : userId;
    if (view.value === 'attachments' || view.value === 'overview') return;
    view.value = 'volumes';
  }

  /** Changes one filter in place, so only what reads that filter updates (typing a keyword must not redraw the sidebar). */
  function setFilter<K extends keyof Filters>(key: K, value: Filters[K]): void {
    filters.value[key] = value;
  }

  function clearFilters(): void {
    filters.value = { ...EMPTY_FILTERS, states: [] };
  }

  /** Opens the Activity panel on one batch. */
  function openBatch(batchId: string): void {
    activityOpen.value = true;
    focusedBatchId.value = batchId;
  }

  return { view, filters, activityOpen, focusedBatchId, inScope, showVolumes, selectScope, setFilter, clearFilters, openBatch };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useNavigationStore, import.meta.hot));
