/**
 * Words an error from its code and parameters in one language, from the catalogue. The window
 * and the core's OS notifications both word errors here, so a message reads the same in both.
 */
import { ERROR_CATALOGUE, isErrorCode, type ErrorCode, type ErrorLanguage, type ErrorParamValue } from '../error-catalogue';

/** An error as any part of the app may hold it: a reply, a queue item's error, a HostError. */
export interface ErrorLike {
  code: string;
  params?: Readonly<Record<string, ErrorParamValue>> | undefined;
}

/** A catalogued code and its parameters. */
export interface ResolvedError {
  code: ErrorCode;
  params: Record<string, ErrorParamValue>;
}

const API_PREFIX = 'volumes.error.';

/**
 * The catalogued code for any code: itself when catalogued; the cloud's open-ended families
 * (`require-parameter-<name>`, `<op>-fail`, `<op>-failed`) as their catalogued form; any other
 * cloud code as `client.api` naming it; anything else as `internal`.
 */
export function resolveError(error: ErrorLike): ResolvedError {
  const { code } = error;
  if (isErrorCode(code)) return { code, params: { ...error.params } };
  if (code.startsWith(API_PREFIX)) {
    const name = code.slice(API_PREFIX.length);
    const required = /^require-parameter-(.+)$/.exec(name);
    if (required) return { code: 'volumes.error.require-parameter', params: { name: required[1] ?? '' } };
    const failed = /^(.+?)-fail(?:ed)?$/.exec(name);
    if (failed) return { code: 'volumes.error.op-failed', params: { op: failed[1] ?? '' } };
    return { code: 'client.api', params: { code } };
  }
  return { code: 'internal', params: {} };
}

/** The text of a code in a language, its `{name}` placeholders filled from the parameters. */
export function wordError(error: ErrorLike, language: ErrorLanguage): string {
  const { code, params } = resolveError(error);
  return ERROR_CATALOGUE[code][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
