import type { z } from 'zod';
import { INVOKE_CHANNELS, invokeSchemas, type InvokeChannel, type InvokeReply, type InvokeResults } from '../shared/contract';
import { errorReply, type ErrorCode } from '../shared/error-catalogue';
import { cut, MAX_DETAIL_LENGTH, toErrorReply } from './errors/to-reply';

/**
 * What a channel's handler receives: its schema's output, after parsing (defaults filled, strings
 * trimmed), which is not always what the page sends (the schema's input).
 */
export type HandlerPayload<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]>;

/** The handler of one channel: a payload or result type other than the contract's does not compile. */
export type Handler<C extends InvokeChannel> = (payload: HandlerPayload<C>) => Promise<InvokeResults[C]>;

/** One function per channel; the payload has already been validated. */
export type Handlers = { [C in InvokeChannel]: Handler<C> };

/** Schema problems listed in one reply; a 10,000-item batch can have 10,000 of them. */
const MAX_LISTED_ISSUES = 5;

/** A refusal of the dispatcher's own: a code without parameters, and what was wrong as its detail. */
function failure(code: Extract<ErrorCode, `ipc.${string}`>, detail: string): InvokeReply<never> {
  return { ok: false, error: errorReply(code, {}, cut(detail, MAX_DETAIL_LENGTH)) };
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
  const listed = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map((i) => `${cut(i.path.map((p) => cut(String(p), 40)).join('.'), 120) || '(root)'} ${cut(i.message, 120)}`);
  const more = issues.length > MAX_LISTED_ISSUES ? `; and ${issues.length - MAX_LISTED_ISSUES} more` : '';
  return listed.join('; ') + more;
}

/**
 * Validates a request from either host and runs its handler. Never throws, whatever value arrives
 * as channel or payload (any JSON value, however large or deep): every failure becomes an
 * `{ok:false}` reply with a catalogued code, its parameters and a short detail, none carrying a secret.
 */
export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<InvokeReply<unknown>> {
  try {
    if (!isChannel(channel)) return failure('ipc.unknown-channel', `Unknown channel: ${describeChannel(channel)}`);
    const parsed = invokeSchemas[channel].safeParse(payload ?? {});
    if (!parsed.success) return failure('ipc.invalid-payload', `Invalid payload for ${channel}: ${describeIssues(parsed.error.issues)}`);
    const handler = handlers[channel] as (p: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toErrorReply(error) }; // never throws, even for a value that throws when looked at
  }
}
