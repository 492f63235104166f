/**
 * The window's languages: English and Simplified Chinese. Every module of `messages/` holds one
 * namespace named after its file, in both languages; they are merged here into one vue-i18n
 * instance. The Element Plus locale follows the same language.
 */
import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import type { Language } from 'element-plus/es/locale';
import en from 'element-plus/es/locale/lang/en.mjs';
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { formatNumber, formatParams } from './numbers';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** A message tree: nested objects ending in strings. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** What each file of `messages/` default-exports. */
export type MessageModule = Record<Locale, MessageTree>;

const modules = import.meta.glob<{ default: MessageModule }>('./messages/*.ts', { eager: true });

/** Every namespace merged, per language. */
export function mergeMessages(list: MessageModule[]): Record<Locale, MessageTree> {
  const merged: Record<Locale, MessageTree> = { en: {}, 'zh-CN': {} };
  for (const module of list) for (const locale of LOCALES) Object.assign(merged[locale], module[locale]);
  return merged;
}

export const messageModules: MessageModule[] = Object.values(modules).map((m) => m.default);

/** The language the OS (the browser) prefers, among ours. */
export function systemLocale(
  languages: readonly string[] = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]),
): Locale {
  const first = languages[0]?.toLowerCase() ?? 'en';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}

export const i18n = createI18n({
  legacy: false,
  locale: systemLocale(),
  fallbackLocale: 'en',
  messages: mergeMessages(messageModules),
  missingWarn: false,
  fallbackWarn: false,
});

const ELEMENT_LOCALES: Record<Locale, Language> = { en, 'zh-CN': zhCn };
const DAYJS_LOCALES: Record<Locale, string> = { en: 'en', 'zh-CN': 'zh-cn' };

/** Switches the window's language: messages, Element Plus, dates and `<html lang>`. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  dayjs.locale(DAYJS_LOCALES[locale]);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** A message to translate when shown: what the window's pure rules and validators return, so they stay free of i18n. */
export interface KeyedMessage {
  key: string;
  params?: Record<string, unknown>;
}

/** A number (a count, a size) as the current language writes it: "10,000". */
export function formatCount(value: number): string {
  return formatNumber(value, currentLocale.value);
}

/**
 * The sentence `key` for `count` things: its plural form chosen by `count` (en: "one | other",
 * zh-CN: one form), `{n}` the count formatted, and other numbers in `params` formatted too.
 */
export function countText(key: string, count: number, params: Record<string, unknown> = {}): string {
  // `n` goes as a string: vue-i18n would take a numeric `n` as the plural index, which is `count`.
  return i18n.global.t(key, { ...formatParams(params, currentLocale.value), n: formatCount(count) }, count);
}

/**
 * The text of a keyed message in the current language: a numeric `n` chooses the plural form,
 * numbers read as the language writes them, but an `id`, and a parameter that is a keyed message
 * is put in as its own text.
 */
export function translate(message: KeyedMessage): string {
  const params = translatedParams(message.params ?? {});
  const { n, ...rest } = params;
  if (typeof n === 'number') return countText(message.key, n, rest);
  return i18n.global.t(message.key, formatParams(params, currentLocale.value));
}

function isKeyedMessage(value: unknown): value is KeyedMessage {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';
}

/** Parameters that are keyed messages themselves (a volume's state name) translated first. */
function translatedParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) out[name] = isKeyedMessage(value) ? translate(value) : value;
  return out;
}

/** The current language. */
export const currentLocale = computed<Locale>(() => i18n.global.locale.value as Locale);

/** The Element Plus locale of the current language, for `<el-config-provider :locale>`. */
export const elementLocale = computed<Language>(() => ELEMENT_LOCALES[currentLocale.value]);
