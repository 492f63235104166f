/**
 * The client reads no answer past its limit (counted after decompression) and takes no page
 * larger than it asked for: each hostile answer ends in a ProtocolError that says so, with the
 * process's memory growth far below what reading the whole answer would take.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createVolumeClient, ProtocolError, type VolumeClient } from '../../../electron/core/api';
import { failure } from './failure';
import { doubleGzipBomb, gzipBomb, hugePage, memoryPeak, zeros } from './hostile-answers';
import { CREDENTIALS, ok, useScriptedServer, wireVolume } from './scripted-server';

const MiB = 1024 * 1024;
/** Loose: the default limit is 64 MiB; reading any of these answers whole takes 800 MB or more. */
const MAX_GROWTH_MiB = 400;

const server = useScriptedServer();
let client: VolumeClient;

beforeEach(() => {
  client = createVolumeClient({ endpoint: server.url, credentials: CREDENTIALS, retry: { attempts: 1 } });
});

function page(count: number, extra: Record<string, unknown> = {}) {
  return {
    hasPrevious: false,
    hasNext: false,
    total: count,
    entites: Array.from({ length: count }, (_, i) => wireVolume({ unique: i + 1 })),
    ...extra,
  };
}

async function expectTooLarge(work: () => Promise<unknown>, limitText = '64 MiB') {
  const { result: error, rssMiB, heapMiB } = await memoryPeak(() => failure(work()));
  expect(error).toBeInstanceOf(ProtocolError);
  expect((error as ProtocolError).message).toMatch(new RegExp(`answer too large: more than ${limitText}`));
  expect(rssMiB).toBeLessThan(MAX_GROWTH_MiB);
  expect(heapMiB).toBeLessThan(MAX_GROWTH_MiB);
  return error as ProtocolError;
}

describe('answer size limit (default 64 MiB, after decompression)', () => {
  it('a 200 MB body streamed without a length is cut off at the limit', async () => {
    server.script(zeros(200 * 1000 * 1000));
    const error = await expectTooLarge(() => client.list());
    expect(error).toMatchObject({ operation: 'list', httpStatus: 200 });
  });

  it('a body whose Content-Length is over the limit is refused before it is read', async () => {
    server.script(zeros(200 * 1000 * 1000, { declareLength: true }));
    await expectTooLarge(() => client.get(1));
  });

  it('a 200 KB gzip bomb (200 MiB of zeros) stops expanding at the limit', async () => {
    const bomb = gzipBomb(13);
    expect(bomb.compressedBytes).toBeLessThan(220 * 1024);
    server.script(bomb.handler);
    await expectTooLarge(() => client.list());
  });

  it('a few KB gzipped twice that expand to 4 GiB stop at the limit', async () => {
    const bomb = doubleGzipBomb(256);
    expect(bomb.compressedBytes).toBeLessThan(16 * 1024);
    server.script(bomb.handler);
    await expectTooLarge(() => client.list());
  });

  it('a well-formed page of 1,000,000 volumes is too large before it is parsed', async () => {
    server.script(hugePage(1_000_000));
    await expectTooLarge(() => client.list({ offset: 10 }));
  });

  it('the limit is settable per client, and an answer within it is read as usual', async () => {
    const small = createVolumeClient({ endpoint: server.url, credentials: CREDENTIALS, maxAnswerBytes: 4096, retry: { attempts: 1 } });
    server.script(ok(page(30)), ok(page(2)));
    await expectTooLarge(() => small.list({ offset: 30 }), '4096 bytes');
    expect((await small.list({ offset: 30 })).entities).toHaveLength(2);
  });

  it('a cut-off answer is not retried, and the connection is usable for the next call', async () => {
    const retrying = createVolumeClient({ endpoint: server.url, credentials: CREDENTIALS, maxAnswerBytes: MiB, sleep: async () => {} });
    server.script(zeros(10 * MiB), ok(wireVolume({ unique: 5 })));
    await expect(retrying.get(5)).rejects.toBeInstanceOf(ProtocolError);
    expect(server.requests).toHaveLength(1);
    await expect(retrying.get(5)).resolves.toMatchObject({ unique: 5 });
  });
});

describe('a page larger than the page size asked for', () => {
  it('is a protocol error that says so', async () => {
    server.script(ok(page(11)));
    const error = await failure(client.list({ offset: 10 }));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toMatch(/more volumes than the 10 asked for/);
  });

  it('without offset, the spec default of 20 is the bound', async () => {
    server.script(ok(page(21)), ok(page(20)));
    await expect(client.list()).rejects.toThrow(/more volumes than the 20 asked for/);
    await expect(client.list()).resolves.toMatchObject({ total: 20 });
  });

  it('reads `entities` the same way, and a page smaller than asked is fine', async () => {
    server.script(ok({ hasNext: false, total: 6, entities: page(6).entites }), ok(page(3)));
    await expect(client.list({ offset: 5 })).rejects.toThrow(/more volumes than the 5 asked for/);
    expect((await client.list({ offset: 5 })).entities).toHaveLength(3);
  });

  it('stops listAll', async () => {
    server.script(ok(page(3, { hasNext: true, total: 10 })));
    await expect(client.listAll({}, { pageSize: 2 })).rejects.toThrow(/more volumes than the 2 asked for/);
    expect(server.requests).toHaveLength(1);
  });
});
