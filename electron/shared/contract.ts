/**
 * The one IPC contract between the renderer and a host (Electron or browser). Every channel is
 * declared here once: its name, the runtime schema of its payload, and the type of its answer.
 * Hosts validate each payload against the schema before the core sees it.
 */
import { z } from 'zod';
import type { DataNotice } from './data-notice';
import type { ErrorReply } from './error-catalogue';
import { LABEL_KINDS, labelledIdSchema, labelSchema, type AccountLabels, type LabelsByAccount } from './labels';
import { queueRequestSchema, RETRY_SCOPES, type BatchView, type QueueChanges } from './queue';
import { LIMITS } from './limits';
import type { Volume } from './volume';

/** Whether credentials can be kept in the OS keychain here, and if not, why and how to fix it (its code's text). */
export type KeychainState = { available: true } | { available: false; error: ErrorReply };

/** What the app tells the window about itself. Never a secret. */
export interface AppInfo {
  version: string;
  keychain: KeychainState;
  /** Damaged data files found at this start: where each was kept and what was recovered. */
  notices: DataNotice[];
}

/**
 * An account's cloud as last seen: reachable, unreachable, refusing the session, or failing; or
 * its secrets cannot be read (none stored, or no usable keychain) and must be entered again.
 */
export type AccountState = 'unknown' | 'online' | 'offline' | 'expired' | 'error' | 'needs-credentials';

/**
 * Whether the queue holds an account's work in this state (sends and waits alike) until the account
 * is back: the core runs its queue by it, and a dialog knows by it that no answer is coming now.
 */
export function queueHolds(state: AccountState): boolean {
  return state === 'offline' || state === 'expired' || state === 'needs-credentials';
}

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
  /** Why the account is offline, expired, in error or needs credentials. */
  stateError?: ErrorReply;
}

/** The volumes of one account: live, or the last known ones when its cloud is unreachable. */
export interface VolumeListing {
  volumes: Volume[];
  /** When this picture was true (ms since epoch). */
  asOf: number;
  source: 'live' | 'cache';
  /** Why the live listing failed, when `source` is 'cache'. */
  problem?: ErrorReply;
  /** `unique`s of volumes that have stayed in a passing state for 10 minutes or more. */
  stuck: number[];
}

/** The user's settings, kept in the data folder. */
export interface Settings {
  /** Seconds between full background refreshes while the window is visible. */
  refreshIntervalSec: number;
  /** Desktop notifications for finished batches, failed operations and expired sessions. */
  notifications: boolean;
  /** Requests the queue runs at once against one account. */
  maxPerAccount: number;
  /** Requests the queue runs at once in all. */
  maxTotal: number;
  language: 'system' | 'en' | 'zh-CN';
  theme: 'system' | 'light' | 'dark';
  /** The volume table's visible columns, by id; null for the window's default choice. */
  volumeColumns: string[] | null;
  /** The desktop app looks for a new version at start (it never installs while queue work is left). */
  checkForUpdates: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  refreshIntervalSec: 60,
  notifications: true,
  maxPerAccount: 4,
  maxTotal: 8,
  language: 'system',
  theme: 'system',
  volumeColumns: null,
  checkForUpdates: true,
};

/** Where a click on a notification takes the window. */
export type NavigationTarget = { kind: 'batch'; batchId: string } | { kind: 'account'; accountId: string };

/** A desktop notification, already worded in the user's language. */
export interface AppNotification {
  id: string;
  kind: 'batch-finished' | 'operation-failed' | 'session-expired';
  title: string;
  body: string;
  target: NavigationTarget;
}

const accountId = z.string().min(1).max(LIMITS.idLength);
const secrets = z.object({ accessToken: z.string(), sessionToken: z.string(), sessionSecret: z.string() }).strict();
const tenants = z.array(z.object({ userId: z.number(), label: z.string().max(LIMITS.tenantLabelLength).optional() }).strict()).max(1000);
const accountName = z.string().max(LIMITS.accountNameLength);
const batchId = z.string().min(1).max(LIMITS.idLength);
const itemIds = z.array(z.string().min(1).max(LIMITS.idLength)).max(LIMITS.batchItems);

/** The settings a user may change; each within bounds that keep the app usable. */
export const settingsPatchSchema = z
  .object({
    refreshIntervalSec: z.number().int().min(10).max(3600),
    notifications: z.boolean(),
    maxPerAccount: z.number().int().min(1).max(16),
    maxTotal: z.number().int().min(1).max(64),
    language: z.enum(['system', 'en', 'zh-CN']),
    theme: z.enum(['system', 'light', 'dark']),
    volumeColumns: z.array(z.string().min(1).max(40)).max(50).nullable(),
    checkForUpdates: z.boolean(),
  })
  .partial()
  .strict();

export const invokeSchemas = {
  'app:info': z.object({}).strict(),
  'accounts:list': z.object({}).strict(),
  /** `plainHttpConfirmed`: the user accepted that a plain-http endpoint off this machine carries the secrets unencrypted. */
  'accounts:add': z
    .object({
      name: accountName,
      endpoint: z.string(),
      colour: z.string(),
      tenants: tenants.optional(),
      secrets,
      sessionOnly: z.boolean().optional(),
      plainHttpConfirmed: z.literal(true).optional(),
    })
    .strict(),
  'accounts:remove': z.object({ accountId }).strict(),
  'accounts:set-credentials': z.object({ accountId, secrets, sessionOnly: z.boolean().optional() }).strict(),
  /** A new session for an account whose access token still holds: the core keeps that token, the window never has it. */
  'accounts:renew-session': z
    .object({
      accountId,
      sessionToken: secrets.shape.sessionToken,
      sessionSecret: secrets.shape.sessionSecret,
      sessionOnly: z.boolean().optional(),
    })
    .strict(),
  'accounts:test': z.object({ accountId }).strict(),
  'accounts:update': z
    .object({
      accountId,
      name: accountName.optional(),
      endpoint: z.string().optional(),
      colour: z.string().optional(),
      tenants: tenants.optional(),
      plainHttpConfirmed: z.literal(true).optional(),
    })
    .strict(),
  'accounts:reorder': z.object({ accountIds: z.array(accountId).max(1000) }).strict(),
  /** Refreshes one account now, or every account. */
  'accounts:refresh': z.object({ accountId: accountId.optional() }).strict(),
  /** Brings back the built-in Local sandbox account after the user removed it. */
  'accounts:add-local-sandbox': z.object({}).strict(),
  'volumes:list': z.object({ accountId, keywords: z.string().max(200).optional() }).strict(),
  'queue:list': z.object({}).strict(),
  'queue:submit': z
    .object({
      title: z.string().trim().min(1).max(LIMITS.batchTitleLength),
      items: z.array(queueRequestSchema).min(1).max(LIMITS.batchItems),
    })
    .strict(),
  /** Cancels the batch's pending items, or only those listed. */
  'queue:cancel': z.object({ batchId, itemIds: itemIds.optional() }).strict(),
  /** Queues again the batch's items in `scope` (default all: failed, cancelled and unknown), or only those listed. */
  'queue:retry': z.object({ batchId, itemIds: itemIds.optional(), scope: z.enum(RETRY_SCOPES).optional() }).strict(),
  /** Drops every batch whose items have all finished. */
  'queue:clear-finished': z.object({}).strict(),
  'settings:get': z.object({}).strict(),
  'settings:set': settingsPatchSchema,
  /** The window was hidden or shown: background refresh slows down while nobody looks. */
  'app:visibility': z.object({ visible: z.boolean() }).strict(),
  /** Every account's labels of servers and image ids. */
  'labels:list': z.object({}).strict(),
  /** Gives a server or an image id of an account a label (trimmed), or takes it away with null. */
  'labels:set': z.object({ accountId, kind: z.enum(LABEL_KINDS), id: labelledIdSchema, label: labelSchema.nullable() }).strict(),
} as const;

export type InvokeChannel = keyof typeof invokeSchemas;

export interface InvokeResults {
  'app:info': AppInfo;
  'accounts:list': AccountView[];
  'accounts:add': AccountView;
  'accounts:remove': null;
  'accounts:set-credentials': AccountView;
  'accounts:renew-session': AccountView;
  'accounts:test': { ok: true; total: number } | { ok: false; error: ErrorReply };
  'accounts:update': AccountView;
  'accounts:reorder': AccountView[];
  'accounts:refresh': null;
  'accounts:add-local-sandbox': AccountView;
  'volumes:list': VolumeListing;
  'queue:list': BatchView[];
  'queue:submit': BatchView;
  'queue:cancel': null;
  'queue:retry': null;
  'queue:clear-finished': null;
  'settings:get': Settings;
  'settings:set': Settings;
  'app:visibility': null;
  'labels:list': LabelsByAccount;
  /** The account's labels after the change. */
  'labels:set': AccountLabels;
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
  /** The full set of stuck volumes of an account, whenever it changes. */
  'volumes:stuck': { accountId: string; stuck: number[] };
  /** Every account, whenever one's state or settings change. */
  'accounts:changed': AccountView[];
  'queue:changed': QueueChanges;
  /** A notification for the page to show (browser host; the Electron host shows its own). */
  notification: AppNotification;
  /** The user clicked a notification: show its batch or account. */
  'app:navigate': NavigationTarget;
  /** The user chose one of the page's commands in the desktop app's menu. */
  'app:command': { command: AppCommand };
  /** An account's labels, whenever they change (empty once the account is removed). */
  'labels:changed': { accountId: string; labels: AccountLabels };
}

/** The page's commands that the desktop app's menu offers. */
export type AppCommand = 'new-volume' | 'refresh' | 'toggle-activity' | 'open-settings';

export type EventChannel = keyof EventPayloads;

export const EVENT_CHANNELS: EventChannel[] = [
  'volumes:changed',
  'volumes:stuck',
  'accounts:changed',
  'queue:changed',
  'notification',
  'app:navigate',
  'app:command',
  'labels:changed',
];

/**
 * How an answer crosses the boundary: errors travel as data (a catalogued code, its parameters and
 * the technical detail; see `error-catalogue.ts`) and become real Errors again.
 */
export type InvokeReply<T> = { ok: true; result: T } | { ok: false; error: ErrorReply };

/** The API that a host exposes to the renderer (window.api in Electron). */
/**
 * What the Electron preload exposes as `window.api`. Replies cross as data, not as thrown Errors:
 * contextBridge copies an Error's message but drops its own properties (its code, params and
 * detail), so the window rebuilds the error on its side (renderer/src/ipc/host.ts).
 */
export interface PreloadApi {
  invoke<C extends InvokeChannel>(channel: C, payload: InvokePayload<C>): Promise<InvokeReply<InvokeResults[C]>>;
  /** Listens to an event; returns the function that stops listening. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

export interface HostApi {
  invoke<C extends InvokeChannel>(channel: C, payload: InvokePayload<C>): Promise<InvokeResults[C]>;
  /** Listens to an event; returns the function that stops listening. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
