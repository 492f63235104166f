/**
 * Every overlay of the window and what it is open for: the operation dialog, the detail drawer,
 * the account dialog, the settings, the credentials prompt and a confirmation. Each is mounted
 * once at the root (App.vue, DialogHost) and opened only through this store, whatever view asks;
 * `anyOpen` tells the views' shortcuts that something on top takes the keys.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AccountView } from '@shared/contract';
import type { DialogAction } from '@/logic/action-rules';
import type { VolumeRow } from './volumes';

export type DialogKind = 'create' | DialogAction;

/** What a confirmation asks, already in the window's language. */
export interface Confirmation {
  title: string;
  body: string;
  /** The confirming button's words ("Remove"). */
  confirmLabel: string;
  /** The confirmed action destroys something: its button is red. */
  danger?: boolean;
  testid: string;
}

/**
 * Create (optionally for an account and tenant), an action on one or many volumes (one for clone
 * and attach), or a confirmation, answered through `answer` (false when it closes unconfirmed).
 */
export type DialogRequest =
  | { kind: 'create'; accountId?: string; userId?: number }
  | { kind: Exclude<DialogKind, 'create'>; volumes: VolumeRow[] }
  | { kind: 'confirm'; confirmation: Confirmation; answer: (confirmed: boolean) => void };

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
  /**
   * Batches whose one item's answer a dialog is waiting for or has shown: the window does not
   * toast their failure a second time (the Activity panel still records it).
   */
  const answeredInDialog = new Set<string>();

  const anyOpen = computed(
    () =>
      current.value !== null ||
      detailKey.value !== null ||
      accountForm.value !== null ||
      settingsOpen.value ||
      credentialsFor.value !== null,
  );

  function open(request: DialogRequest): void {
    current.value = request;
    openCount.value++;
  }

  /** The create dialog for the account and tenant in view (the sidebar's scope), if any. */
  function openCreate({ accountId, userId }: { accountId: string | null; userId: number | null }): void {
    open({ kind: 'create', ...(accountId ? { accountId } : {}), ...(userId !== null ? { userId } : {}) });
  }

  /** The open dialog is gone; a confirmation not answered by then is answered no. */
  function close(): void {
    const closing = current.value;
    current.value = null;
    if (closing?.kind === 'confirm') closing.answer(false);
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

  /** Asks for a confirmation (ConfirmDialog, in DialogHost): true once confirmed, false when closed without. */
  function confirm(confirmation: Confirmation): Promise<boolean> {
    return new Promise((resolve) => {
      let answered = false;
      open({
        kind: 'confirm',
        confirmation,
        answer: (confirmed) => {
          if (answered) return;
          answered = true;
          resolve(confirmed);
        },
      });
    });
  }

  return {
    current,
    openCount,
    detailKey,
    accountForm,
    settingsOpen,
    credentialsFor,
    anyOpen,
    answeredInDialog,
    open,
    openCreate,
    close,
    openDetail,
    openAccount,
    askCredentials,
    confirm,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDialogsStore, import.meta.hot));
