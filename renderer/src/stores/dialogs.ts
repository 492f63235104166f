/**
 * Which operation dialog is open, and for what. One dialog at a time; `DialogHost` renders it.
 */
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { VolumeAction } from '../logic/action-rules';
import type { VolumeRow } from './volumes';

export type DialogKind = 'create' | Exclude<VolumeAction, 'rename'>;

/** Create (optionally for an account and tenant), or an action on one or many volumes (one for clone and attach). */
export type DialogRequest = { kind: 'create'; accountId?: string; userId?: number } | { kind: Exclude<DialogKind, 'create'>; volumes: VolumeRow[] };

export const useDialogsStore = defineStore('dialogs', () => {
  /** The open dialog's request; null when none is open. */
  const current = shallowRef<DialogRequest | null>(null);
  /** Increases with every open, so a dialog opened twice for the same rows starts afresh. */
  const openCount = shallowRef(0);

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

  return { current, openCount, open, openCreate, close };
});
