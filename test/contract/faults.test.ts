/**
 * The sandbox's fault injection seen through the client: injected 500s (`<op>-fail`, nothing
 * changed, reads retried, mutations sent once), dropped connections (NetworkError 'reset', a
 * mutation never re-sent), timeouts, cancellation and a refused connection.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, CancelledError, NetworkError, type VolumeClient } from '../../electron/core/api';
import type { Operation, Volume } from '../../electron/shared/volume';
import type { OperationName } from '../../sandbox';
import { ADMIN_TENANT, capturingLogger, createVolume, expectApiError, serverOf, startHarness, uniqueName, useSandbox } from './fixtures';

const h = useSandbox({ seed: 'empty', speed: 0 });
let logger: ReturnType<typeof capturingLogger>;
let client: VolumeClient;

beforeEach(() => {
  logger = capturingLogger();
  client = h.clientFor(undefined, { logger });
  h.serverLog.length = 0;
});
afterEach(() => h.sandbox.setFaults({}));

/** The sandbox's log lines of requests whose path ends with `suffix`: [status or 'dropped', …]. */
function served(suffix: string): string[] {
  return h.serverLog
    .map((line) => line.split(' '))
    .filter(([, path]) => path?.endsWith(suffix))
    .map(([, , status]) => status ?? '');
}

/** The client's attempts of one operation, by attempt number. */
const attempts = (operation: Operation) => logger.requests.filter((r) => r.operation === operation).map((r) => r.attempt);

/** Everything an operation could change: the volumes involved and the number of volumes. */
async function snapshot(volumes: Volume[]) {
  return {
    volumes: await Promise.all(volumes.map((v) => h.admin.get(v.unique))),
    total: (await h.admin.list({ offset: 1 })).total,
  };
}

interface Case {
  op: Operation & OperationName;
  /** The message the spec names, or a pattern where the spec only says `<op>-fail`. */
  code: string | RegExp;
  path: string;
  read: boolean;
  call: (c: VolumeClient, v: Volume, server: string) => Promise<unknown>;
  /** The volume the call needs: AVAILABLE (default) or attached to `server`. */
  attached?: boolean;
}

const UNNAMED = /^volumes\.error\.[a-z]+(-[a-z]+)*-fail$/;

const CASES: Case[] = [
  { op: 'create', code: 'create-fail', path: '/create', read: false, call: (c) => c.create({ name: uniqueName(), size: 1 }) },
  { op: 'get', code: UNNAMED, path: '/get', read: true, call: (c, v) => c.get(v.unique) },
  {
    op: 'clone',
    code: 'clone-fail',
    path: '/clone',
    read: false,
    call: (c, v) => c.clone(v.unique, { uid: ADMIN_TENANT, name: uniqueName() }),
  },
  {
    op: 'update',
    code: 'update-fail',
    path: '/update',
    read: false,
    call: (c, v) => c.update(v.unique, { name: uniqueName(), description: 'changed' }),
  },
  {
    op: 'updateField',
    code: 'update-fail',
    path: '/update/name',
    read: false,
    call: (c, v) => c.updateField(v.unique, 'name', uniqueName()),
  },
  { op: 'extend', code: 'update-failed', path: '/extend', read: false, call: (c, v) => c.extend(v.unique, 50) },
  { op: 'delete', code: 'delete-failed', path: '/delete', read: false, call: (c, v) => c.delete(v.unique) },
  { op: 'status', code: 'get-status-failed', path: '/status', read: true, call: (c, v) => c.status(v.unique) },
  { op: 'list', code: UNNAMED, path: '/list', read: true, call: (c) => c.list() },
  { op: 'enable', code: UNNAMED, path: '/enable', read: false, call: (c, v) => c.setEnabled(v.unique, { status: 'DISABLED' }) },
  { op: 'attach', code: UNNAMED, path: '/attach', read: false, call: (c, v, s) => c.attach(v.unique, s) },
  { op: 'detach', code: UNNAMED, path: '/dettach', read: false, call: (c, v, s) => c.detach(v.unique, s), attached: true },
  {
    op: 'batchEnable',
    code: UNNAMED,
    path: '/batchenableordisable',
    read: false,
    call: (c, v) => c.batchSetEnabled([v.unique], 'DISABLED'),
  },
  { op: 'batchDelete', code: UNNAMED, path: '/batchdelete', read: false, call: (c, v) => c.batchDelete([v.unique]) },
];

async function volumeFor(c: Case, server: string): Promise<Volume> {
  const v = await createVolume(h.admin);
  if (!c.attached) return v;
  await h.admin.attach(v.unique, server);
  return h.admin.get(v.unique);
}

describe('failureRate 1: 500 <op>-fail and nothing changed', () => {
  it.each(CASES)('$op', async (c) => {
    const server = serverOf(h.sandbox, ADMIN_TENANT);
    const v = await volumeFor(c, server);
    const before = await snapshot([v]);
    h.serverLog.length = 0;
    h.sandbox.setFaults({ failureRate: { [c.op]: 1 } });

    const error: unknown = await c.call(client, v, server).then(
      () => 'succeeded',
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.status).toBe(500);
    expect(api.operation).toBe(c.op);
    if (typeof c.code === 'string') expect(api.code).toBe(`volumes.error.${c.code}`);
    else expect(api.code).toMatch(c.code);

    // A read is tried three times in all; a mutation is sent exactly once.
    const expected = c.read ? [1, 2, 3] : [1];
    expect(attempts(c.op)).toEqual(expected);
    expect(served(c.path)).toEqual(expected.map(() => '500'));

    h.sandbox.setFaults({});
    expect(await snapshot([v])).toEqual(before);
  });
});

describe('a read is retried', () => {
  it('and succeeds once the failure has passed', async () => {
    const v = await createVolume(h.admin);
    const recovering = h.clientFor(undefined, {
      logger,
      // The backoff pause is where the "server" recovers.
      sleep: async () => h.sandbox.setFaults({}),
    });
    h.sandbox.setFaults({ failureRate: { get: 1 } });
    expect(await recovering.get(v.unique)).toEqual(v);
    expect(attempts('get')).toEqual([1, 2]);
    expect(served('/get')).toEqual(['500', '200']);
  });

  it('but not on a 4xx answer', async () => {
    await expectApiError(client.get(999_999), 'not-exists');
    expect(attempts('get')).toEqual([1]);
  });
});

describe('dropRate 1: the connection is reset without an answer', () => {
  it('a create fails with NetworkError reason reset, is not re-sent and creates nothing', async () => {
    const total = (await h.admin.list()).total;
    const name = uniqueName('dropped');
    h.serverLog.length = 0;
    h.sandbox.setFaults({ dropRate: { create: 1 } });
    const error: unknown = await client.create({ name, size: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ reason: 'reset', operation: 'create' });
    expect(attempts('create')).toEqual([1]);
    expect(served('/create')).toEqual(['dropped']);
    h.sandbox.setFaults({});
    expect((await h.admin.list()).total).toBe(total);
    expect((await h.admin.list({ keywords: name })).total).toBe(0);
  });

  it.each([
    ['extend', (c: VolumeClient, v: Volume) => c.extend(v.unique, 99), '/extend'],
    ['batchDelete', (c: VolumeClient, v: Volume) => c.batchDelete([v.unique]), '/batchdelete'],
  ] as const)('a %s is sent once and changes nothing', async (op, call, path) => {
    const v = await createVolume(h.admin);
    h.serverLog.length = 0;
    h.sandbox.setFaults({ dropRate: { [op]: 1 } });
    const error: unknown = await call(client, v).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', reason: 'reset', operation: op });
    expect(served(path)).toEqual(['dropped']);
    h.sandbox.setFaults({});
    expect(await h.admin.get(v.unique)).toEqual(v);
  });

  it('a read is retried, then fails with NetworkError reason reset', async () => {
    const v = await createVolume(h.admin);
    h.serverLog.length = 0;
    h.sandbox.setFaults({ dropRate: { status: 1 } });
    const error: unknown = await client.status(v.unique).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ reason: 'reset', operation: 'status' });
    expect(attempts('status')).toEqual([1, 2, 3]);
    expect(served('/status')).toEqual(['dropped', 'dropped', 'dropped']);
  });

  it('never carries a credential in the error', async () => {
    h.sandbox.setFaults({ dropRate: { list: 1 } });
    const error = (await client.list().catch((e: unknown) => e)) as NetworkError;
    const text = `${error.message} ${error.detail} ${JSON.stringify(error)}`;
    for (const secret of [h.sandbox.accessToken, h.sandbox.adminSession.sessionToken, h.sandbox.adminSession.sessionSecret]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('no answer in time, cancellation, nobody listening', () => {
  it('latency beyond the timeout is NetworkError reason timeout', async () => {
    const impatient = h.clientFor(undefined, { timeoutMs: 50, retry: { attempts: 1 } });
    h.sandbox.setFaults({ latencyMs: 400 });
    const error: unknown = await impatient.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ reason: 'timeout', operation: 'list' });
  });

  it('aborting the signal is CancelledError, and the read is not retried', async () => {
    h.sandbox.setFaults({ latencyMs: 400 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error: unknown = await client.list({}, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(error).toMatchObject({ operation: 'list' });
    expect(attempts('list')).toEqual([1]);
  });

  it('a stopped sandbox is NetworkError reason refused', async () => {
    const gone = await startHarness({ seed: 'empty' });
    const orphan = gone.clientFor(undefined, { retry: { attempts: 1 } });
    await gone.sandbox.stop();
    const error: unknown = await orphan.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ reason: 'refused', operation: 'list' });
  });
});
