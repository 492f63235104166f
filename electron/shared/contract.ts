/**
 * The one IPC contract between the renderer and a host (Electron or browser). Every channel is
 * declared here once: its name, the runtime schema of its payload, and the type of its answer.
 * Hosts validate each payload against the schema before the core sees it.
 */
import { z } from 'zod';
import type { Volume } from './volume';

/** What the app tells the window about itself. Never a secret. */
export interface AppInfo {
  version: string;
  accountName: string;
  endpoint: string;
}

/** The volumes of the Local sandbox: live, or the last known ones when the cloud is unreachable. */
export interface VolumeListing {
  volumes: Volume[];
  /** When this picture was true (ms since epoch). */
  asOf: number;
  source: 'live' | 'cache';
  /** Why the live listing failed, when `source` is 'cache'. */
  problem?: { code: string; message: string };
}

export const invokeSchemas = {
  'app:info': z.object({}).strict(),
  'volumes:list': z.object({ keywords: z.string().max(200).optional() }).strict(),
} as const;

export type InvokeChannel = keyof typeof invokeSchemas;

export interface InvokeResults {
  'app:info': AppInfo;
  'volumes:list': VolumeListing;
}

export type InvokePayload<C extends InvokeChannel> = z.infer<(typeof invokeSchemas)[C]>;

export const INVOKE_CHANNELS = Object.keys(invokeSchemas) as InvokeChannel[];

/** How an answer crosses the boundary: errors travel as data and become real Errors again. */
export type InvokeReply<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string } };

/** The API that a host exposes to the renderer (window.api in Electron). */
export interface HostApi {
  invoke<C extends InvokeChannel>(channel: C, payload: InvokePayload<C>): Promise<InvokeResults[C]>;
}
