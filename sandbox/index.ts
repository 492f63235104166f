/**
 * The sandbox: a real HTTP server of the cloud volume API (docs/spec: volume-api.md), for tests,
 * demos and benchmarks. Decisions the spec leaves to the sandbox:
 * - Durations at speed 1 (BASE_DURATIONS_MS): create 3 s (from an image DOWNLOADING 6 s), clone 3 s,
 *   attach 2 s, detach 1 s, extend 2 s (volumeStatus UNRECOGNIZED), delete 2 s, the detach of a
 *   disable 1 s. Each lasts base / speed; speed 0 ends it before the answer is sent.
 * - Disabling an attached volume sets `status: DISABLED` at once (so nothing can attach in
 *   between), then the volume passes DETACHING and ends AVAILABLE with no attachment.
 * - The admin session belongs to user id 100 (ADMIN_USER_ID), a tenant of its own named
 *   "Platform Admin" with its own quota and one server; the other tenants are 101, 102, ….
 * - A user id must be a tenant: `userid`/`uid` naming no tenant is `parameter-invalid`.
 * - A dropped request (dropRate) is dropped before it changes anything.
 * - Admin paths under /__sandbox/ answer plain JSON (no envelope) and need HT-ACCESS-TOKEN only.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults, faultSettingsSchema, type FaultSettings } from './faults';
import { SandboxDataError, StateFile, loadState } from './persistence';
import { mulberry32 } from './random';
import { ADMIN_USER_ID, buildSeed, parseSeed } from './seed';
import { answerParserErrors, createHandler } from './server';
import { Sessions } from './sessions';
import type { Role, Session } from './types';
import { VolumeStore } from './volume-store';

export type { FaultSettings, RateMap } from './faults';
export { FAILURE_MESSAGES } from './faults';
export { SandboxDataError } from './persistence';
export { ADMIN_USER_ID } from './seed';
export { BASE_DURATIONS_MS, MAX_PAGE_SIZE } from './volume-store';
export { OPERATIONS } from './types';
export type { Attachment, Image, OperationName, Role, Server, Tenant, Volume, VolumeStatus } from './types';

export interface SandboxOptions {
  /** default 127.0.0.1 */
  host?: string;
  /** default 0: a free port */
  port?: number;
  /**
   * JSON data file (mode 0600) of the fleet: loaded if it exists (the seed is then ignored), else
   * seeded and written. It never holds the access token or a session: those are new at each start.
   */
  dataFile?: string;
  /**
   * Called when the data file is damaged (torn, empty, not JSON, another shape, a folder): once it
   * resolves (having moved the file away), the sandbox starts from the seed and writes a new file.
   * Without it, a damaged file refuses the start with a {@link SandboxDataError}.
   */
  onDamagedData?: (error: SandboxDataError) => Promise<void>;
  /**
   * The access token and sessions of an earlier run ({@link RunningSandbox.credentials}), so that a
   * restart is "the same cloud coming back" for clients that hold them (tests of an outage). Held
   * in memory only; without it both are new.
   */
  credentials?: SandboxCredentials;
  /** 'demo' (default) | 'empty' | 'scale:N' */
  seed?: string;
  /** passing states last base / speed; 0 ends them at once. default 1 */
  speed?: number;
  /** lifetime of new sessions; undefined = never expire */
  sessionTtlSeconds?: number;
  faults?: FaultSettings;
  /** seeds the PRNG of fault decisions and demo data. default 1 */
  randomSeed?: number;
  /** one line per request: method, path, status, ms (never a credential) */
  log?: (line: string) => void;
}

export interface SandboxSession {
  sessionToken: string;
  sessionSecret: string;
  userId: number;
  role: Role;
  expiresAt: number | null;
}

/** What a client needs to go on after a restart: kept by the caller, in memory, never in the data file. */
export interface SandboxCredentials {
  accessToken: string;
  sessions: SandboxSession[];
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:PORT, no trailing slash */
  endpoint: string;
  accessToken: string;
  adminSession: SandboxSession;
  createSession(userId: number, role: Role, ttlSeconds?: number): SandboxSession;
  expireSessions(): void;
  /** The access token and live sessions, to hand to a later start (`SandboxOptions.credentials`). */
  credentials(): SandboxCredentials;
  /** replaces every fault setting */
  setFaults(f: FaultSettings): void;
  tenants(): { userId: number; name: string; quotaGb: number }[];
  servers(): { id: string; name: string; userId: number }[];
  images(): { id: string; name: string; minSizeGb: number }[];
  /** closes the server and waits for pending writes */
  stop(): Promise<void>;
}

function toSandboxSession(s: Session): SandboxSession {
  return { sessionToken: s.token, sessionSecret: s.secret, userId: s.userId, role: s.role, expiresAt: s.expiresAt };
}

function listen(server: HttpServer, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** The saved state; a damaged file goes to `onDamaged` and the start goes on from the seed. */
async function loadOrReplace(file: string, onDamaged: SandboxOptions['onDamagedData']) {
  try {
    return await loadState(file);
  } catch (error) {
    if (!(error instanceof SandboxDataError) || !onDamaged) throw error;
    await onDamaged(error);
    return undefined;
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const speed = options.speed ?? 1;
  if (!Number.isFinite(speed) || speed < 0) throw new Error(`speed must be a number >= 0, got ${speed}`);
  const seed = parseSeed(options.seed ?? 'demo');
  const randomSeed = options.randomSeed ?? 1;
  const log = options.log ?? (() => {});
  // Two streams, so fault decisions do not shift with how many ids the data has drawn.
  const dataRng = mulberry32(randomSeed);
  const faults = new Faults(faultSettingsSchema.parse(options.faults ?? {}), mulberry32(randomSeed ^ 0x5eed));

  const loaded = options.dataFile ? await loadOrReplace(options.dataFile, options.onDamagedData) : undefined;
  const state = loaded ?? buildSeed(seed, dataRng, Date.now());
  const store = new VolumeStore(state, faults, dataRng, speed);
  const earlier = options.credentials && {
    accessToken: options.credentials.accessToken,
    sessions: options.credentials.sessions.map((s) => ({
      token: s.sessionToken,
      secret: s.sessionSecret,
      userId: s.userId,
      role: s.role,
      expiresAt: s.expiresAt,
    })),
  };
  const sessions = new Sessions(state, Date.now, earlier);
  store.settle();
  const stateFile = options.dataFile ? new StateFile(options.dataFile, () => state) : undefined;
  const persist = (): Promise<void> => stateFile?.commit() ?? Promise.resolve();

  const adminSession = sessions.create(ADMIN_USER_ID, 'admin', options.sessionTtlSeconds);
  // Written at once: a new fleet is on disk from the start, and a file of an earlier version is
  // rewritten without the token and sessions it kept.
  await persist();

  const server = createServer(createHandler({ store, sessions, faults, persist, log, sessionTtlSeconds: options.sessionTtlSeconds }));
  answerParserErrors(server, log);
  const address = await listen(server, options.port ?? 0, host);
  const hostPart = address.address.includes(':') ? `[${address.address}]` : address.address;

  return {
    endpoint: `http://${hostPart}:${address.port}`,
    accessToken: sessions.accessToken,
    adminSession: toSandboxSession(adminSession),
    createSession(userId, role, ttlSeconds) {
      const session = sessions.create(userId, role, ttlSeconds ?? options.sessionTtlSeconds);
      return toSandboxSession(session);
    },
    expireSessions() {
      sessions.expireAll();
    },
    credentials: () => ({ accessToken: sessions.accessToken, sessions: sessions.live().map(toSandboxSession) }),
    setFaults(f) {
      faults.replace(f);
    },
    tenants: () => state.tenants.map((t) => ({ ...t })),
    servers: () => state.servers.map((s) => ({ ...s })),
    images: () => state.images.map((i) => ({ ...i })),
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Keep-alive clients may hold a connection open; do not wait for them for long.
        setTimeout(() => server.closeAllConnections(), 500).unref();
      });
      await stateFile?.idle();
    },
  };
}
