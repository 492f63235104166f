/**
 * One HTTP request to the volume API: URL, form encoding, headers, timeout, abort, a bounded
 * read of the answer, envelope decoding and redaction. Retrying is the caller's business
 * (`retry.ts`).
 *
 * The HTTP stack is a port: any WHATWG `fetch` (Node's own, Electron's `net.fetch`). Both
 * decompress by themselves, so the size limit counts the bytes the body stream yields, after
 * decompression, and a gzip bomb stops expanding as soon as the limit is passed.
 */
import type { z } from 'zod';
import type { Operation } from '../../shared/volume';
import type { Logger } from '../ports';
import { ApiError, CancelledError, NetworkError, ProtocolError, VolumeClientError, type NetworkReason } from './errors';
import { safeText } from './redact';
import { envelopeSchema } from './schemas';

/** The three secrets sent with every call. */
export interface Credentials {
  /** `HT-ACCESS-TOKEN`: the platform's application access token. */
  accessToken: string;
  /** `IMR-SESSION-TOKEN`: the user session id. */
  sessionToken: string;
  /** `IMR-SESSION-SECRET`: the user session secret. */
  sessionSecret: string;
}

/** A parameter value on the wire; arrays become repeated keys, undefined is left out. */
export type WireValue = string | number | boolean | readonly (string | number)[] | undefined;

/** Named parameters of one request. */
export type WireParams = Readonly<Record<string, WireValue>>;

/** What one operation sends and how its `result` is read. */
export interface RequestSpec<T> {
  operation: Operation;
  method: 'GET' | 'POST';
  /** Relative to `{endpoint}/services/openstack/volume/`, e.g. `42/dettach`. */
  path: string;
  params?: WireParams;
  schema: z.ZodType<T>;
}

/** Fixed settings of a transport. */
export interface TransportConfig {
  endpoint: string;
  credentials: () => Credentials;
  timeoutMs: number;
  /** The most bytes of one answer, counted after decompression; a larger one is a ProtocolError. */
  maxAnswerBytes: number;
  fetch: typeof fetch;
  logger: Logger;
}

/** Per-attempt settings. */
export interface AttemptOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** 1 for the first attempt; logged only. */
  attempt?: number;
}

/** Sends one request and decodes its answer. */
export type Transport = <T>(spec: RequestSpec<T>, options?: AttemptOptions) => Promise<T>;

const API_ROOT = 'services/openstack/volume/';

/**
 * The base URL of every operation for an endpoint (origin plus optional path prefix, trailing
 * slash tolerated). Throws a TypeError for anything but an http(s) URL.
 */
export function apiBaseUrl(endpoint: string): string {
  const url = new URL(endpoint.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`volume API endpoint must be http(s), got ${url.protocol}`);
  }
  const prefix = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${prefix}/${API_ROOT}`;
}

/** Form or query encoding: undefined left out, arrays as repeated keys, booleans as text. */
export function encodeParams(params: WireParams = {}): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) out.append(key, String(v));
  }
  return out;
}

function secretsOf(c: Credentials): string[] {
  return [c.accessToken, c.sessionToken, c.sessionSecret];
}

function buildRequest(base: string, spec: RequestSpec<unknown>, c: Credentials): { url: string; init: RequestInit } {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'HT-ACCESS-TOKEN': c.accessToken,
    'IMR-SESSION-TOKEN': c.sessionToken,
    'IMR-SESSION-SECRET': c.sessionSecret,
  };
  const encoded = encodeParams(spec.params).toString();
  if (spec.method === 'GET') {
    const query = encoded ? `?${encoded}` : '';
    return { url: `${base}${spec.path}${query}`, init: { method: 'GET', headers, redirect: 'manual' } };
  }
  headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return { url: `${base}${spec.path}`, init: { method: 'POST', headers, body: encoded, redirect: 'manual' } };
}

const REASON_BY_CODE: Readonly<Record<string, NetworkReason>> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
};

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** The low-level error code of a fetch failure: `cause.code`, or that of its first aggregate. */
function failureCode(error: unknown): string | undefined {
  const cause = field(error, 'cause') ?? error;
  const errors = field(cause, 'errors');
  const code = field(cause, 'code') ?? (Array.isArray(errors) ? field(errors[0], 'code') : undefined);
  return typeof code === 'string' ? code : undefined;
}

/** Turns a fetch failure into a NetworkError that keeps only a redacted code and message. */
export function toNetworkError(operation: Operation, error: unknown, secrets: readonly string[]): NetworkError {
  const code = failureCode(error);
  const rawMessage = field(field(error, 'cause') ?? error, 'message');
  const message = typeof rawMessage === 'string' ? rawMessage : '';
  const text = code && !message.includes(code) ? `${code}: ${message}` : message;
  return new NetworkError(operation, (code && REASON_BY_CODE[code]) || 'other', safeText(text, secrets, 120));
}

function describeNonJson(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) return 'empty body';
  if (trimmed.startsWith('<')) return 'HTML page instead of JSON';
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return 'invalid or truncated JSON';
  return 'body is not JSON';
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

function decodeUnsafe<T>(operation: Operation, httpStatus: number, body: string, schema: z.ZodType<T>, secrets: readonly string[]): T {
  const parsed = parseJson(body);
  if (!parsed.ok) {
    const excerpt = safeText(body, secrets, 60);
    throw new ProtocolError(operation, httpStatus, excerpt ? `${describeNonJson(body)}: "${excerpt}"` : describeNonJson(body));
  }
  const envelope = envelopeSchema.safeParse(parsed.value);
  if (!envelope.success) {
    throw new ProtocolError(operation, httpStatus, `not an API envelope (${safeText(firstIssue(envelope.error), secrets, 80)})`);
  }
  const { status, message, result } = envelope.data;
  if (status < 200 || status > 299) {
    throw new ApiError(operation, status, safeText(message, secrets));
  }
  const decoded = schema.safeParse(result);
  if (!decoded.success) {
    throw new ProtocolError(operation, httpStatus, `unexpected result (${safeText(firstIssue(decoded.error), secrets, 120)})`);
  }
  return decoded.data;
}

/**
 * Decodes one answer. By the envelope whenever the body is one (an HTTP 200 carrying an error
 * envelope is an ApiError), by the HTTP status otherwise (ProtocolError). Returns the typed
 * `result` or throws a VolumeClientError — never anything else.
 */
export function decodeResponse<T>(
  operation: Operation,
  httpStatus: number,
  body: string,
  schema: z.ZodType<T>,
  secrets: readonly string[] = [],
): T {
  try {
    return decodeUnsafe(operation, httpStatus, body, schema, secrets);
  } catch (error) {
    if (error instanceof VolumeClientError) throw error;
    throw new ProtocolError(operation, httpStatus, 'answer could not be decoded');
  }
}

interface RawAnswer {
  status: number;
  body: string;
  /** The answer's `Retry-After` on a 429 or 503, in ms. */
  retryAfterMs: number | undefined;
}

/** Statuses whose `Retry-After` the client reads (RFC 9110 §10.2.3). */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** `Retry-After` as delay-seconds or an HTTP date, in ms from `now`; undefined if unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month; without letters, Date.parse takes "-1" for a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number(mib.toFixed(1))} MiB` : `${bytes} bytes`;
}

class TooLarge extends Error {}

/**
 * The body as text, read chunk by chunk from the (already decompressed) stream and given up
 * — the stream cancelled — as soon as it passes `limit` bytes.
 */
async function readBounded(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  // Without a content coding the declared length is the length we would read.
  if (!response.headers.has('content-encoding') && declared > limit) {
    void response.body?.cancel().catch(() => {});
    throw new TooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** fetch plus body, under one timer and the caller's signal. */
async function exchange(
  config: TransportConfig,
  operation: Operation,
  request: { url: string; init: RequestInit },
  options: AttemptOptions,
  secrets: readonly string[],
): Promise<RawAnswer> {
  const { signal } = options;
  if (signal?.aborted) throw new CancelledError(operation);
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let status = 0;
  try {
    const response = await config.fetch(request.url, { ...request.init, signal: controller.signal });
    status = response.status;
    const retryAfterMs = RETRY_AFTER_STATUSES.has(status) ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
    return { status, body: await readBounded(response, config.maxAnswerBytes), retryAfterMs };
  } catch (error) {
    if (error instanceof TooLarge) {
      controller.abort(); // drops the connection rather than draining the rest of it
      throw new ProtocolError(
        operation,
        status,
        `answer too large: more than ${formatBytes(config.maxAnswerBytes)}, the most this client reads`,
      );
    }
    if (signal?.aborted) throw new CancelledError(operation);
    if (timedOut) throw new NetworkError(operation, 'timeout', `no answer within ${timeoutMs} ms`);
    throw toNetworkError(operation, error, secrets);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function outcomeOf(error: unknown): string {
  return error instanceof VolumeClientError ? error.kind : 'error';
}

/** Creates the request function of one endpoint and set of credentials. */
export function createTransport(config: TransportConfig): Transport {
  const base = apiBaseUrl(config.endpoint);
  return async function request<T>(spec: RequestSpec<T>, options: AttemptOptions = {}): Promise<T> {
    const credentials = config.credentials();
    const secrets = secretsOf(credentials);
    const started = performance.now();
    let httpStatus: number | null = null;
    let outcome = 'ok';
    try {
      const answer = await exchange(config, spec.operation, buildRequest(base, spec, credentials), options, secrets);
      httpStatus = answer.status;
      try {
        return decodeResponse(spec.operation, answer.status, answer.body, spec.schema, secrets);
      } catch (error) {
        if (error instanceof VolumeClientError) error.retryAfterMs = answer.retryAfterMs;
        throw error;
      }
    } catch (error) {
      outcome = outcomeOf(error);
      throw error;
    } finally {
      config.logger.debug('volume api request', {
        operation: spec.operation,
        method: spec.method,
        path: `/${spec.path}`,
        status: httpStatus,
        outcome,
        ms: Math.round(performance.now() - started),
        attempt: options.attempt ?? 1,
      });
    }
  };
}
