/**
 * Domain types of the cloud-disk (volume) API, shared by the core and the renderer.
 * Plain types and constants only: no runtime dependencies. See `shared/spec/volume-api.md`.
 */

/** Every OpenStack volume state the platform reports (spec section 4). */
export const VOLUME_STATES = [
  'AVAILABLE',
  'ATTACHING',
  'BACKING_UP',
  'CREATING',
  'DELETING',
  'DOWNLOADING',
  'UPLOADING',
  'ERROR',
  'ERROR_DELETING',
  'ERROR_RESTORING',
  'IN_USE',
  'RESTORING_BACKUP',
  'DETACHING',
  'UNRECOGNIZED',
] as const;

/** An OpenStack volume state; any state outside the enum arrives as `UNRECOGNIZED`. */
export type VolumeState = (typeof VOLUME_STATES)[number];

/** Transitional states: a volume in one of these is worth polling (for a bounded time). */
export const PASSING_STATES: readonly VolumeState[] = [
  'CREATING',
  'DOWNLOADING',
  'ATTACHING',
  'DETACHING',
  'DELETING',
  'UPLOADING',
  'BACKING_UP',
  'RESTORING_BACKUP',
  'UNRECOGNIZED',
];

/** The platform record's enabled switch (the source spells it `ACTIVED`). */
export type EnabledStatus = 'ACTIVED' | 'DISABLED';

/** The `status` filter of `list`. */
export type StatusFilter = 'ALL_STATUS' | EnabledStatus;

/** Sort keys accepted by `list`. */
export type ListOrder = 'name' | 'created' | 'updated';

/** One attachment of a volume to a server. */
export interface Attachment {
  serverId: string;
  /** Device path such as `/dev/vdb`; empty when the platform does not say. */
  device: string;
  /** Milliseconds since the epoch, or null when unknown. */
  attachedAt: number | null;
}

/** A user volume (`UserVolume`, spec section 2), normalised by the API client. */
export interface Volume {
  unique: number;
  /** Owner's user id; null when the platform omits it. */
  userid: number | null;
  name: string;
  /** Empty when the platform sends none. */
  description: string;
  status: EnabledStatus;
  volumeId: string;
  volumeStatus: VolumeState;
  /** Size in GB. */
  size: number;
  zone: string | null;
  volumeType: string | null;
  sourceVolid: string | null;
  snapshotId: string | null;
  imageId: string | null;
  bootable: boolean;
  /** Read from either `attachments` or `attachment` on the wire. */
  attachments: Attachment[];
  migrateStatus: string | null;
  /** Milliseconds since the epoch. */
  created: number;
  /** Milliseconds since the epoch. */
  updated: number;
}

/** One page of `list` (the wire's `entites`, or `entities`, becomes `entities`). */
export interface VolumePage {
  hasPrevious: boolean;
  hasNext: boolean;
  total: number;
  entities: Volume[];
}

/** Parameters of `list`; undefined ones are not sent. */
export interface ListParams {
  userid?: number;
  keywords?: string;
  status?: StatusFilter;
  /** From 1. */
  page?: number;
  /** The page *size* (the source's name for it). */
  offset?: number;
  order?: ListOrder;
  asc?: boolean;
}

/** The answer of `status`. */
export interface VolumeStatusResult {
  unique: number;
  volumeStatus: VolumeState;
}

/** Names of the API's operations, as used in errors and logs. */
export const OPERATIONS = [
  'create',
  'get',
  'clone',
  'update',
  'updateField',
  'extend',
  'delete',
  'status',
  'list',
  'enable',
  'attach',
  'detach',
  'batchEnable',
  'batchDelete',
] as const;

/** One of {@link OPERATIONS}. */
export type Operation = (typeof OPERATIONS)[number];
