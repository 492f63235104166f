/**
 * Turns any error the window meets into one line for the user: a translated explanation followed
 * by its code, e.g. "The volume is not in a state that allows this (volumes.error.status-invalid)".
 * Codes this file does not know are shown as themselves, with the message that came with them.
 */
import { i18n, translate, type KeyedMessage } from './index';

/** The code and message of anything thrown (a HostError, an Error, a `{code,message}` record). */
export function errorParts(error: unknown): { code: string; message: string } {
  if (typeof error === 'object' && error !== null) {
    const record = error as { code?: unknown; message?: unknown };
    const code = typeof record.code === 'string' ? record.code : '';
    const message = typeof record.message === 'string' ? record.message : '';
    return { code, message };
  }
  return { code: '', message: String(error) };
}

const NAMESPACES = ['client', 'ipc', 'account', 'keychain', 'queue'];

/** The message key and its parameters for a code, or null when the code is unknown here. */
export function errorKey(code: string): KeyedMessage | null {
  const { te } = i18n.global;
  if (code === 'internal') return { key: 'errors.internal' };
  const api = /^volumes\.error\.(.+)$/.exec(code);
  if (api) {
    const name = api[1] ?? '';
    const required = /^require-parameter-(.+)$/.exec(name);
    if (required) return { key: 'errors.volumes.require-parameter', params: { name: required[1] ?? '' } };
    if (te(`errors.volumes.${name}`, 'en')) return { key: `errors.volumes.${name}` };
    const failed = /^(.+?)-fail(?:ed)?$/.exec(name);
    if (failed) return { key: 'errors.volumes.op-failed', params: { op: failed[1] ?? '' } };
    return null;
  }
  const [namespace, ...rest] = code.split('.');
  const name = rest.join('.');
  if (namespace && NAMESPACES.includes(namespace) && name && !name.includes('.') && te(`errors.${namespace}.${name}`, 'en')) return { key: `errors.${namespace}.${name}` };
  return null;
}

/** The translated explanation of a code alone, without the code. */
export function explainCode(code: string, message = ''): string {
  const { t } = i18n.global;
  const known = errorKey(code);
  if (known) return translate(known);
  return message ? t('errors.unknown', { message }) : code;
}

/** One line for the user: the explanation and the code (or the message alone when there is no code). */
export function describeError(error: unknown): string {
  const { t } = i18n.global;
  const { code, message } = errorParts(error);
  if (!code) return message ? t('errors.unknown', { message }) : t('errors.internal');
  const known = errorKey(code);
  if (!known) return message ? t('errors.format', { text: message, code }) : code;
  return t('errors.format', { text: translate(known), code });
}
