import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createVolumeClient, decodeResponse, isVolumeClientError } from '../../../electron/core/api';
import { noResultSchema, pageSchema, statusSchema, volumeSchema } from '../../../electron/core/api/schemas';
import { OPERATIONS, VOLUME_STATES, type Operation } from '../../../electron/shared/volume';
import { CREDENTIALS, raw, startScriptedServer, wireVolume, type ScriptedServer } from './scripted-server';

/** The domain types, checked strictly: what the decoder returns must match exactly. */
const domainAttachment = z.strictObject({ serverId: z.string(), device: z.string(), attachedAt: z.int().nullable() });
const domainVolume = z.strictObject({
  unique: z.int(),
  userid: z.int().nullable(),
  name: z.string(),
  description: z.string(),
  status: z.enum(['ACTIVED', 'DISABLED']),
  volumeId: z.string(),
  volumeStatus: z.enum(VOLUME_STATES),
  size: z.int(),
  zone: z.string().nullable(),
  volumeType: z.string().nullable(),
  sourceVolid: z.string().nullable(),
  snapshotId: z.string().nullable(),
  imageId: z.string().nullable(),
  bootable: z.boolean(),
  attachments: z.array(domainAttachment),
  migrateStatus: z.string().nullable(),
  created: z.int(),
  updated: z.int(),
});
const domainPage = z.strictObject({ hasPrevious: z.boolean(), hasNext: z.boolean(), total: z.int(), entities: z.array(domainVolume) });
const domainStatus = z.strictObject({ unique: z.int().nullable(), volumeStatus: z.enum(VOLUME_STATES) });

interface Case {
  operation: Operation;
  schema: z.ZodType<unknown>;
  domain: z.ZodType<unknown>;
}

const CASES: Case[] = OPERATIONS.map((operation): Case => {
  if (operation === 'create' || operation === 'get' || operation === 'clone')
    return { operation, schema: volumeSchema, domain: domainVolume };
  if (operation === 'list') return { operation, schema: pageSchema, domain: domainPage };
  if (operation === 'status') return { operation, schema: statusSchema, domain: domainStatus };
  return { operation, schema: noResultSchema, domain: z.undefined() };
});

/** A volume-like object: a valid one with some fields dropped, nulled or replaced by anything. */
const volumeLike = fc
  .record({
    drop: fc.subarray(Object.keys(wireVolume())),
    replace: fc.dictionary(fc.constantFrom(...Object.keys(wireVolume()), 'attachment', 'attachments'), fc.anything()),
    attachments: fc.array(fc.record({ serverId: fc.anything(), device: fc.option(fc.string()), attachedAt: fc.option(fc.integer()) }), {
      maxLength: 2,
    }),
    state: fc.oneof(fc.constantFrom(...VOLUME_STATES), fc.string()),
  })
  .map(({ drop, replace, attachments, state }) => {
    const v = wireVolume({ attachments, volumeStatus: state, ...replace });
    for (const key of drop) delete v[key];
    return v;
  });

const resultLike = fc.oneof(
  fc.anything(),
  volumeLike,
  fc.record({
    hasPrevious: fc.oneof(fc.boolean(), fc.anything()),
    hasNext: fc.oneof(fc.boolean(), fc.anything()),
    total: fc.oneof(fc.nat(), fc.anything()),
    entites: fc.oneof(fc.array(volumeLike, { maxLength: 3 }), fc.anything()),
  }),
  fc.oneof(fc.string(), fc.record({ unique: fc.anything(), volumeStatus: fc.anything() })),
);

const envelopeLike = fc
  .record(
    {
      status: fc.oneof(fc.constantFrom(200, 403, 406, 429, 500, 503), fc.integer(), fc.anything()),
      message: fc.oneof(fc.constantFrom('OK', 'volumes.error.not-exists'), fc.string(), fc.anything()),
      result: resultLike,
    },
    { requiredKeys: [] },
  )
  .map((e) => JSON.stringify(e));

const body = fc.oneof(
  fc.string(),
  fc.json(),
  envelopeLike,
  envelopeLike.chain((s) => fc.nat({ max: s.length }).map((n) => s.slice(0, n))),
  fc.constantFrom('', '<html><title>502</title></html>', 'null', '[]', '{"status":200,"message":"OK"}'),
);

const httpStatus = fc.integer({ min: 100, max: 599 });

function expectTypedOrVolumeError(run: () => unknown, domain: z.ZodType<unknown>): void {
  let value: unknown;
  try {
    value = run();
  } catch (error) {
    expect(isVolumeClientError(error)).toBe(true);
    return;
  }
  expect(domain.safeParse(value).success).toBe(true);
}

describe('decodeResponse on anything a server may send', () => {
  it.each(CASES)('$operation: a typed value or a VolumeClientError', ({ operation, schema, domain }) => {
    fc.assert(
      fc.property(httpStatus, body, (status, text) => {
        expectTypedOrVolumeError(() => decodeResponse(operation, status, text, schema, Object.values(CREDENTIALS)), domain);
      }),
      { numRuns: 400 },
    );
  });

  it('a valid volume in a success envelope always decodes', () => {
    fc.assert(
      fc.property(httpStatus, fc.constantFrom(...VOLUME_STATES), fc.boolean(), (status, state, singular) => {
        const attachments = [{ serverId: 's', device: '/dev/vdb', attachedAt: 1 }];
        const wire = wireVolume(
          singular ? { volumeStatus: state, attachments: undefined, attachment: attachments } : { volumeStatus: state, attachments },
        );
        const volume = decodeResponse('get', status, JSON.stringify({ status: 200, message: 'OK', result: wire }), volumeSchema);
        expect(volume.volumeStatus).toBe(state);
        expect(volume.attachments).toEqual(attachments);
      }),
    );
  });

  it('an error envelope is always an ApiError carrying its status and message', () => {
    fc.assert(
      fc.property(
        httpStatus,
        fc.integer().filter((s) => s < 200 || s > 299),
        fc.stringMatching(/^volumes\.error\.[a-z-]{1,30}$/),
        (http, status, code) => {
          expect(() => decodeResponse('delete', http, JSON.stringify({ status, message: code }), noResultSchema)).toThrow(
            expect.objectContaining({ kind: 'api', status, code }),
          );
        },
      ),
    );
  });
});

describe('the real HTTP path on anything a server may send', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(() => server.close());

  it('get resolves to a Volume or rejects with a VolumeClientError', async () => {
    const client = createVolumeClient({ endpoint: server.url, credentials: CREDENTIALS, retry: { attempts: 1 }, timeoutMs: 5_000 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 200, max: 599 }), body, async (status, text) => {
        server.fallback(raw(status, text, 'application/json'));
        let value: unknown;
        try {
          value = await client.get(1);
        } catch (error) {
          expect(isVolumeClientError(error)).toBe(true);
          return;
        }
        expect(domainVolume.safeParse(value).success).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
