/**
 * Every overlay of the window and what it is open for: the operation dialog, the detail drawer,
 * the account dialog, the settings, the credentials prompt and a confirmation box. Each is mounted
 * once at the root (App.vue, DialogHost) and opened only through this store, whatever view asks;
 * `anyOpen` tells the views' shortcuts that something on top takes the keys.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AccountView } from '@shared/contract';
import type { DialogAction } from '../logic/action-rules';
import type { VolumeRow } from './volumes';

export type DialogKind = 'create' | DialogAction;

/** Create (optionally for an account and tenant), or an action on one or many volumes (one for clone and attach). */
export type DialogRequest = { kind: 'create'; accountId?: string; userId?: number } | { kind: Exclude<DialogKind, 'create'>; volumes: VolumeRow[] };

export const useDialogsStore = defineStore('dialogs', () => {
  /** The open operation dialog's request; null when none is open. */
  const current = shallowRef<DialogRequest | null>(null);
  /** Increases with every open, so a dialog opened twice for the same rows starts afresh. */
  const openCount = shallowRef(0);
  /** The `key` of the volume shown in the detail drawer. */
  const detailKey = ref<string | null>(null);
  /** The account dialog: `{ account: null }` adds one. */
  const accountForm = shallowRef<{ account: AccountView | null } | null>(null);
  const settingsOpen = ref(false);
  /** The account whose session credentials are asked for. */
  const credentialsFor = ref<string | null>(null);
  /** Confirmation boxes (ElMessageBox) being shown. */
  const confirming = ref(0);

  const anyOpen = computed(
    () => current.value !== null || detailKey.value !== null || accountForm.value !== null || settingsOpen.value || credentialsFor.value !== null || confirming.value > 0,
  );

  function open(request: DialogRequest): void {
    current.value = request;
    openCount.value++;
  }

  /** The create dialog for the account and tenant in view (the sidebar's scope), if any. */
  function openCreate({ accountId, userId }: { accountId: string | null; userId: number | null }): void {
    open({ kind: 'create', ...(accountId ? { accountId } : {}), ...(userId !== null ? { userId } : {}) });
  }

  function close(): void {
    current.value = null;
  }

  function openDetail(key: string | null): void {
    detailKey.value = key;
  }

  /** The account dialog, to add an account (null) or edit one. */
  function openAccount(account: AccountView | null): void {
    accountForm.value = { account };
  }

  function askCredentials(accountId: string | null): void {
    credentialsFor.value = accountId;
  }

  /** Shows a confirmation box (its promise settles when it closes), counted as open meanwhile. */
  async function confirm<T>(show: () => Promise<T>): Promise<T> {
    confirming.value++;
    try {
      return await show();
    } finally {
      confirming.value--;
    }
  }

  return { current, openCount, detailKey, accountForm, settingsOpen, credentialsFor, anyOpen, open, openCreate, close, openDetail, openAccount, askCredentials, confirm };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDialogsStore, import.meta.hot));
