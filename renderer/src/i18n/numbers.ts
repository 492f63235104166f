/**
 * Numbers as a language writes them, through Intl.NumberFormat ("10,000" in en and zh-CN alike):
 * the window's counts and sizes never show bare. `index.ts` applies it in the current language
 * (`formatCount`, `countText`, `translate`).
 */
import type { Locale } from './index';

const formatters = new Map<Locale, Intl.NumberFormat>();

/** A number with the language's thousands separators, at most two decimals. */
export function formatNumber(value: number, locale: Locale): string {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    formatters.set(locale, formatter);
  }
  return formatter.format(value);
}

/** Message parameters with every number formatted, but an `id`, which is kept as written. */
export function formatParams(params: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params))
    named[name] = typeof value === 'number' && name !== 'id' ? formatNumber(value, locale) : value;
  return named;
}
