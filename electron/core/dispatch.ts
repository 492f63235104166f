import { INVOKE_CHANNELS, invokeSchemas, type InvokeChannel, type InvokeReply, type InvokeResults } from '../shared/contract';
import { AccountNotFoundError, AccountValidationError, KeychainUnavailableError, MissingCredentialsError } from './accounts/account-store';
import { ApiError, VolumeClientError } from './api/errors';

/** One function per channel; the payload has already been validated. */
export type Handlers = { [C in InvokeChannel]: (payload: never) => Promise<InvokeResults[C]> };

/** Errors of the account store whose messages are written for the user (and hold no secret). */
const ACCOUNT_ERROR_CODES: [new (...args: never[]) => Error, string][] = [
  [AccountValidationError, 'account.invalid'],
  [AccountNotFoundError, 'account.not-found'],
  [KeychainUnavailableError, 'keychain.unavailable'],
  [MissingCredentialsError, 'account.missing-credentials'],
];

function isChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && (INVOKE_CHANNELS as string[]).includes(name);
}

/**
 * Validates a request from either host and runs its handler. Never throws: every failure becomes
 * an `{ok:false}` reply with a code and a message that carry no secret.
 */
export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<InvokeReply<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'ipc.unknown-channel', message: `Unknown channel: ${String(channel).slice(0, 60)}` } };
  const parsed = invokeSchemas[channel].safeParse(payload ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'ipc.invalid-payload', message: `Invalid payload for ${channel}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}` } };
  }
  try {
    const handler = handlers[channel] as (p: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } };
    if (error instanceof VolumeClientError) return { ok: false, error: { code: `client.${error.kind}`, message: error.message } };
    const code = ACCOUNT_ERROR_CODES.find(([type]) => error instanceof type)?.[1];
    if (code && error instanceof Error) return { ok: false, error: { code, message: error.message } };
    return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : 'Internal error' } };
  }
}
