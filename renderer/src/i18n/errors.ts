/**
 * Words any error the window meets from its code and parameters, in the window's language, from
 * the one error catalogue (`electron/shared/error-catalogue.ts`) - the same words the OS
 * notifications use. The technical text that came with it (an OS error, a server's message) is
 * never the headline: it is the detail, shown on demand (see `ErrorDetails.vue`).
 */
import type { ErrorParamValue } from '@shared/error-catalogue';
import { resolveError, wordError } from '@shared/errors/word-error';
import { currentLocale } from './index';

/** An error's parts, from anything thrown: a HostError, a reply's error, a queue item's error, an Error. */
export interface ErrorParts {
  code: string;
  params: Record<string, ErrorParamValue>;
  /** The technical text, for the expandable detail only. */
  detail: string;
}

export function errorParts(error: unknown): ErrorParts {
  if (typeof error === 'object' && error !== null) {
    const record = error as { code?: unknown; params?: unknown; detail?: unknown; message?: unknown };
    const code = typeof record.code === 'string' ? record.code : 'internal';
    const params = typeof record.params === 'object' && record.params !== null ? (record.params as Record<string, ErrorParamValue>) : {};
    // A reply and a queue item carry `detail`; a plain Error has only its message.
    const detail = typeof record.detail === 'string' ? record.detail : typeof record.message === 'string' ? record.message : '';
    return { code, params, detail };
  }
  return { code: 'internal', params: {}, detail: String(error) };
}

/** The catalogued code an error is worded by (an unknown cloud code becomes `client.api`). */
export function errorCode(error: unknown): string {
  return resolveError(errorParts(error)).code;
}

/** The error's headline in the window's language: words from the catalogue, never the core's English. */
export function describeError(error: unknown): string {
  return wordError(errorParts(error), currentLocale.value);
}

/** What the expandable detail shows: the code as sent, and the technical text when there is one. */
export function errorDetail(error: unknown): string {
  const { code, detail } = errorParts(error);
  return detail && detail !== code ? `${code}: ${detail}` : code;
}
