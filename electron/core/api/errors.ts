/**
 * The errors of the volume API client. Every failure of a client method is one of these;
 * none of them ever carries a credential (see `redact.ts`).
 */
import type { Operation } from '../../shared/volume';

/** Discriminant of {@link VolumeClientError}. */
export type VolumeErrorKind = 'api' | 'network' | 'protocol' | 'cancelled' | 'retry-later';

/** Why a request never got an answer. */
export type NetworkReason = 'refused' | 'reset' | 'dns' | 'timeout' | 'other';

/** Base of every error a volume client method throws. */
export abstract class VolumeClientError extends Error {
  abstract readonly kind: VolumeErrorKind;
  /** The operation that failed. */
  readonly operation: Operation;
  /**
   * How long the server asked to wait (its `Retry-After` on a 429 or 503), in ms; set by the
   * transport, undefined when the answer named none.
   */
  retryAfterMs: number | undefined = undefined;

  protected constructor(operation: Operation, message: string) {
    super(message);
    this.name = new.target.name;
    this.operation = operation;
  }
}

/** The server answered with an error envelope, e.g. `volumes.error.not-exists`. */
export class ApiError extends VolumeClientError {
  readonly kind = 'api' as const;
  /** The envelope's `status` (not necessarily the HTTP status). */
  readonly status: number;
  /** The envelope's full `message`, e.g. `volumes.error.size-insufficient`. */
  readonly code: string;

  constructor(operation: Operation, status: number, code: string) {
    super(operation, `${operation} failed: ${code} (${status})`);
    this.status = status;
    this.code = code;
  }
}

/** The request got no answer: connection refused or reset, unknown host, timeout. */
export class NetworkError extends VolumeClientError {
  readonly kind = 'network' as const;
  readonly reason: NetworkReason;
  /** A short, redacted description of the low-level failure. */
  readonly detail: string;

  constructor(operation: Operation, reason: NetworkReason, detail: string) {
    super(operation, `${operation} failed: network error (${reason}${detail ? `: ${detail}` : ''})`);
    this.reason = reason;
    this.detail = detail;
  }
}

/** The server answered something that is not a well-formed envelope for this operation. */
export class ProtocolError extends VolumeClientError {
  readonly kind = 'protocol' as const;
  readonly httpStatus: number;
  /** A short, redacted description of what was wrong with the answer. */
  readonly reason: string;

  constructor(operation: Operation, httpStatus: number, reason: string) {
    super(operation, `${operation} failed: unexpected response (HTTP ${httpStatus}): ${reason}`);
    this.httpStatus = httpStatus;
    this.reason = reason;
  }
}

/** The caller's signal aborted the call. */
export class CancelledError extends VolumeClientError {
  readonly kind = 'cancelled' as const;

  constructor(operation: Operation) {
    super(operation, `${operation} cancelled`);
  }
}

/**
 * A read the server asked to retry later than the client is willing to wait (`Retry-After`
 * beyond the cap): given up at once instead of holding the caller for minutes or days.
 */
export class RetryLaterError extends VolumeClientError {
  readonly kind = 'retry-later' as const;
  /** When the server said it can be asked again (ms since the epoch). */
  readonly retryAt: number;
  /** The answer (a 429 or 503) that asked for the wait. */
  readonly lastError: VolumeClientError;

  constructor(operation: Operation, retryAfterMs: number, lastError: VolumeClientError, now = Date.now()) {
    const retryAt = now + retryAfterMs;
    super(
      operation,
      `${operation} failed: the server is busy and asks to retry in ${Math.ceil(retryAfterMs / 1000)} s, at ${new Date(retryAt).toISOString()}`,
    );
    this.retryAfterMs = retryAfterMs;
    this.retryAt = retryAt;
    this.lastError = lastError;
  }
}

/** Any concrete volume client error, narrowable by `kind`. */
export type AnyVolumeClientError = ApiError | NetworkError | ProtocolError | CancelledError | RetryLaterError;

/** True for every error a volume client method throws. */
export function isVolumeClientError(value: unknown): value is AnyVolumeClientError {
  return value instanceof VolumeClientError;
}

/** True when a read may be tried again after this error (network, 5xx, 429). */
export function isTransient(error: VolumeClientError): boolean {
  const isTransientStatus = (status: number) => status >= 500 || status === 429;
  if (error instanceof NetworkError) return true;
  if (error instanceof ApiError) return isTransientStatus(error.status);
  if (error instanceof ProtocolError) return isTransientStatus(error.httpStatus);
  return false;
}
