/**
 * Shared harness of the contract tests: the REAL volume API client against the REAL sandbox,
 * over HTTP on a free local port. Each test file starts its own sandbox (`useSandbox`), so
 * files can run in parallel without sharing state.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { ApiError, createVolumeClient, type CreateParams, type VolumeClient, type VolumeClientOptions } from '../../electron/core/api';
import type { LogFields, Logger } from '../../electron/core/ports';
import { PASSING_STATES, type Volume, type VolumeState } from '../../electron/shared/volume';
import { startSandbox, type RunningSandbox, type SandboxOptions, type SandboxSession } from '../../sandbox';

/** The admin session's own tenant in the 'empty' and 'demo' seeds. */
export const ADMIN_TENANT = 100;
/** The other tenants of the 'empty' and 'demo' seeds. */
export const TENANTS = { finance: 101, rnd: 102, ops: 103 } as const;
/** A `unique` no seed reaches. */
export const MISSING = 999_999;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const DEVICE = /^\/dev\/vd[b-z]$/;

/** One debug line of the client: the fields of `volume api request`. */
export interface RequestLine {
  operation: string;
  method: string;
  path: string;
  status: number | null;
  outcome: string;
  attempt: number;
}

/** A logger that keeps the client's per-attempt debug lines. */
export function capturingLogger(): Logger & { requests: RequestLine[] } {
  const requests: RequestLine[] = [];
  const keep = (message: string, fields?: LogFields) => {
    if (message === 'volume api request' && fields) requests.push(fields as unknown as RequestLine);
  };
  return { requests, debug: keep, info: () => {}, warn: () => {}, error: () => {} };
}

export interface Harness {
  sandbox: RunningSandbox;
  /** A client bound to the sandbox's admin session. */
  admin: VolumeClient;
  /** The sandbox's own request log: `METHOD /path STATUS Nms` (or `dropped`), one per request. */
  serverLog: string[];
  /** A client of the sandbox with the given session (admin by default) and options. */
  clientFor(session?: SandboxSession, options?: Partial<VolumeClientOptions>): VolumeClient;
  /** A new `user` (or `admin`) session of a tenant and a client bound to it. */
  userClient(userId: number, role?: 'user' | 'admin'): VolumeClient;
}

export function credentialsOf(sandbox: RunningSandbox, session: SandboxSession = sandbox.adminSession) {
  return { accessToken: sandbox.accessToken, sessionToken: session.sessionToken, sessionSecret: session.sessionSecret };
}

/** Starts a sandbox (seed 'empty', speed 0 unless told) and the clients bound to it. */
export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  const serverLog: string[] = [];
  const sandbox = await startSandbox({
    seed: 'empty',
    speed: 0,
    randomSeed: 7,
    ...options,
    log: (line) => serverLog.push(line),
  });
  const clientFor = (session: SandboxSession = sandbox.adminSession, extra: Partial<VolumeClientOptions> = {}) =>
    createVolumeClient({
      endpoint: sandbox.endpoint,
      credentials: credentialsOf(sandbox, session),
      timeoutMs: 5000,
      // Fast backoff: retries are asserted by count, not by their pauses.
      retry: { attempts: 3, baseMs: 1, capMs: 5 },
      ...extra,
    });
  return {
    sandbox,
    admin: clientFor(),
    serverLog,
    clientFor,
    userClient: (userId, role = 'user') => clientFor(sandbox.createSession(userId, role)),
  };
}

/**
 * Registers beforeAll/afterAll for one sandbox per test file. The returned object is filled in
 * by beforeAll, so read its fields inside tests only.
 */
export function useSandbox(options: SandboxOptions = {}): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    Object.assign(harness, await startHarness(options));
  });
  afterAll(async () => {
    await harness.sandbox?.stop();
  });
  return harness;
}

let counter = 0;
/** A name no other test of the run uses. */
export function uniqueName(prefix = 'disk'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** Creates a 10 GB volume (unless told otherwise) with a fresh name. */
export function createVolume(client: VolumeClient, params: Partial<CreateParams> = {}): Promise<Volume> {
  return client.create({ name: uniqueName(), size: 10, ...params });
}

/** Awaits a call that must fail with `volumes.error.<code>` and the given status; returns the error. */
export async function expectApiError(call: Promise<unknown>, code: string, status = 406): Promise<ApiError> {
  const error: unknown = await call.then(
    (value) => {
      throw new Error(`expected volumes.error.${code}, but the call succeeded with ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  const api = error as ApiError;
  expect({ code: api.code, status: api.status }).toEqual({ code: `volumes.error.${code}`, status });
  return api;
}

/** What `status` answers, or 'gone' once the volume no longer exists. */
export async function stateOf(client: VolumeClient, unique: number): Promise<VolumeState | 'gone'> {
  try {
    return (await client.status(unique)).volumeStatus;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'volumes.error.not-exists') return 'gone';
    throw error;
  }
}

export const isPassing = (state: VolumeState | 'gone'): boolean =>
  state !== 'gone' && (PASSING_STATES as readonly string[]).includes(state);

/**
 * Polls `status` until the volume is in a stable state (or gone) and returns every distinct
 * state seen, in order, starting with the first poll.
 */
export async function trace(client: VolumeClient, unique: number, timeoutMs = 10_000): Promise<(VolumeState | 'gone')[]> {
  const deadline = Date.now() + timeoutMs;
  const seen: (VolumeState | 'gone')[] = [];
  for (;;) {
    const state = await stateOf(client, unique);
    if (seen.at(-1) !== state) seen.push(state);
    if (!isPassing(state)) return seen;
    if (Date.now() > deadline) throw new Error(`volume ${unique} still passing after ${timeoutMs} ms: ${seen.join(' → ')}`);
    await sleep(20);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The first server of a tenant. */
export function serverOf(sandbox: RunningSandbox, userId: number): string {
  const server = sandbox.servers().find((s) => s.userId === userId);
  if (!server) throw new Error(`tenant ${userId} has no server`);
  return server.id;
}
