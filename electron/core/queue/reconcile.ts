/**
 * Settles a queue item whose outcome is unknown (its request was sent, or may have been, and no
 * answer came: a crash, a timeout, a reset) by reading the volume's current state, never by
 * sending the mutation again blindly.
 */
import { z } from 'zod';
import type { Volume } from '../../shared/volume';
import { ApiError, type VolumeClient } from '../api';
import type { QueueItem } from './types';

/**
 * What a reconcile found: `done` — the operation took effect (for a create, `unique` is the new
 * volume); `waiting` — it took effect and the volume is still passing through a transitional
 * state; `retry` — it did not take effect and may be sent again; `unknown` — it cannot be told,
 * and the user must decide.
 */
export type ReconcileDecision =
  { outcome: 'done'; unique?: number } | { outcome: 'waiting' } | { outcome: 'retry' } | { outcome: 'unknown'; reason: string };

/** How far before `startedAt` a created volume may be stamped (clock skew between app and server). */
export const CREATE_CLOCK_SKEW_MS = 5_000;

/** Volumes of a name read to find a lost create; names are unique per item, so few match. */
const CREATE_LOOKUP_PAGE = 100;

const NOT_EXISTS = 'volumes.error.not-exists';

const createParams = z
  .object({ name: z.string().min(1), userid: z.number().int().optional(), uid: z.number().int().optional() })
  .transform(({ name, userid, uid }) => ({ name, userid: userid ?? uid }));
const onVolume = z.object({ unique: z.number().int() });
const extendParams = onVolume.extend({ size: z.number().int() });
const serverParams = onVolume.extend({ serverId: z.string().min(1) });
const updateParams = onVolume.extend({ name: z.string().optional(), description: z.string().optional() });

/**
 * Decides the outcome of `item` from the server's current state. Reads only; throws the client's
 * error when a read fails (the item then stays to be reconciled later).
 */
export async function reconcile(client: VolumeClient, item: QueueItem): Promise<ReconcileDecision> {
  switch (item.op) {
    case 'create':
    case 'clone':
      return reconcileCreate(client, item);
    case 'delete':
      return reconcileDelete(client, item);
    case 'extend':
      return withVolume(client, item, extendParams, (volume, { size }) => {
        if (volume.size >= size) return done();
        // The platform reports Cinder's `extending` as UNRECOGNIZED; the size changes at its end.
        if (volume.volumeStatus === 'UNRECOGNIZED') return { outcome: 'waiting' };
        return volume.volumeStatus === 'AVAILABLE' ? { outcome: 'retry' } : unknown(`volume is ${volume.volumeStatus}`);
      });
    case 'attach':
      return withVolume(client, item, serverParams, (volume, { serverId }) => {
        const attached = volume.attachments.some((a) => a.serverId === serverId);
        if (attached && (volume.volumeStatus === 'IN_USE' || volume.volumeStatus === 'ATTACHING')) return done();
        // The server in an attach still in progress is not reported: look again when it ends.
        if (volume.volumeStatus === 'ATTACHING') return { outcome: 'waiting' };
        if (volume.volumeStatus === 'AVAILABLE' && volume.attachments.length === 0) return { outcome: 'retry' };
        return unknown(`volume is ${volume.volumeStatus}`);
      });
    case 'detach':
      return withVolume(client, item, serverParams, (volume, { serverId }) => {
        if (volume.volumeStatus === 'AVAILABLE' || volume.volumeStatus === 'DETACHING') return done();
        if (volume.volumeStatus === 'IN_USE' && volume.attachments.some((a) => a.serverId === serverId)) {
          return { outcome: 'retry' };
        }
        return unknown(`volume is ${volume.volumeStatus}`);
      });
    case 'enable':
    case 'disable': {
      const target = item.op === 'enable' ? 'ACTIVED' : 'DISABLED';
      // The switch changes at once, so a volume not yet switched never got the request.
      return withVolume(client, item, onVolume, (volume) => (volume.status === target ? done() : { outcome: 'retry' }));
    }
    case 'update':
      // Setting a name or description twice does no harm: not there yet means send it (again).
      return withVolume(client, item, updateParams, (volume, { name, description }) =>
        (name === undefined || volume.name === name) && (description === undefined || volume.description === description)
          ? done()
          : { outcome: 'retry' },
      );
  }
}

/** Looks for the volume the create (or clone) would have made: its exact name and owner, created since it started. */
async function reconcileCreate(client: VolumeClient, item: QueueItem): Promise<ReconcileDecision> {
  const params = createParams.safeParse(item.params);
  if (!params.success) return unknown('the item has no volume name');
  const { name, userid } = params.data;
  const since = item.startedAt === undefined ? -Infinity : item.startedAt - CREATE_CLOCK_SKEW_MS;
  const page = await client.list({ keywords: name, userid, order: 'created', offset: CREATE_LOOKUP_PAGE });
  const found = page.entities.filter((volume) => volume.name === name && volume.created >= since);
  if (found.length > 1) return unknown(`${found.length} volumes are named ${name}`);
  if (found.length === 1) return done(found[0]?.unique);
  // Matches may hide past the first page only if more than a page of volumes contain the name.
  return page.hasNext ? unknown(`too many volumes match ${name}`) : { outcome: 'retry' };
}

async function reconcileDelete(client: VolumeClient, item: QueueItem): Promise<ReconcileDecision> {
  const params = onVolume.safeParse(item.params);
  if (!params.success) return unknown('the item names no volume');
  const volume = await getOrUndefined(client, params.data.unique);
  if (!volume) return done();
  return volume.volumeStatus === 'DELETING' ? { outcome: 'waiting' } : { outcome: 'retry' };
}

/** Reads the item's volume and decides by it; a volume that is gone cannot be told about. */
async function withVolume<P extends { unique: number }>(
  client: VolumeClient,
  item: QueueItem,
  schema: z.ZodType<P>,
  decide: (volume: Volume, params: P) => ReconcileDecision,
): Promise<ReconcileDecision> {
  const params = schema.safeParse(item.params);
  if (!params.success) return unknown(`the item lacks the parameters of ${item.op}`);
  const volume = await getOrUndefined(client, params.data.unique);
  return volume ? decide(volume, params.data) : unknown('the volume no longer exists');
}

async function getOrUndefined(client: VolumeClient, unique: number): Promise<Volume | undefined> {
  try {
    return await client.get(unique);
  } catch (error) {
    if (error instanceof ApiError && error.code === NOT_EXISTS) return undefined;
    throw error;
  }
}

function done(unique?: number): ReconcileDecision {
  return unique === undefined ? { outcome: 'done' } : { outcome: 'done', unique };
}

function unknown(reason: string): ReconcileDecision {
  return { outcome: 'unknown', reason };
}
