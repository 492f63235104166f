/**
 * Retrying reads: exponential backoff with full jitter, or the server's `Retry-After` when it
 * names one within the cap; abortable, never after cancellation.
 */
import type { Operation } from '../../shared/volume';
import { CancelledError, RetryLaterError, VolumeClientError, isTransient } from './errors';

/** Backoff settings; see {@link backoffDelay}. */
export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseMs: number;
  capMs: number;
  /** The longest `Retry-After` waited for; a longer one ends the call with a RetryLaterError. */
  retryAfterCapMs: number;
  /** In [0, 1). */
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Full jitter: `random() * min(cap, base * 2^retry)`, `retry` counting from 0. */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseMs' | 'capMs' | 'random'>): number {
  return policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** retry);
}

/** A `setTimeout` that rejects as soon as the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt(n)` (n from 1) until it succeeds, fails with a non-transient error, or the
 * policy's attempts are spent. A transient error that carries a `Retry-After` waits that long
 * instead of the backoff, or, beyond `retryAfterCapMs`, ends the call at once with a
 * RetryLaterError. A cancellation, during a call or a pause, ends it at once.
 */
export async function withRetry<T>(
  operation: Operation,
  policy: RetryPolicy,
  attempt: (n: number) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const retryable = error instanceof VolumeClientError && isTransient(error);
      if (!retryable) throw error;
      const asked = error.retryAfterMs;
      if (asked !== undefined && asked > policy.retryAfterCapMs) throw new RetryLaterError(operation, asked, error);
      if (n >= policy.attempts) throw error;
      await pause(operation, policy, asked ?? backoffDelay(n - 1, policy), signal, error);
    }
  }
}

async function pause(
  operation: Operation,
  policy: RetryPolicy,
  ms: number,
  signal: AbortSignal | undefined,
  lastError: VolumeClientError,
): Promise<void> {
  try {
    await policy.sleep(ms, signal);
  } catch {
    if (signal?.aborted) throw new CancelledError(operation);
    throw lastError;
  }
  if (signal?.aborted) throw new CancelledError(operation);
}
