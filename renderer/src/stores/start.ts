/**
 * The stores' one lifecycle: `startStores` is called once, by main.ts, before anything reads them;
 * each store then follows the core's events and reads what it shows. No store starts itself on
 * first use, and no component starts one.
 */
import { useAccountsStore } from './accounts';
import { useLabelsStore } from './labels';
import { useQueueStore } from './queue';
import { useSettingsStore } from './settings';
import { useVolumesStore } from './volumes';

/** Subscribes every store to the core and reads it all; rejects with the accounts' failure, the one the window must show. */
export async function startStores(): Promise<void> {
  const settings = useSettingsStore();
  const accounts = useAccountsStore();
  const queue = useQueueStore();
  // The volumes follow the accounts: a listing per account as it appears.
  useVolumesStore().start();
  // Labels only name what the other stores show: a window without them still works.
  await Promise.all([
    settings.load().catch(() => settings.apply()),
    queue.start(),
    accounts.load(),
    useLabelsStore()
      .start()
      .catch(() => undefined),
  ]);
}

/** After the host was lost and is back: what the window shows may have changed meanwhile; read it all again. */
export async function reloadStores(): Promise<void> {
  const settings = useSettingsStore();
  const accounts = useAccountsStore();
  const queue = useQueueStore();
  await Promise.all([
    settings.load().catch(() => undefined),
    accounts.load().catch(() => undefined),
    queue.load(),
    useLabelsStore()
      .start()
      .catch(() => undefined),
  ]);
  await useVolumesStore().loadAll();
}
