/** The typed volume API client: one method per operation of spec section 3. */
import type { EnabledStatus, ListParams, Operation, Volume, VolumePage, VolumeStatusResult } from '../../shared/volume';
import { silentLogger, type Logger } from '../ports';
import { abortableSleep, withRetry, type RetryPolicy } from './retry';
import { boundedPageSchema, noResultSchema, statusSchema, volumeSchema } from './schemas';
import { createTransport, type Credentials, type RequestSpec, type Transport, type WireParams } from './transport';

/** Per-call options of every method. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Per attempt; defaults to the client's `timeoutMs`. */
  timeoutMs?: number;
}

/** Options of {@link createVolumeClient}. */
export interface VolumeClientOptions {
  /** Origin plus optional path prefix, e.g. `http://api.htaiyun.com`. */
  endpoint: string;
  /** The secrets, or a function read before every request (so a refreshed session is used). */
  credentials: Credentials | (() => Credentials);
  /** Per attempt, default 15000. */
  timeoutMs?: number;
  /**
   * Retries of reads: `attempts` in total (default 3), backoff base 100 ms, cap 20000 ms; a
   * server's `Retry-After` is waited for up to `retryAfterCapMs` (default 30000 ms).
   */
  retry?: { attempts?: number; baseMs?: number; capMs?: number; retryAfterCapMs?: number };
  /** The most bytes of one answer, after decompression; default 64 MiB. */
  maxAnswerBytes?: number;
  /** The HTTP stack (WHATWG fetch); default Node's global fetch. The Electron host passes `net.fetch`. */
  fetch?: typeof fetch;
  logger?: Logger;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Parameters of `create`: `size` is required unless `image` is given. */
export interface CreateParams {
  /** Owner (an admin acting for a tenant); the caller by default. */
  userid?: number;
  name: string;
  description?: string;
  /** GB. */
  size?: number;
  /** Image id to create the volume from. */
  image?: string;
}

/** Parameters of `clone`. */
export interface CloneParams {
  /** Owner of the copy. */
  uid: number;
  name: string;
  description?: string;
}

/** Parameters of `listAll`: those of `list` but the paging. */
export type ListAllParams = Omit<ListParams, 'page' | 'offset'>;

/** Options of `listAll`. */
export interface ListAllOptions extends CallOptions {
  /** Page size asked for (the server may grant less); default 1000. */
  pageSize?: number;
}

/** Every volume of a paged listing. */
export interface ListAllResult {
  /** De-duplicated by `unique`, in first-seen order, latest data. */
  volumes: Volume[];
  /** Pages read. */
  pages: number;
  /** The `total` of the last page read. */
  total: number;
  /**
   * False when paging stopped on a guard (empty or repeated pages) rather than `hasNext: false`,
   * or when the volumes read do not add up to `total` (the fleet changed while it was paged).
   */
  complete: boolean;
}

/** The volume API, one method per operation. Every failure is a `VolumeClientError`. */
export interface VolumeClient {
  create(params: CreateParams, options?: CallOptions): Promise<Volume>;
  get(unique: number, options?: CallOptions): Promise<Volume>;
  clone(unique: number, params: CloneParams, options?: CallOptions): Promise<Volume>;
  update(unique: number, params: { name?: string; description?: string }, options?: CallOptions): Promise<void>;
  updateField(unique: number, field: 'name' | 'description', value: string, options?: CallOptions): Promise<void>;
  /** `size` is the new total size in GB. */
  extend(unique: number, size: number, options?: CallOptions): Promise<void>;
  delete(unique: number, options?: CallOptions): Promise<void>;
  status(unique: number, options?: CallOptions): Promise<VolumeStatusResult>;
  list(params?: ListParams, options?: CallOptions): Promise<VolumePage>;
  /** Reads every page by `hasNext`, guarded against servers that never stop. */
  listAll(params?: ListAllParams, options?: ListAllOptions): Promise<ListAllResult>;
  /** `serverId` is required when disabling an attached volume (it is detached from it). */
  setEnabled(unique: number, params: { status: EnabledStatus; serverId?: string }, options?: CallOptions): Promise<void>;
  attach(unique: number, serverId: string, options?: CallOptions): Promise<void>;
  detach(unique: number, serverId: string, options?: CallOptions): Promise<void>;
  /** All-or-nothing. */
  batchSetEnabled(uniques: readonly number[], status: EnabledStatus, options?: CallOptions): Promise<void>;
  /** All-or-nothing. */
  batchDelete(uniques: readonly number[], options?: CallOptions): Promise<void>;
}

/** Operations that only read, and so may be retried. */
const READS: ReadonlySet<Operation> = new Set(['get', 'status', 'list']);

/** The page size of `list` when none is asked for (spec: `offset` defaults to 20). */
const DEFAULT_PAGE_SIZE = 20;
/** Default of `maxAnswerBytes`: far above the largest legal page (1000 volumes, under 1 MiB). */
const DEFAULT_MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** listAll stops after this many pages in a row that bring no new volume. */
const MAX_STALE_PAGES = 3;
/** listAll never reads more pages than this. */
const MAX_PAGES = 10_000;

function retryPolicy(options: VolumeClientOptions): RetryPolicy {
  return {
    attempts: Math.max(1, options.retry?.attempts ?? 3),
    baseMs: options.retry?.baseMs ?? 100,
    capMs: options.retry?.capMs ?? 20_000,
    retryAfterCapMs: options.retry?.retryAfterCapMs ?? 30_000,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
  };
}

function id(unique: number): string {
  return encodeURIComponent(String(unique));
}

/** Creates a client of one endpoint. Throws a TypeError if the endpoint is not an http(s) URL. */
export function createVolumeClient(options: VolumeClientOptions): VolumeClient {
  const { credentials } = options;
  const logger = options.logger ?? silentLogger;
  const transport: Transport = createTransport({
    endpoint: options.endpoint,
    credentials: typeof credentials === 'function' ? credentials : () => credentials,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxAnswerBytes: options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES,
    fetch: options.fetch ?? globalThis.fetch,
    logger,
  });
  const policy = retryPolicy(options);

  function call<T>(spec: RequestSpec<T>, opts: CallOptions = {}): Promise<T> {
    const send = (attempt: number) => transport(spec, { ...opts, attempt });
    return READS.has(spec.operation) ? withRetry(spec.operation, policy, send, opts.signal) : send(1);
  }

  const post = <T>(operation: Operation, path: string, schema: RequestSpec<T>['schema'], params?: WireParams) =>
    ({ operation, method: 'POST', path, params, schema }) as const;

  const list = (params: ListParams = {}, opts?: CallOptions) =>
    call(
      {
        operation: 'list',
        method: 'GET',
        path: 'list',
        params: { ...params },
        schema: boundedPageSchema(params.offset ?? DEFAULT_PAGE_SIZE),
      },
      opts,
    );

  return {
    create: (params, opts) => call(post('create', 'create', volumeSchema, { ...params }), opts),
    get: (unique, opts) => call(post('get', `${id(unique)}/get`, volumeSchema), opts),
    clone: (unique, params, opts) => call(post('clone', `${id(unique)}/clone`, volumeSchema, { ...params }), opts),
    update: (unique, params, opts) => call(post('update', `${id(unique)}/update`, noResultSchema, { ...params }), opts),
    updateField: (unique, field, value, opts) =>
      call(post('updateField', `${id(unique)}/update/${encodeURIComponent(field)}`, noResultSchema, { value }), opts),
    extend: (unique, size, opts) => call(post('extend', `${id(unique)}/extend`, noResultSchema, { size }), opts),
    delete: (unique, opts) => call(post('delete', `${id(unique)}/delete`, noResultSchema), opts),
    status: async (unique, opts) => {
      const answer = await call(post('status', `${id(unique)}/status`, statusSchema), opts);
      return { unique: answer.unique ?? unique, volumeStatus: answer.volumeStatus };
    },
    list,
    listAll: (params = {}, opts = {}) => listAll(list, logger, params, opts),
    setEnabled: (unique, params, opts) => call(post('enable', `${id(unique)}/enable`, noResultSchema, { ...params }), opts),
    attach: (unique, serverId, opts) => call(post('attach', `${id(unique)}/attach`, noResultSchema, { serverid: serverId }), opts),
    detach: (unique, serverId, opts) => call(post('detach', `${id(unique)}/dettach`, noResultSchema, { serverid: serverId }), opts),
    batchSetEnabled: (uniques, status, opts) =>
      call(post('batchEnable', 'batchenableordisable', noResultSchema, { serverids: uniques, status }), opts),
    batchDelete: (uniques, opts) => call(post('batchDelete', 'batchdelete', noResultSchema, { volumns: uniques }), opts),
  };
}

/**
 * Pages by `hasNext`, whatever page size the server grants, and checks the count against
 * `total`. Stops early, with `complete: false`, on an empty page that claims more, on MAX_STALE_PAGES pages in a row
 * that bring nothing new, or after MAX_PAGES pages.
 */
async function listAll(
  list: (params: ListParams, opts?: CallOptions) => Promise<VolumePage>,
  logger: Logger,
  params: ListAllParams,
  { pageSize = 1000, ...opts }: ListAllOptions,
): Promise<ListAllResult> {
  const seen = new Map<number, Volume>();
  let total = 0;
  let stale = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await list({ ...params, page, offset: pageSize }, opts);
    total = answer.total;
    const before = seen.size;
    for (const volume of answer.entities) seen.set(volume.unique, volume);
    stale = seen.size > before ? 0 : stale + 1;
    const result = { volumes: [...seen.values()], pages: page, total };
    if (!answer.hasNext) {
      // The fleet may change while it is paged; a count that differs from `total` says so, and
      // the caller settles it on its next pass rather than trusting absences in this one.
      const complete = seen.size === total;
      if (!complete) logger.warn('volume listing count differs from total', { seen: seen.size, total });
      return { ...result, complete };
    }
    if (answer.entities.length === 0 || stale >= MAX_STALE_PAGES) {
      logger.warn('volume listing stopped: server keeps claiming more pages', { pages: page, total });
      return { ...result, complete: false };
    }
  }
  logger.warn('volume listing stopped: page limit reached', { pages: MAX_PAGES, total });
  return { volumes: [...seen.values()], pages: MAX_PAGES, total, complete: false };
}
