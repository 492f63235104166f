/**
 * Every error code the spec names or decides, as the client reports it: an ApiError with the
 * operation, the envelope's status and the full `volumes.error.*` code — and the volume left as
 * it was.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, createVolumeClient, type VolumeClient } from '../../electron/core/api';
import type { Operation } from '../../electron/shared/volume';
import {
  ADMIN_TENANT,
  MISSING,
  TENANTS,
  createVolume,
  credentialsOf,
  expectApiError,
  serverOf,
  sleep,
  startHarness,
  uniqueName,
  useSandbox,
} from './fixtures';

const h = useSandbox({ seed: 'empty', speed: 0 });

/** One call of every operation, on an existing volume `id` and server `server`. */
function everyOperation(id: number, server: string): Record<Operation, (c: VolumeClient) => Promise<unknown>> {
  return {
    create: (c) => c.create({ name: uniqueName(), size: 1 }),
    get: (c) => c.get(id),
    clone: (c) => c.clone(id, { uid: ADMIN_TENANT, name: uniqueName() }),
    update: (c) => c.update(id, { name: uniqueName() }),
    updateField: (c) => c.updateField(id, 'description', 'x'),
    extend: (c) => c.extend(id, 500),
    delete: (c) => c.delete(id),
    status: (c) => c.status(id),
    list: (c) => c.list(),
    enable: (c) => c.setEnabled(id, { status: 'DISABLED' }),
    attach: (c) => c.attach(id, server),
    detach: (c) => c.detach(id, server),
    batchEnable: (c) => c.batchSetEnabled([id], 'DISABLED'),
    batchDelete: (c) => c.batchDelete([id]),
  };
}

describe('403 access-denied', () => {
  it('every operation, with a wrong session secret, is access-denied and changes nothing', async () => {
    const v = await createVolume(h.admin, { description: 'guarded' });
    const total = (await h.admin.list()).total;
    const intruder = createVolumeClient({
      endpoint: h.sandbox.endpoint,
      credentials: { ...credentialsOf(h.sandbox), sessionSecret: 'not-the-secret' },
      retry: { attempts: 1 },
    });
    for (const [operation, call] of Object.entries(everyOperation(v.unique, serverOf(h.sandbox, ADMIN_TENANT)))) {
      const error = await expectApiError(call(intruder), 'access-denied', 403);
      expect(error.operation).toBe(operation);
    }
    expect(await h.admin.get(v.unique)).toEqual(v);
    expect((await h.admin.list()).total).toBe(total);
  });

  it.each([
    ['missing credentials', { accessToken: '', sessionToken: '', sessionSecret: '' }],
    ['a wrong access token', { accessToken: 'wrong' }],
    ['an unknown session token', { sessionToken: 'no-such-session' }],
    ['a missing session secret', { sessionSecret: '' }],
  ])('%s', async (_label, override) => {
    const client = createVolumeClient({
      endpoint: h.sandbox.endpoint,
      credentials: { ...credentialsOf(h.sandbox), ...override },
      retry: { attempts: 1 },
    });
    await expectApiError(client.list(), 'access-denied', 403);
    await expectApiError(client.create({ name: uniqueName(), size: 1 }), 'access-denied', 403);
  });

  it('a session past its ttl is access-denied; a fresh one read by the credentials function works', async () => {
    const shortLived = h.sandbox.createSession(TENANTS.finance, 'user', 0.3);
    let session = shortLived;
    const client = createVolumeClient({
      endpoint: h.sandbox.endpoint,
      credentials: () => credentialsOf(h.sandbox, session),
      retry: { attempts: 1 },
    });
    await expect(client.list()).resolves.toMatchObject({ total: expect.any(Number) });
    await sleep(400);
    await expectApiError(client.list(), 'access-denied', 403);
    session = h.sandbox.createSession(TENANTS.finance, 'user');
    await expect(client.list()).resolves.toMatchObject({ total: expect.any(Number) });
  });

  it('expireSessions ends every session, the admin one included', async () => {
    const own = await startHarness({ seed: 'empty', speed: 0 });
    try {
      const user = own.userClient(TENANTS.ops);
      await own.admin.list();
      await user.list();
      own.sandbox.expireSessions();
      await expectApiError(own.admin.list(), 'access-denied', 403);
      await expectApiError(user.create({ name: uniqueName(), size: 1 }), 'access-denied', 403);
      await expect(own.userClient(TENANTS.ops).list()).resolves.toMatchObject({ total: 0 });
    } finally {
      await own.sandbox.stop();
    }
  });
});

describe('create parameters', () => {
  it.each([0, -5])('size %i is size-invalid', async (size) => {
    const name = uniqueName('bad-size');
    await expectApiError(h.admin.create({ name, size }), 'size-invalid');
    expect((await h.admin.list({ keywords: name })).total).toBe(0);
  });

  it('a size below the image minimum is size-invalid', async () => {
    const image = h.sandbox.images().find((i) => i.minSizeGb > 1)!;
    await expectApiError(h.admin.create({ name: uniqueName(), image: image.id, size: image.minSizeGb - 1 }), 'size-invalid');
  });

  it('no size and no image is require-parameter-size', async () => {
    await expectApiError(h.admin.create({ name: uniqueName() }), 'require-parameter-size');
  });

  it('an empty name is require-parameter-name', async () => {
    await expectApiError(h.admin.create({ name: '', size: 1 }), 'require-parameter-name');
  });

  it('an unknown image is image-not-exists', async () => {
    const name = uniqueName('no-image');
    await expectApiError(h.admin.create({ name, image: 'no-such-image' }), 'image-not-exists');
    await expectApiError(h.admin.create({ name, image: 'no-such-image', size: 10 }), 'image-not-exists');
    expect((await h.admin.list({ keywords: name })).total).toBe(0);
  });

  it('a userid that is no tenant is parameter-invalid', async () => {
    await expectApiError(h.admin.create({ name: uniqueName(), size: 1, userid: 4242 }), 'parameter-invalid');
  });
});

describe('406 size-insufficient (tenant quota)', () => {
  // The 'empty' seed's Ops tenant has 4000 GB; only this block uses it.
  const tenant = TENANTS.ops;
  const quota = () => h.sandbox.tenants().find((t) => t.userId === tenant)!.quotaGb;

  it('create, clone and extend beyond the quota are size-insufficient and change nothing', async () => {
    const q = quota();
    const name = uniqueName('too-big');
    await expectApiError(h.admin.create({ userid: tenant, name, size: q + 1 }), 'size-insufficient');
    expect((await h.admin.list({ keywords: name })).total).toBe(0);

    const big = await createVolume(h.admin, { userid: tenant, size: q - 100 });
    await expectApiError(h.admin.clone(big.unique, { uid: tenant, name: uniqueName() }), 'size-insufficient');
    await expectApiError(h.admin.extend(big.unique, q + 1), 'size-insufficient');
    expect(await h.admin.get(big.unique)).toEqual(big);
    expect((await h.admin.list({ userid: tenant })).total).toBe(1);

    // Exactly up to the quota is fine.
    await h.admin.extend(big.unique, q);
    expect((await h.admin.get(big.unique)).size).toBe(q);
    await h.admin.delete(big.unique);
  });
});

describe('406 not-exists', () => {
  it('every operation on an id that does not exist', async () => {
    const server = serverOf(h.sandbox, ADMIN_TENANT);
    const calls = everyOperation(MISSING, server);
    for (const operation of Object.keys(calls) as Operation[]) {
      if (operation === 'create' || operation === 'list') continue;
      const error = await expectApiError(calls[operation](h.admin), 'not-exists');
      expect(error.operation).toBe(operation);
    }
  });

  it('a deleted volume is not-exists', async () => {
    const v = await createVolume(h.admin);
    await h.admin.delete(v.unique);
    await expectApiError(h.admin.status(v.unique), 'not-exists');
    await expectApiError(h.admin.delete(v.unique), 'not-exists');
  });
});

describe('406 status-invalid (spec section 4), the volume left as it was', () => {
  it('delete, attach and extend of an IN_USE volume; detach of an AVAILABLE one', async () => {
    const server = serverOf(h.sandbox, ADMIN_TENANT);
    const v = await createVolume(h.admin);
    await expectApiError(h.admin.detach(v.unique, server), 'status-invalid');
    expect(await h.admin.get(v.unique)).toEqual(v);

    await h.admin.attach(v.unique, server);
    const inUse = await h.admin.get(v.unique);
    await expectApiError(h.admin.delete(v.unique), 'status-invalid');
    await expectApiError(h.admin.attach(v.unique, server), 'status-invalid');
    await expectApiError(h.admin.extend(v.unique, 50), 'status-invalid');
    expect(await h.admin.get(v.unique)).toEqual(inUse);
  });

  it('clone, extend and attach of an ERROR volume', async () => {
    h.sandbox.setFaults({ errorRate: { create: 1 } });
    let broken;
    try {
      broken = await createVolume(h.admin);
    } finally {
      h.sandbox.setFaults({});
    }
    expect(broken.volumeStatus).toBe('ERROR');
    await expectApiError(h.admin.clone(broken.unique, { uid: ADMIN_TENANT, name: uniqueName() }), 'status-invalid');
    await expectApiError(h.admin.extend(broken.unique, 20), 'status-invalid');
    await expectApiError(h.admin.attach(broken.unique, serverOf(h.sandbox, ADMIN_TENANT)), 'status-invalid');
    expect(await h.admin.get(broken.unique)).toEqual(broken);
  });
});

describe('406 disabled', () => {
  it('attach, extend and clone of a DISABLED volume', async () => {
    const v = await createVolume(h.admin);
    await h.admin.setEnabled(v.unique, { status: 'DISABLED' });
    const disabled = await h.admin.get(v.unique);
    const total = (await h.admin.list()).total;
    await expectApiError(h.admin.attach(v.unique, serverOf(h.sandbox, ADMIN_TENANT)), 'disabled');
    await expectApiError(h.admin.extend(v.unique, 20), 'disabled');
    await expectApiError(h.admin.clone(v.unique, { uid: ADMIN_TENANT, name: uniqueName() }), 'disabled');
    expect(await h.admin.get(v.unique)).toEqual(disabled);
    expect((await h.admin.list()).total).toBe(total);
  });
});

describe('406 size-invalid on extend', () => {
  it.each([10, 5, 0])('to %i GB from 10 GB', async (size) => {
    const v = await createVolume(h.admin, { size: 10 });
    await expectApiError(h.admin.extend(v.unique, size), 'size-invalid');
    expect(await h.admin.get(v.unique)).toEqual(v);
  });
});

describe('406 server-not-exists and require-parameter-serverId', () => {
  it('attach to an unknown server or to another tenant’s server', async () => {
    const v = await createVolume(h.admin);
    await expectApiError(h.admin.attach(v.unique, 'no-such-server'), 'server-not-exists');
    await expectApiError(h.admin.attach(v.unique, serverOf(h.sandbox, TENANTS.finance)), 'server-not-exists');
    expect(await h.admin.get(v.unique)).toEqual(v);
  });

  it('detach from a server the volume is not attached to', async () => {
    const [first, second] = h.sandbox.servers().filter((s) => s.userId === TENANTS.finance);
    const v = await createVolume(h.admin, { userid: TENANTS.finance });
    await h.admin.attach(v.unique, first!.id);
    const attached = await h.admin.get(v.unique);
    await expectApiError(h.admin.detach(v.unique, second!.id), 'server-not-exists');
    await expectApiError(h.admin.detach(v.unique, 'no-such-server'), 'server-not-exists');
    expect(await h.admin.get(v.unique)).toEqual(attached);
  });

  it('disabling an attached volume: no serverId is require-parameter-serverId, a wrong one server-not-exists', async () => {
    const [first, second] = h.sandbox.servers().filter((s) => s.userId === TENANTS.finance);
    const v = await createVolume(h.admin, { userid: TENANTS.finance });
    await h.admin.attach(v.unique, first!.id);
    const attached = await h.admin.get(v.unique);
    await expectApiError(h.admin.setEnabled(v.unique, { status: 'DISABLED' }), 'require-parameter-serverId');
    await expectApiError(h.admin.setEnabled(v.unique, { status: 'DISABLED', serverId: second!.id }), 'server-not-exists');
    expect(await h.admin.get(v.unique)).toEqual(attached);
  });

  it('attach with an empty server id is require-parameter-serverid', async () => {
    const v = await createVolume(h.admin);
    await expectApiError(h.admin.attach(v.unique, ''), 'require-parameter-serverid');
  });
});

describe('406 parameter-invalid', () => {
  it.each([
    ['list order', (c: VolumeClient) => c.list({ order: 'size' as never })],
    ['list status', (c: VolumeClient) => c.list({ status: 'ENABLED' as never })],
    ['list page 0', (c: VolumeClient) => c.list({ page: 0 })],
    ['list offset 0', (c: VolumeClient) => c.list({ offset: 0 })],
  ])('%s', async (_label, call) => {
    await expectApiError(call(h.admin), 'parameter-invalid');
  });

  it('setEnabled with a status other than ACTIVED/DISABLED, updateField of another field', async () => {
    const v = await createVolume(h.admin);
    await expectApiError(h.admin.setEnabled(v.unique, { status: 'ENABLED' as never }), 'parameter-invalid');
    await expectApiError(h.admin.updateField(v.unique, 'size' as never, '99'), 'parameter-invalid');
    expect(await h.admin.get(v.unique)).toEqual(v);
  });

  it('batches with no id are require-parameter-<name>', async () => {
    await expectApiError(h.admin.batchSetEnabled([], 'DISABLED'), 'require-parameter-serverids');
    await expectApiError(h.admin.batchDelete([]), 'require-parameter-volumns');
  });
});

describe('a failed attach leaves the volume as it was', () => {
  // Known sandbox bug (reported): `VolumeStore.attach` sets ATTACHING before `freeDevice` throws
  // on a server whose 25 devices /dev/vdb…/dev/vdz are taken, so the volume stays ATTACHING
  // forever with no pending transition (it can then be neither deleted nor disabled).
  it('on a server with no free device', async () => {
    const own = await startHarness({ seed: 'empty', speed: 0 });
    try {
      const server = serverOf(own.sandbox, TENANTS.ops);
      for (let i = 0; i < 25; i++) {
        const v = await createVolume(own.admin, { userid: TENANTS.ops, size: 1 });
        await own.admin.attach(v.unique, server);
      }
      const last = await createVolume(own.admin, { userid: TENANTS.ops, size: 1 });
      const error: unknown = await own.admin.attach(last.unique, server).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(await own.admin.get(last.unique)).toEqual(last);
      await expect(own.admin.delete(last.unique)).resolves.toBeUndefined();
    } finally {
      await own.sandbox.stop();
    }
  });
});
