/**
 * The user's settings (kept by the core) and what they mean for the page right now: the theme
 * and the language, each of which may follow the OS.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { DEFAULT_SETTINGS, type Settings } from '@shared/contract';
import { host } from '@/ipc/host';
import { setLocale, systemLocale, type Locale } from '@/i18n';

function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings>({ ...DEFAULT_SETTINGS });
  /** The OS preference, followed while the setting says 'system'. */
  const systemDark = ref(prefersDark());
  const systemLanguage = ref<Locale>(systemLocale());

  const theme = computed<'light' | 'dark'>(() =>
    settings.value.theme === 'system' ? (systemDark.value ? 'dark' : 'light') : settings.value.theme,
  );
  const locale = computed<Locale>(() => (settings.value.language === 'system' ? systemLanguage.value : settings.value.language));

  /** Puts the effective theme and language on the page. */
  function apply(): void {
    if (typeof document !== 'undefined') document.documentElement.classList.toggle('dark', theme.value === 'dark');
    setLocale(locale.value);
  }

  let watchingSystem = false;
  function followSystem(): void {
    if (watchingSystem || typeof matchMedia !== 'function') return;
    watchingSystem = true;
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (event) => {
      systemDark.value = event.matches;
      apply();
    });
    addEventListener('languagechange', () => {
      systemLanguage.value = systemLocale();
      apply();
    });
  }

  /** Reads the settings from the core; keeps the defaults when it cannot answer. */
  async function load(): Promise<void> {
    followSystem();
    try {
      settings.value = await host.invoke('settings:get', {});
    } finally {
      apply();
    }
  }

  /** Changes some settings; the page follows at once, and goes back if the core refuses. */
  async function set(patch: Partial<Settings>): Promise<void> {
    const before = settings.value;
    settings.value = { ...before, ...patch };
    apply();
    try {
      settings.value = await host.invoke('settings:set', patch);
    } catch (error) {
      settings.value = before;
      throw error;
    } finally {
      apply();
    }
  }

  return { settings, theme, locale, load, set, apply };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSettingsStore, import.meta.hot));
