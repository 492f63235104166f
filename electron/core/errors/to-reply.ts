/**
 * The one way the core turns a failure into what the window is told: a catalogued code, its
 * parameters, and the technical text as `detail` (never a secret: the client's errors are
 * redacted where they are made, and the rest goes through `mask` when the caller has one).
 */
import { errorReply, type ErrorReply } from '../../shared/error-catalogue';
import { resolveError } from '../../shared/errors/word-error';
import { AccountNotFoundError, AccountValidationError, MissingCredentialsError } from '../accounts/account-errors';
import { ApiError, CancelledError, NetworkError, ProtocolError, RetryLaterError } from '../api/errors';
import { LabelLimitError } from '../labels/label-store';
import { KeychainUnavailableError, SecretStoreError } from '../secrets/secret-store';
import { DataFolderLockedError } from '../storage/data-folder-lock';

/** Longest detail a reply carries: input quoted in one (a key, a channel name) is cut. */
export const MAX_DETAIL_LENGTH = 500;

export function cut(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function messageOf(error: unknown): string {
  return error instanceof Error && typeof error.message === 'string' ? error.message : '';
}

function known(error: unknown): ErrorReply | null {
  if (error instanceof ApiError) {
    const { code, params } = resolveError({ code: error.code });
    return { code, params, detail: error.message } as ErrorReply;
  }
  if (error instanceof NetworkError) return errorReply(error.reason === 'timeout' ? 'client.timeout' : 'client.network', {}, error.message);
  if (error instanceof ProtocolError) return errorReply('client.protocol', { httpStatus: error.httpStatus }, error.message);
  if (error instanceof RetryLaterError)
    return errorReply('client.retry-later', { seconds: Math.ceil((error.retryAfterMs ?? 0) / 1000) }, error.message);
  if (error instanceof CancelledError) return errorReply('client.cancelled', {}, error.message);
  if (error instanceof AccountValidationError) return errorReply('account.invalid', {}, error.message);
  if (error instanceof AccountNotFoundError) return errorReply('account.not-found', {}, error.message);
  if (error instanceof MissingCredentialsError)
    return errorReply(error.sessionEnded ? 'account.session-ended' : 'account.missing-credentials', { name: error.accountName });
  if (error instanceof KeychainUnavailableError) return errorReply(error.code, {}, error.reason);
  if (error instanceof SecretStoreError) return errorReply('keychain.failed', {}, error.message);
  if (error instanceof LabelLimitError) return errorReply('labels.too-many', { max: error.max }, error.message);
  if (error instanceof DataFolderLockedError)
    return errorReply('data.folder-locked', { pid: error.holder.pid, host: error.holder.host }, error.message);
  return null;
}

/**
 * Any thrown value as a reply. Never throws: a value that throws when looked at is `internal`
 * with no detail.
 */
export function toErrorReply(error: unknown, mask: (text: string) => string = (text) => text): ErrorReply {
  try {
    const reply = known(error) ?? errorReply('internal', {}, messageOf(error));
    return reply.detail ? { ...reply, detail: cut(mask(reply.detail), MAX_DETAIL_LENGTH) } : reply;
  } catch {
    return errorReply('internal', {});
  }
}
