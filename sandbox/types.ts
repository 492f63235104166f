/** The sandbox's domain and wire types: what it stores and what it answers. */

export type Role = 'admin' | 'user';

export type VolumeStatus =
  | 'AVAILABLE'
  | 'ATTACHING'
  | 'BACKING_UP'
  | 'CREATING'
  | 'DELETING'
  | 'DOWNLOADING'
  | 'UPLOADING'
  | 'ERROR'
  | 'ERROR_DELETING'
  | 'ERROR_RESTORING'
  | 'IN_USE'
  | 'RESTORING_BACKUP'
  | 'DETACHING'
  | 'UNRECOGNIZED';

/** Volume states no operation may start from, except update and enable (spec section 4). */
export const PASSING_STATES: ReadonlySet<VolumeStatus> = new Set<VolumeStatus>([
  'ATTACHING',
  'BACKING_UP',
  'CREATING',
  'DELETING',
  'DOWNLOADING',
  'UPLOADING',
  'RESTORING_BACKUP',
  'DETACHING',
  'UNRECOGNIZED',
]);

export type RecordStatus = 'ACTIVED' | 'DISABLED';

export interface Attachment {
  serverId: string;
  device: string;
  attachedAt: number;
}

/** The volume exactly as it goes on the wire (spec section 2). */
export interface Volume {
  unique: number;
  userid: number;
  name: string;
  description: string;
  status: RecordStatus;
  volumeId: string;
  volumeStatus: VolumeStatus;
  size: number;
  zone: string;
  volumeType: string;
  sourceVolid: string | null;
  snapshotId: string | null;
  imageId: string | null;
  bootable: boolean;
  attachments: Attachment[];
  migrateStatus: string | null;
  created: number;
  updated: number;
}

/**
 * A passing state in progress, stored with the volume and settled lazily once `deadline` (ms since
 * epoch) has passed. `fails` is drawn when the operation starts, so settling is deterministic and a
 * restart settles it the same way.
 */
export type Pending =
  | { kind: 'create'; deadline: number; fails: boolean }
  | { kind: 'extend'; deadline: number; fails: boolean; newSize: number }
  | { kind: 'attach'; deadline: number; fails: boolean; serverId: string; device: string }
  | { kind: 'detach'; deadline: number; fails: boolean; serverId: string }
  | { kind: 'delete'; deadline: number; fails: boolean };

export interface StoredVolume extends Volume {
  pending?: Pending;
}

export interface Tenant {
  userId: number;
  name: string;
  quotaGb: number;
}

export interface Server {
  id: string;
  name: string;
  userId: number;
}

export interface Image {
  id: string;
  name: string;
  minSizeGb: number;
}

export interface Session {
  token: string;
  secret: string;
  userId: number;
  role: Role;
  /** ms since epoch; null = never expires */
  expiresAt: number | null;
}

/**
 * Everything the sandbox persists: one JSON document. No secret: the access token and the
 * sessions are issued at each start and held in memory (see `sessions.ts`).
 */
export interface SandboxState {
  version: 1;
  nextUnique: number;
  tenants: Tenant[];
  servers: Server[];
  images: Image[];
  volumes: StoredVolume[];
}

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

export type OperationName = (typeof OPERATIONS)[number];
