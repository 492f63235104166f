import { ApiError, accessDenied, notExists, parameterInvalid, requireParameter, statusInvalid } from './errors';
import type { Faults } from './faults';
import { parseBoolean, parseInteger, required, type Params } from './params';
import { uuidFrom, type Random } from './random';
import {
  PASSING_STATES,
  type OperationName,
  type Pending,
  type Role,
  type SandboxState,
  type StoredVolume,
  type Volume,
  type VolumeStatus,
} from './types';

export interface Caller {
  userId: number;
  role: Role;
}

export interface VolumePage {
  hasPrevious: boolean;
  hasNext: boolean;
  total: number;
  entites: Volume[];
}

/** How long each passing state lasts at speed 1, in ms. */
export const BASE_DURATIONS_MS = {
  create: 3000,
  createFromImage: 6000,
  clone: 3000,
  attach: 2000,
  detach: 1000,
  extend: 2000,
  delete: 2000,
  disableDetach: 1000,
} as const;

export const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_VOLUME_TYPE = 'SSD';
const DELETABLE: ReadonlySet<VolumeStatus> = new Set<VolumeStatus>(['AVAILABLE', 'ERROR', 'ERROR_RESTORING']);

export function toWire(volume: StoredVolume): Volume {
  const { pending: _pending, ...wire } = volume;
  return { ...wire, attachments: wire.attachments.map((a) => ({ ...a })) };
}

/**
 * The volumes, the operations on them and the state machine of spec section 4. Every operation
 * validates everything before it changes anything, so an error leaves the state as it was.
 * Passing states end lazily: `settle` runs on every request and finishes every transition whose
 * deadline has passed, in deadline order.
 */
export class VolumeStore {
  private readonly byUnique = new Map<number, StoredVolume>();
  /** Lower bound of the next deadline, so most requests skip the scan. */
  private nextDeadline = -Infinity;

  constructor(
    readonly state: SandboxState,
    private readonly faults: Faults,
    private readonly rng: Random,
    private readonly speed: number,
    private readonly clock: () => number = Date.now,
  ) {
    for (const v of state.volumes) this.byUnique.set(v.unique, v);
  }

  get volumeCount(): number {
    return this.byUnique.size;
  }

  /** Ends every passing state whose deadline is due. Returns whether anything changed. */
  settle(now = this.clock()): boolean {
    if (now < this.nextDeadline) return false;
    const due: StoredVolume[] = [];
    let next = Infinity;
    for (const v of this.state.volumes) {
      if (!v.pending) continue;
      if (v.pending.deadline <= now) due.push(v);
      else next = Math.min(next, v.pending.deadline);
    }
    this.nextDeadline = next;
    due.sort((a, b) => (a.pending?.deadline ?? 0) - (b.pending?.deadline ?? 0) || a.unique - b.unique);
    for (const v of due) this.complete(v);
    return due.length > 0;
  }

  usedGb(userId: number): number {
    let used = 0;
    for (const v of this.state.volumes) {
      if (v.userid !== userId) continue;
      used += v.pending?.kind === 'extend' ? Math.max(v.size, v.pending.newSize) : v.size;
    }
    return used;
  }

  // ---- operations -------------------------------------------------------------------------

  create(caller: Caller, params: Params): Volume {
    const owner = this.resolveOwner(caller, params.get('userid'));
    const name = required(params, 'name');
    const imageId = params.get('image') || undefined;
    const image = imageId === undefined ? undefined : this.state.images.find((i) => i.id === imageId);
    if (imageId !== undefined && !image) throw new ApiError(406, 'image-not-exists');
    const sizeText = params.get('size');
    let size: number;
    if (sizeText === undefined || sizeText === '') {
      if (!image) throw requireParameter('size');
      size = image.minSizeGb;
    } else {
      size = parseInteger(sizeText);
      if (size <= 0 || (image && size < image.minSizeGb)) throw new ApiError(406, 'size-invalid');
    }
    this.checkQuota(owner, size);
    const now = this.clock();
    const volume = this.add({
      userid: owner,
      name,
      description: params.get('description') ?? '',
      size,
      volumeType: DEFAULT_VOLUME_TYPE,
      sourceVolid: null,
      imageId: image?.id ?? null,
      bootable: image !== undefined,
      volumeStatus: image ? 'DOWNLOADING' : 'CREATING',
      now,
    });
    this.begin(volume, 'create', image ? BASE_DURATIONS_MS.createFromImage : BASE_DURATIONS_MS.create, now, {
      kind: 'create',
    });
    return this.answer(volume, now);
  }

  get(caller: Caller, id: string): Volume {
    return toWire(this.find(caller, id));
  }

  status(caller: Caller, id: string): { unique: number; volumeStatus: VolumeStatus } {
    const v = this.find(caller, id);
    return { unique: v.unique, volumeStatus: v.volumeStatus };
  }

  clone(caller: Caller, id: string, params: Params): Volume {
    const source = this.find(caller, id);
    const owner = this.resolveOwner(caller, required(params, 'uid'));
    const name = required(params, 'name');
    if (source.status === 'DISABLED') throw new ApiError(406, 'disabled');
    if (source.volumeStatus !== 'AVAILABLE' && source.volumeStatus !== 'IN_USE') throw statusInvalid();
    this.checkQuota(owner, source.size);
    const now = this.clock();
    const copy = this.add({
      userid: owner,
      name,
      description: params.get('description') ?? '',
      size: source.size,
      volumeType: source.volumeType,
      sourceVolid: source.volumeId,
      imageId: source.imageId,
      bootable: source.bootable,
      volumeStatus: 'CREATING',
      now,
    });
    this.begin(copy, 'clone', BASE_DURATIONS_MS.clone, now, { kind: 'create' });
    return this.answer(copy, now);
  }

  update(caller: Caller, id: string, params: Params): void {
    const v = this.find(caller, id);
    const name = params.get('name');
    const description = params.get('description');
    if (name !== undefined && name.trim() === '') throw parameterInvalid();
    if (name === undefined && description === undefined) return;
    if (name !== undefined) v.name = name;
    if (description !== undefined) v.description = description;
    v.updated = this.clock();
  }

  updateField(caller: Caller, id: string, field: string, params: Params): void {
    const v = this.find(caller, id);
    if (field !== 'name' && field !== 'description') throw parameterInvalid();
    const value = params.get('value');
    if (value === undefined) throw requireParameter('value');
    if (field === 'name' && value.trim() === '') throw parameterInvalid();
    v[field] = value;
    v.updated = this.clock();
  }

  extend(caller: Caller, id: string, params: Params): void {
    const v = this.find(caller, id);
    const size = parseInteger(required(params, 'size'));
    if (v.status === 'DISABLED') throw new ApiError(406, 'disabled');
    if (v.volumeStatus !== 'AVAILABLE') throw statusInvalid();
    if (size <= v.size) throw new ApiError(406, 'size-invalid');
    this.checkQuota(v.userid, size - v.size);
    const now = this.clock();
    v.volumeStatus = 'UNRECOGNIZED'; // Cinder's `extending`, which the SDK enum lacks
    this.begin(v, 'extend', BASE_DURATIONS_MS.extend, now, { kind: 'extend', newSize: size });
    this.settle(now);
  }

  delete(caller: Caller, id: string): void {
    const v = this.find(caller, id);
    this.checkDeletable(v);
    this.startDelete(v, 'delete');
  }

  attach(caller: Caller, id: string, params: Params): void {
    const v = this.find(caller, id);
    const serverId = required(params, 'serverid');
    if (v.status === 'DISABLED') throw new ApiError(406, 'disabled');
    const server = this.state.servers.find((s) => s.id === serverId);
    if (!server || server.userId !== v.userid) throw new ApiError(406, 'server-not-exists');
    if (v.volumeStatus !== 'AVAILABLE') throw statusInvalid();
    // Pick the device before changing anything: a server with no free device leaves the volume as it was.
    const device = this.freeDevice(serverId);
    const now = this.clock();
    v.volumeStatus = 'ATTACHING';
    this.begin(v, 'attach', BASE_DURATIONS_MS.attach, now, { kind: 'attach', serverId, device });
    this.settle(now);
  }

  detach(caller: Caller, id: string, params: Params): void {
    const v = this.find(caller, id);
    const serverId = required(params, 'serverid');
    if (v.volumeStatus !== 'IN_USE') throw statusInvalid();
    if (!v.attachments.some((a) => a.serverId === serverId)) throw new ApiError(406, 'server-not-exists');
    const now = this.clock();
    v.volumeStatus = 'DETACHING';
    this.begin(v, 'detach', BASE_DURATIONS_MS.detach, now, { kind: 'detach', serverId });
    this.settle(now);
  }

  enable(caller: Caller, id: string, params: Params): void {
    const v = this.find(caller, id);
    const status = this.parseRecordStatus(params);
    if (status === 'ACTIVED' || v.status === 'DISABLED') {
      this.setRecordStatus(v, status, 'enable');
      return;
    }
    if (PASSING_STATES.has(v.volumeStatus)) throw statusInvalid();
    const attached = v.attachments[0];
    if (attached) {
      const serverId = params.get('serverId');
      if (serverId === undefined || serverId === '') throw requireParameter('serverId');
      if (serverId !== attached.serverId) throw new ApiError(406, 'server-not-exists');
    }
    this.setRecordStatus(v, 'DISABLED', 'enable');
  }

  batchEnable(caller: Caller, params: Params): void {
    const ids = this.batchIds(params, 'serverids');
    const status = this.parseRecordStatus(params);
    const volumes = this.findAll(caller, ids, (v) => {
      if (status === 'DISABLED' && v.status !== 'DISABLED' && PASSING_STATES.has(v.volumeStatus)) throw statusInvalid();
    });
    for (const v of volumes) this.setRecordStatus(v, status, 'batchEnable');
  }

  batchDelete(caller: Caller, params: Params): void {
    const volumes = this.findAll(caller, this.batchIds(params, 'volumns'), (v) => this.checkDeletable(v));
    for (const v of volumes) this.startDelete(v, 'batchDelete');
  }

  list(caller: Caller, params: Params): VolumePage {
    const useridText = params.get('userid');
    let userid: number | undefined;
    if (useridText !== undefined && useridText !== '') {
      userid = parseInteger(useridText);
      if (caller.role !== 'admin' && userid !== caller.userId) throw accessDenied();
    }
    const status = params.get('status') || 'ALL_STATUS';
    if (status !== 'ALL_STATUS' && status !== 'ACTIVED' && status !== 'DISABLED') throw parameterInvalid();
    const order = params.get('order') || 'created';
    if (order !== 'name' && order !== 'created' && order !== 'updated') throw parameterInvalid();
    const ascText = params.get('asc');
    const asc = ascText ? parseBoolean(ascText) : false;
    const page = this.positive(params.get('page'), 1);
    const size = Math.min(this.positive(params.get('offset'), DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
    const keywords = (params.get('keywords') ?? '').trim().toLowerCase();

    const matches = this.state.volumes.filter(
      (v) =>
        (caller.role === 'admin' || v.userid === caller.userId) &&
        (userid === undefined || v.userid === userid) &&
        (status === 'ALL_STATUS' || v.status === status) &&
        (keywords === '' || v.name.toLowerCase().includes(keywords) || v.description.toLowerCase().includes(keywords)),
    );
    const direction = asc ? 1 : -1;
    matches.sort((a, b) => {
      const byField = order === 'name' ? a.name.localeCompare(b.name) : a[order] - b[order];
      return direction * (byField || a.unique - b.unique);
    });
    const start = (page - 1) * size;
    return {
      hasPrevious: page > 1,
      hasNext: start + size < matches.length,
      total: matches.length,
      entites: matches.slice(start, start + size).map(toWire),
    };
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** The volume named by a path or batch id, if the caller may see it. */
  private find(caller: Caller, id: string): StoredVolume {
    const v = /^\d{1,15}$/.test(id) ? this.byUnique.get(Number(id)) : undefined;
    if (!v || (caller.role !== 'admin' && v.userid !== caller.userId)) throw notExists();
    return v;
  }

  private batchIds(params: Params, name: string): string[] {
    const ids = params.getAll(name).filter((id) => id !== '');
    if (ids.length === 0) throw requireParameter(name);
    return ids;
  }

  /** Every volume of a batch, checked in order before anything changes: the first error wins. */
  private findAll(caller: Caller, ids: string[], check: (v: StoredVolume) => void): StoredVolume[] {
    const volumes = new Set<StoredVolume>();
    for (const id of ids) {
      const v = this.find(caller, id);
      check(v);
      volumes.add(v);
    }
    return [...volumes];
  }

  /** The owner named by `userid`/`uid`, defaulting to the caller; a user may only name itself. */
  private resolveOwner(caller: Caller, text: string | undefined): number {
    if (text === undefined || text === '') return caller.userId;
    const userId = parseInteger(text);
    if (caller.role !== 'admin' && userId !== caller.userId) throw accessDenied();
    if (!this.state.tenants.some((t) => t.userId === userId)) throw parameterInvalid();
    return userId;
  }

  private checkQuota(userId: number, extraGb: number): void {
    const tenant = this.state.tenants.find((t) => t.userId === userId);
    if (!tenant || this.usedGb(userId) + extraGb > tenant.quotaGb) throw new ApiError(406, 'size-insufficient');
  }

  private checkDeletable(v: StoredVolume): void {
    if (!DELETABLE.has(v.volumeStatus) || v.attachments.length > 0) throw statusInvalid();
  }

  private parseRecordStatus(params: Params): 'ACTIVED' | 'DISABLED' {
    const status = required(params, 'status');
    if (status !== 'ACTIVED' && status !== 'DISABLED') throw parameterInvalid();
    return status;
  }

  private positive(text: string | undefined, fallback: number): number {
    if (text === undefined || text === '') return fallback;
    const n = parseInteger(text);
    if (n < 1) throw parameterInvalid();
    return n;
  }

  /**
   * Flips the enabled switch. DISABLED is set at once, so nothing can attach in between; an
   * attached volume then passes through DETACHING and ends detached.
   */
  private setRecordStatus(v: StoredVolume, status: 'ACTIVED' | 'DISABLED', op: OperationName): void {
    const now = this.clock();
    const attached = v.attachments[0];
    const detach = status === 'DISABLED' && v.status !== 'DISABLED' && attached !== undefined;
    v.status = status;
    v.updated = now;
    if (detach) {
      v.volumeStatus = 'DETACHING';
      this.begin(v, op, BASE_DURATIONS_MS.disableDetach, now, { kind: 'detach', serverId: attached.serverId });
      this.settle(now);
    }
  }

  private startDelete(v: StoredVolume, op: OperationName): void {
    const now = this.clock();
    v.volumeStatus = 'DELETING';
    this.begin(v, op, BASE_DURATIONS_MS.delete, now, { kind: 'delete' });
    this.settle(now);
  }

  private begin(
    v: StoredVolume,
    op: OperationName,
    baseMs: number,
    now: number,
    what: DistributiveOmit<Pending, 'deadline' | 'fails'>,
  ): void {
    const deadline = this.speed === 0 ? now : now + Math.round(baseMs / this.speed);
    v.pending = { ...what, deadline, fails: this.faults.shouldEndInError(op) } as Pending;
    v.updated = now;
    this.nextDeadline = Math.min(this.nextDeadline, deadline);
  }

  /** Settles (so speed 0 answers the final state) and answers the volume as it now is. */
  private answer(v: StoredVolume, now: number): Volume {
    this.settle(now);
    return toWire(v);
  }

  private complete(v: StoredVolume): void {
    const p = v.pending;
    if (!p) return;
    delete v.pending;
    v.updated = p.deadline;
    switch (p.kind) {
      case 'create':
        v.volumeStatus = p.fails ? 'ERROR' : 'AVAILABLE';
        break;
      case 'extend':
        v.volumeStatus = p.fails ? 'ERROR' : 'AVAILABLE';
        if (!p.fails) v.size = p.newSize;
        break;
      case 'attach':
        v.volumeStatus = p.fails ? 'ERROR' : 'IN_USE';
        if (!p.fails) v.attachments = [{ serverId: p.serverId, device: p.device, attachedAt: p.deadline }];
        break;
      case 'detach':
        v.volumeStatus = p.fails ? 'ERROR' : 'AVAILABLE';
        if (!p.fails) v.attachments = v.attachments.filter((a) => a.serverId !== p.serverId);
        break;
      case 'delete':
        if (p.fails) v.volumeStatus = 'ERROR_DELETING';
        else this.remove(v);
        break;
    }
  }

  /** The first free `/dev/vdX` on a server, counting attachments in progress. */
  private freeDevice(serverId: string): string {
    const used = new Set<string>();
    for (const v of this.state.volumes) {
      for (const a of v.attachments) if (a.serverId === serverId) used.add(a.device);
      if (v.pending?.kind === 'attach' && v.pending.serverId === serverId) used.add(v.pending.device);
    }
    for (let c = 'b'.charCodeAt(0); c <= 'z'.charCodeAt(0); c++) {
      const device = `/dev/vd${String.fromCharCode(c)}`;
      if (!used.has(device)) return device;
    }
    throw new ApiError(500, 'attach-fail');
  }

  private add(init: {
    userid: number;
    name: string;
    description: string;
    size: number;
    volumeType: string;
    sourceVolid: string | null;
    imageId: string | null;
    bootable: boolean;
    volumeStatus: VolumeStatus;
    now: number;
  }): StoredVolume {
    const { now, ...fields } = init;
    const volume: StoredVolume = {
      unique: this.state.nextUnique++,
      ...fields,
      status: 'ACTIVED',
      volumeId: uuidFrom(this.rng),
      zone: 'nova',
      snapshotId: null,
      attachments: [],
      migrateStatus: null,
      created: now,
      updated: now,
    };
    this.state.volumes.push(volume);
    this.byUnique.set(volume.unique, volume);
    return volume;
  }

  private remove(v: StoredVolume): void {
    this.byUnique.delete(v.unique);
    const index = this.state.volumes.indexOf(v);
    if (index >= 0) this.state.volumes.splice(index, 1);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
