/**
 * The user's labels of servers and image ids, per account (kept by the core, `labels.json`), kept
 * fresh from `labels:changed`. Where room is short a server shows as its label, else its short id.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import { type AccountLabels, type LabelKind, type LabelsByAccount } from '@shared/labels';
import { host } from '@/ipc/host';

/** An id as shown where there is no room for it whole: its first 8 characters (a uuid's first group). */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

const NONE: AccountLabels = Object.freeze({ server: Object.freeze({}), image: Object.freeze({}) }) as AccountLabels;

export const useLabelsStore = defineStore('labels', () => {
  const byAccount = ref<LabelsByAccount>({});

  function of(accountId: string | null | undefined): AccountLabels {
    return (accountId ? byAccount.value[accountId] : undefined) ?? NONE;
  }

  /** The label of a server or image id in an account, if the user gave one. */
  function label(accountId: string | null | undefined, kind: LabelKind, id: string): string | undefined {
    return of(accountId)[kind][id];
  }

  /** A server or image id in a sentence or an aria-label: its label, else the id in full. */
  function nameOf(accountId: string | null | undefined, kind: LabelKind, id: string): string {
    return label(accountId, kind, id) ?? id;
  }

  function put(accountId: string, labels: AccountLabels): void {
    const next = { ...byAccount.value };
    if (Object.keys(labels.server).length + Object.keys(labels.image).length === 0) delete next[accountId];
    else next[accountId] = labels;
    byAccount.value = next;
  }

  let unsubscribe: (() => void) | undefined;
  /** Reads every account's labels and follows them from then on. */
  async function start(): Promise<void> {
    unsubscribe ??= host.on('labels:changed', ({ accountId, labels }) => put(accountId, labels));
    byAccount.value = await host.invoke('labels:list', {});
  }

  /** Gives an id a label; an empty (or blank) label takes it away. */
  async function set(accountId: string, kind: LabelKind, id: string, text: string): Promise<void> {
    const trimmed = text.trim();
    put(accountId, await host.invoke('labels:set', { accountId, kind, id, label: trimmed === '' ? null : trimmed }));
  }

  return { byAccount, of, label, nameOf, start, set };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useLabelsStore, import.meta.hot));
