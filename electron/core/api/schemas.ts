/**
 * Zod schemas of the wire format (spec sections 1–3), tolerant exactly where the spec says a
 * client must accept variants, strict about types everywhere else. Each result schema outputs
 * the normalised domain type of `shared/volume.ts`.
 */
import { z } from 'zod';
import { VOLUME_STATES, type Attachment, type Volume, type VolumePage, type VolumeState } from '../../shared/volume';

/** The envelope every answer comes in. */
export const envelopeSchema = z.object({
  status: z.int(),
  message: z.string(),
  result: z.unknown().optional(),
});

/** A decoded envelope. */
export type Envelope = z.infer<typeof envelopeSchema>;

const KNOWN_STATES: ReadonlySet<string> = new Set(VOLUME_STATES);

/** Maps a wire state (any case, `-` or `_`) to the enum; anything unknown is `UNRECOGNIZED`. */
export function toVolumeState(wire: string): VolumeState {
  const upper = wire.trim().toUpperCase().replace(/-/g, '_');
  return KNOWN_STATES.has(upper) ? (upper as VolumeState) : 'UNRECOGNIZED';
}

const volumeStateSchema = z.string().transform(toVolumeState);
const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const nullableInt = z
  .int()
  .nullish()
  .transform((v) => v ?? null);

const attachmentSchema = z
  .object({
    serverId: z.string(),
    device: z.string().nullish(),
    attachedAt: z.int().nullish(),
  })
  .transform((a): Attachment => ({ serverId: a.serverId, device: a.device ?? '', attachedAt: a.attachedAt ?? null }));

const attachmentListSchema = z.array(attachmentSchema).nullish();

/** A `UserVolume`, normalised to {@link Volume}. */
export const volumeSchema = z
  .object({
    unique: z.int(),
    userid: nullableInt,
    name: z.string(),
    description: z.string().nullish(),
    status: z.enum(['ACTIVED', 'DISABLED']),
    volumeId: z.string(),
    volumeStatus: volumeStateSchema,
    size: z.int(),
    zone: nullableString,
    volumeType: nullableString,
    sourceVolid: nullableString,
    snapshotId: nullableString,
    imageId: nullableString,
    bootable: z.boolean().nullish(),
    attachments: attachmentListSchema,
    attachment: attachmentListSchema,
    migrateStatus: nullableString,
    created: z.int(),
    updated: z.int(),
  })
  .transform(({ attachment, attachments, description, bootable, ...rest }): Volume => ({
    ...rest,
    description: description ?? '',
    bootable: bootable ?? false,
    attachments: attachments ?? attachment ?? [],
  }));

/** A `list` page; reads `entites` (the source's spelling) or `entities`. */
export const pageSchema = z
  .object({
    hasPrevious: z.boolean().nullish(),
    hasNext: z.boolean(),
    total: z.int(),
    entites: z.array(volumeSchema).nullish(),
    entities: z.array(volumeSchema).nullish(),
  })
  .refine((p) => p.entites !== undefined || p.entities !== undefined, {
    message: 'neither entites nor entities',
  })
  .transform((p): VolumePage => ({
    hasPrevious: p.hasPrevious ?? false,
    hasNext: p.hasNext,
    total: p.total,
    entities: p.entites ?? p.entities ?? [],
  }));

/**
 * A `list` page that may hold at most `pageSize` volumes (the server may grant fewer, never
 * more). The count is checked before any volume is parsed, so an oversize page costs no
 * per-volume work.
 */
export function boundedPageSchema(pageSize: number) {
  const bounded = z.array(z.unknown()).max(pageSize, `the page holds more volumes than the ${pageSize} asked for`).nullish();
  return z.looseObject({ entites: bounded, entities: bounded }).pipe(pageSchema);
}

/**
 * The answer of `status`: `{unique, volumeStatus}` or a bare status string. `unique` is null
 * when the server did not say (the client fills in the one it asked about).
 */
export const statusSchema = z.union([
  volumeStateSchema.transform((volumeStatus) => ({ unique: null, volumeStatus })),
  z
    .object({ unique: z.int().nullish(), volumeStatus: volumeStateSchema })
    .transform((s) => ({ unique: s.unique ?? null, volumeStatus: s.volumeStatus })),
]);

/** Operations that return no data: whatever `result` holds is ignored. */
export const noResultSchema = z.unknown().transform((): void => undefined);
