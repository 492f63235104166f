import type { z } from 'zod';
import { INVOKE_CHANNELS, invokeSchemas, type InvokeChannel, type InvokeReply, type InvokeResults } from '../shared/contract';
import { AccountNotFoundError, AccountValidationError, KeychainUnavailableError, MissingCredentialsError } from './accounts/account-store';
import { ApiError, VolumeClientError } from './api/errors';

/**
 * What a channel's handler receives: its schema's output, after parsing (defaults filled, strings
 * trimmed), which is not always what the page sends (the schema's input).
 */
export type HandlerPayload<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]>;

/** The handler of one channel: a payload or result type other than the contract's does not compile. */
export type Handler<C extends InvokeChannel> = (payload: HandlerPayload<C>) => Promise<InvokeResults[C]>;

/** One function per channel; the payload has already been validated. */
export type Handlers = { [C in InvokeChannel]: Handler<C> };

/** Errors of the account store whose messages are written for the user (and hold no secret). */
const ACCOUNT_ERROR_CODES: [new (...args: never[]) => Error, string][] = [
  [AccountValidationError, 'account.invalid'],
  [AccountNotFoundError, 'account.not-found'],
  [KeychainUnavailableError, 'keychain.unavailable'],
  [MissingCredentialsError, 'account.missing-credentials'],
];

/** Longest error message a reply carries: input quoted in one (a key, a channel name) is cut. */
const MAX_MESSAGE_LENGTH = 500;
/** Schema problems listed in one reply; a 10,000-item batch can have 10,000 of them. */
const MAX_LISTED_ISSUES = 5;

function cut(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function failure(code: string, message: string): InvokeReply<never> {
  return { ok: false, error: { code, message: cut(message, MAX_MESSAGE_LENGTH) } };
}

function isChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && (INVOKE_CHANNELS as string[]).includes(name);
}

/** What was sent as a channel, in a few words: any value may arrive here, not only a string. */
function describeChannel(channel: unknown): string {
  if (typeof channel === 'string') return JSON.stringify(cut(channel, 60));
  if (channel === null) return 'null';
  return `a value of type ${Array.isArray(channel) ? 'array' : typeof channel}`;
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `${cut(i.path.map((p) => cut(String(p), 40)).join('.'), 120) || '(root)'} ${cut(i.message, 120)}`);
  const more = issues.length > MAX_LISTED_ISSUES ? `; and ${issues.length - MAX_LISTED_ISSUES} more` : '';
  return listed.join('; ') + more;
}

function errorReply(error: unknown): InvokeReply<never> {
  if (error instanceof ApiError) return failure(error.code, error.message);
  if (error instanceof VolumeClientError) return failure(`client.${error.kind}`, error.message);
  const code = ACCOUNT_ERROR_CODES.find(([type]) => error instanceof type)?.[1];
  if (code && error instanceof Error) return failure(code, error.message);
  return failure('internal', error instanceof Error && typeof error.message === 'string' ? error.message : 'Internal error');
}

/**
 * Validates a request from either host and runs its handler. Never throws, whatever value arrives
 * as channel or payload (any JSON value, however large or deep): every failure becomes an
 * `{ok:false}` reply with a code and a short message that carry no secret.
 */
export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<InvokeReply<unknown>> {
  try {
    if (!isChannel(channel)) return failure('ipc.unknown-channel', `Unknown channel: ${describeChannel(channel)}`);
    const parsed = invokeSchemas[channel].safeParse(payload ?? {});
    if (!parsed.success) return failure('ipc.invalid-payload', `Invalid payload for ${channel}: ${describeIssues(parsed.error.issues)}`);
    const handler = handlers[channel] as (p: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    try {
      return errorReply(error);
    } catch {
      return failure('internal', 'Internal error'); // the thrown value itself threw when looked at
    }
  }
}
