/**
 * The one IPC contract between the renderer and a host (Electron or browser). Every channel is
 * declared here once: its name, the runtime schema of its payload, and the type of its answer.
 * Hosts validate each payload against the schema before the core sees it.
 */
import { z } from 'zod';
import type { Volume } from './volume';

/** Whether credentials can be kept in the OS keychain here, and if not, why and how to fix it. */
export type KeychainState = { available: true } | { available: false; reason: string; fix: string };

/** What the app tells the window about itself. Never a secret. */
export interface AppInfo {
  version: string;
  keychain: KeychainState;
}

/** An account's cloud as last seen: reachable, unreachable, refusing the session, or failing. */
export type AccountState = 'unknown' | 'online' | 'offline' | 'expired' | 'error';

/** An account as the window sees it: everything but its secrets. */
export interface AccountView {
  id: string;
  name: string;
  endpoint: string;
  colour: string;
  tenants: { userId: number; label?: string }[];
  kind: 'cloud' | 'local-sandbox';
  secretsIn: 'keychain' | 'session';
  hasCredentials: boolean;
  state: AccountState;
  /** Why the account is offline, expired or in error. */
  stateMessage?: string;
}

/** The volumes of one account: live, or the last known ones when its cloud is unreachable. */
export interface VolumeListing {
  volumes: Volume[];
  /** When this picture was true (ms since epoch). */
  asOf: number;
  source: 'live' | 'cache';
  /** Why the live listing failed, when `source` is 'cache'. */
  problem?: { code: string; message: string };
}

const accountId = z.string().min(1).max(100);
const secrets = z.object({ accessToken: z.string(), sessionToken: z.string(), sessionSecret: z.string() }).strict();
const tenants = z.array(z.object({ userId: z.number(), label: z.string().optional() }).strict()).max(1000);

export const invokeSchemas = {
  'app:info': z.object({}).strict(),
  'accounts:list': z.object({}).strict(),
  'accounts:add': z
    .object({ name: z.string(), endpoint: z.string(), colour: z.string(), tenants: tenants.optional(), secrets, sessionOnly: z.boolean().optional() })
    .strict(),
  'accounts:remove': z.object({ accountId }).strict(),
  'accounts:set-credentials': z.object({ accountId, secrets, sessionOnly: z.boolean().optional() }).strict(),
  'accounts:test': z.object({ accountId }).strict(),
  'volumes:list': z.object({ accountId, keywords: z.string().max(200).optional() }).strict(),
} as const;

export type InvokeChannel = keyof typeof invokeSchemas;

export interface InvokeResults {
  'app:info': AppInfo;
  'accounts:list': AccountView[];
  'accounts:add': AccountView;
  'accounts:remove': null;
  'accounts:set-credentials': AccountView;
  'accounts:test': { ok: true; total: number } | { ok: false; code: string; message: string };
  'volumes:list': VolumeListing;
}

export type InvokePayload<C extends InvokeChannel> = z.infer<(typeof invokeSchemas)[C]>;

export const INVOKE_CHANNELS = Object.keys(invokeSchemas) as InvokeChannel[];

/** What changed in one account's volumes since the window last heard. */
export interface VolumeChanges {
  accountId: string;
  added: Volume[];
  changed: Volume[];
  /** `unique`s of volumes that are gone. */
  removed: number[];
}

/** Events the host pushes to the window. */
export interface EventPayloads {
  'volumes:changed': VolumeChanges;
}

export type EventChannel = keyof EventPayloads;

export const EVENT_CHANNELS: EventChannel[] = ['volumes:changed'];

/** How an answer crosses the boundary: errors travel as data and become real Errors again. */
export type InvokeReply<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string } };

/** The API that a host exposes to the renderer (window.api in Electron). */
export interface HostApi {
  invoke<C extends InvokeChannel>(channel: C, payload: InvokePayload<C>): Promise<InvokeResults[C]>;
  /** Listens to an event; returns the function that stops listening. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
