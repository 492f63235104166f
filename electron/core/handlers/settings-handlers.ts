import type { Handlers } from '../dispatch';
import type { SettingsStore } from '../settings-store';

/** The user's settings, read and changed (each change is the store's to tell its listeners). */
export function settingsHandlers(settings: SettingsStore): Pick<Handlers, 'settings:get' | 'settings:set'> {
  return {
    'settings:get': async () => settings.get(),
    'settings:set': (patch) => settings.set(patch),
  };
}
