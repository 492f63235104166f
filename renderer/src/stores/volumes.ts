/**
 * Every account's volumes as rows of one table. Listings are loaded whole once, then kept up to
 * date by the core's `volumes:changed` and `volumes:stuck` events, applied row by row. Rows live
 * in shallow refs and are replaced, never mutated: 10,000 of them must not become deep proxies.
 */
import dayjs from 'dayjs';
import { defineStore } from 'pinia';
import { computed, reactive, shallowRef, watch } from 'vue';
import type { VolumeChanges, VolumeListing } from '@shared/contract';
import type { Volume } from '@shared/volume';
import type { ErrorParamValue } from '@shared/error-catalogue';
import { host, HostError } from '@/ipc/host';
import { useAccountsStore } from './accounts';

export type VolumeRow = Volume & { accountId: string; key: string /* `${accountId}:${unique}` */; stuck: boolean };

/** What the window knows about one account's listing. */
export interface ListingMeta {
  /** When the rows were last known true (ms). */
  asOf: number | null;
  source: VolumeListing['source'] | null;
  /** Why the live listing failed (rows from the cache), or why nothing could be loaded. */
  /** Why the live listing failed: an error reply, worded by `i18n/errors.ts`. */
  problem: { code: string; params?: Record<string, ErrorParamValue>; detail?: string } | null;
  loading: boolean;
}

export function toRow(accountId: string, volume: Volume, stuck: boolean): VolumeRow {
  return { ...volume, accountId, key: `${accountId}:${volume.unique}`, stuck };
}

/** The rows after one `volumes:changed`: changed ones replaced in place, removed ones dropped, added ones last. */
export function applyChanges(rows: readonly VolumeRow[], changes: VolumeChanges, stuck: ReadonlySet<number>): VolumeRow[] {
  const removed = new Set(changes.removed);
  const replaced = new Map<number, Volume>();
  for (const volume of [...changes.changed, ...changes.added]) replaced.set(volume.unique, volume);
  const next: VolumeRow[] = [];
  const seen = new Set<number>();
  for (const row of rows) {
    if (removed.has(row.unique)) continue;
    const update = replaced.get(row.unique);
    next.push(update ? toRow(changes.accountId, update, stuck.has(row.unique)) : row);
    seen.add(row.unique);
  }
  for (const volume of changes.added)
    if (!seen.has(volume.unique) && !removed.has(volume.unique)) next.push(toRow(changes.accountId, volume, stuck.has(volume.unique)));
  return next;
}

/** An account without rows yet: one shared empty array, so "no rows" is the same array each time. */
const NO_ROWS = Object.freeze([]) as unknown as VolumeRow[];

export const useVolumesStore = defineStore('volumes', () => {
  const accountsStore = useAccountsStore();
  const rowsByAccount = shallowRef<Record<string, VolumeRow[]>>({});
  const stuckByAccount = new Map<string, Set<number>>();
  const meta = reactive<Record<string, ListingMeta>>({});

  // The same array while every account's rows array is the same: the accounts list is replaced on
  // each state or tenant change (several times while loading), and a new array of 100,000 rows
  // would have the table sort, filter and draw them all again.
  let lastLists: readonly VolumeRow[][] = [];
  let lastAll: VolumeRow[] = [];
  const allRows = computed<VolumeRow[]>(() => {
    const lists = accountsStore.accounts.map((a) => rowsOf(a.id));
    if (lists.length !== lastLists.length || lists.some((list, i) => list !== lastLists[i])) {
      lastLists = lists;
      lastAll = lists.flat();
    }
    return lastAll;
  });

  function rowsOf(accountId: string): VolumeRow[] {
    return rowsByAccount.value[accountId] ?? NO_ROWS;
  }

  function metaOf(accountId: string): ListingMeta {
    meta[accountId] ??= { asOf: null, source: null, problem: null, loading: false };
    return meta[accountId];
  }

  /** When the account's rows come from the cache: the time (HH:mm) they were last known true; otherwise null. */
  function cachedAsOf(accountId: string): string | null {
    const m = meta[accountId];
    return m?.source === 'cache' && m.asOf !== null ? dayjs(m.asOf).format('HH:mm') : null;
  }

  function setRows(accountId: string, rows: VolumeRow[]): void {
    rowsByAccount.value = { ...rowsByAccount.value, [accountId]: rows };
  }

  /** Loads one account's whole listing (live, or its cache when the cloud cannot be reached). */
  async function load(accountId: string): Promise<void> {
    const m = metaOf(accountId);
    m.loading = true;
    try {
      const listing = await host.invoke('volumes:list', { accountId });
      const stuck = new Set(listing.stuck);
      stuckByAccount.set(accountId, stuck);
      setRows(
        accountId,
        listing.volumes.map((v) => toRow(accountId, v, stuck.has(v.unique))),
      );
      Object.assign(m, { asOf: listing.asOf, source: listing.source, problem: listing.problem ?? null });
    } catch (error) {
      const { code, params, detail } = error instanceof HostError ? error : new HostError('internal', {}, String(error));
      m.problem = { code, params, ...(detail ? { detail } : {}) };
    } finally {
      m.loading = false;
    }
  }

  async function loadAll(): Promise<void> {
    await Promise.all(accountsStore.accounts.map((a) => load(a.id)));
  }

  function onChanged(changes: VolumeChanges): void {
    if (!(changes.accountId in rowsByAccount.value)) return; // not loaded yet: its load brings everything
    setRows(changes.accountId, applyChanges(rowsOf(changes.accountId), changes, stuckByAccount.get(changes.accountId) ?? new Set()));
    // The core only reports changes it saw live.
    Object.assign(metaOf(changes.accountId), { asOf: Date.now(), source: 'live', problem: null });
  }

  function onStuck({ accountId, stuck }: { accountId: string; stuck: number[] }): void {
    const now = new Set(stuck);
    stuckByAccount.set(accountId, now);
    const rows = rowsByAccount.value[accountId];
    if (!rows) return;
    if (rows.every((r) => r.stuck === now.has(r.unique))) return;
    setRows(
      accountId,
      rows.map((r) => (r.stuck === now.has(r.unique) ? r : { ...r, stuck: now.has(r.unique) })),
    );
  }

  let started = false;
  /** Follows the core's events and the accounts: new accounts are loaded, removed ones dropped, recovered ones reloaded. */
  function start(): void {
    if (started) return;
    started = true;
    host.on('volumes:changed', onChanged);
    host.on('volumes:stuck', onStuck);
    watch(
      () => accountsStore.accounts.map((a) => [a.id, a.state] as const),
      (now, before) => {
        const previous = new Map(before ?? []);
        const ids = new Set(now.map(([id]) => id));
        const kept = Object.fromEntries(Object.entries(rowsByAccount.value).filter(([id]) => ids.has(id)));
        if (Object.keys(kept).length !== Object.keys(rowsByAccount.value).length) rowsByAccount.value = kept;
        for (const id of Object.keys(meta)) if (!ids.has(id)) delete meta[id];
        for (const [id, state] of now) {
          const m = meta[id];
          if (!previous.has(id) && !m) void load(id);
          else if (state === 'online' && previous.get(id) !== 'online' && m?.source === 'cache' && !m.loading) void load(id);
        }
      },
    );
  }

  return { rowsByAccount, meta, allRows, rowsOf, metaOf, cachedAsOf, load, loadAll, start };
});
