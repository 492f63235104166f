/**
 * The transitions of spec section 4 at a nonzero speed (passing states last base/2: 500 ms–3 s, long enough to be seen on a loaded 2-core machine),
 * observed the way the app observes them: by polling `status` until the state is stable.
 * The 'demo' seed adds volumes of tenants 101–103 held in passing states for 20 s or more; the
 * tests use them wherever a volume must stay passing across several calls.
 */
import { describe, expect, it } from 'vitest';
import type { Volume } from '../../electron/shared/volume';
import {
  ADMIN_TENANT,
  DEVICE,
  TENANTS,
  createVolume,
  expectApiError,
  serverOf,
  startHarness,
  trace,
  type Harness,
  uniqueName,
  useSandbox,
} from './fixtures';

const h = useSandbox({ seed: 'demo', speed: 2 });

/** A volume that has finished creating. */
async function available(params: Parameters<typeof createVolume>[1] = {}) {
  const v = await createVolume(h.admin, params);
  expect(await trace(h.admin, v.unique)).toEqual(['CREATING', 'AVAILABLE']);
  return v;
}

/** An AVAILABLE volume attached to a server of its tenant, IN_USE. */
async function inUse() {
  const v = await available();
  const server = serverOf(h.sandbox, ADMIN_TENANT);
  await h.admin.attach(v.unique, server);
  expect((await trace(h.admin, v.unique)).at(-1)).toBe('IN_USE');
  return { v, server };
}

// Each test works on its own volumes, so they run side by side.
describe.concurrent('without faults', () => {
  describe('create', () => {
    it('answers CREATING and passes to AVAILABLE', async () => {
      const v = await createVolume(h.admin);
      expect(v.volumeStatus).toBe('CREATING');
      expect(await trace(h.admin, v.unique)).toEqual(['CREATING', 'AVAILABLE']);
    });

    it('from an image answers DOWNLOADING and passes to AVAILABLE', async () => {
      const image = h.sandbox.images()[0]!;
      const v = await h.admin.create({ name: uniqueName('img'), image: image.id });
      expect(v.volumeStatus).toBe('DOWNLOADING');
      expect(await trace(h.admin, v.unique)).toEqual(['DOWNLOADING', 'AVAILABLE']);
    });
  });

  describe('a volume in a passing state', () => {
    const PASSING = ['CREATING', 'DOWNLOADING', 'ATTACHING', 'DETACHING', 'DELETING', 'UNRECOGNIZED'] as const;

    /** A demo volume that stays in `state` for the whole run, of `tenant` if it has one. */
    async function demoVolume(state: (typeof PASSING)[number], tenant: number = TENANTS.finance): Promise<Volume> {
      const all = (await h.admin.listAll()).volumes.filter((x) => x.volumeStatus === state && x.status === 'ACTIVED');
      const v = all.find((x) => x.userid === tenant) ?? all[0];
      if (!v) throw new Error(`the demo seed has no ${state} volume`);
      return v;
    }

    it.each(PASSING)('%s refuses delete, extend, attach, detach, clone and disable, and stays as it was', async (state) => {
      const v = await demoVolume(state);
      const server = serverOf(h.sandbox, v.userid!);
      const attachedTo = v.attachments[0]?.serverId ?? server;
      await expectApiError(h.admin.delete(v.unique), 'status-invalid');
      await expectApiError(h.admin.extend(v.unique, v.size + 10), 'status-invalid');
      await expectApiError(h.admin.attach(v.unique, server), 'status-invalid');
      await expectApiError(h.admin.detach(v.unique, attachedTo), 'status-invalid');
      await expectApiError(h.admin.clone(v.unique, { uid: v.userid!, name: uniqueName() }), 'status-invalid');
      await expectApiError(h.admin.setEnabled(v.unique, { status: 'DISABLED', serverId: attachedTo }), 'status-invalid');
      await expectApiError(h.admin.batchSetEnabled([v.unique], 'DISABLED'), 'status-invalid');
      await expectApiError(h.admin.batchDelete([v.unique]), 'status-invalid');
      expect(await h.admin.get(v.unique)).toEqual(v);
    });

    it('accepts update, updateField and enable at once, and stays passing', async () => {
      // Another tenant's volume than the one the test above compares.
      const v = await demoVolume('CREATING', TENANTS.ops);
      expect(v.userid).toBe(TENANTS.ops);
      const name = uniqueName('renamed-while-creating');
      await h.admin.update(v.unique, { name });
      await h.admin.updateField(v.unique, 'description', 'set while creating');
      await h.admin.setEnabled(v.unique, { status: 'ACTIVED' });
      expect(await h.admin.get(v.unique)).toMatchObject({
        name,
        description: 'set while creating',
        status: 'ACTIVED',
        volumeStatus: 'CREATING',
      });
    });
  });

  describe('clone', () => {
    it('from an AVAILABLE source: the copy passes CREATING → AVAILABLE, the source stays AVAILABLE', async () => {
      const source = await available({ size: 12 });
      const copy = await h.admin.clone(source.unique, { uid: TENANTS.rnd, name: uniqueName('copy') });
      expect(copy).toMatchObject({ volumeStatus: 'CREATING', size: 12, sourceVolid: source.volumeId });
      expect((await h.admin.status(source.unique)).volumeStatus).toBe('AVAILABLE');
      expect(await trace(h.admin, copy.unique)).toEqual(['CREATING', 'AVAILABLE']);
    });

    it('from an IN_USE source', async () => {
      const { v } = await inUse();
      const copy = await h.admin.clone(v.unique, { uid: ADMIN_TENANT, name: uniqueName('copy') });
      expect(await trace(h.admin, copy.unique)).toEqual(['CREATING', 'AVAILABLE']);
      expect(await h.admin.get(copy.unique)).toMatchObject({ attachments: [], sourceVolid: v.volumeId });
      expect((await h.admin.status(v.unique)).volumeStatus).toBe('IN_USE');
    });
  });

  describe('extend', () => {
    it('AVAILABLE → UNRECOGNIZED → AVAILABLE with the new size', async () => {
      const v = await available({ size: 10 });
      await h.admin.extend(v.unique, 30);
      expect(await trace(h.admin, v.unique)).toEqual(['UNRECOGNIZED', 'AVAILABLE']);
      expect((await h.admin.get(v.unique)).size).toBe(30);
    });
  });

  describe('attach and detach', () => {
    it('attach: AVAILABLE → ATTACHING → IN_USE with one attachment', async () => {
      const v = await available();
      const server = serverOf(h.sandbox, ADMIN_TENANT);
      await h.admin.attach(v.unique, server);
      expect(await trace(h.admin, v.unique)).toEqual(['ATTACHING', 'IN_USE']);
      expect((await h.admin.get(v.unique)).attachments).toEqual([
        { serverId: server, device: expect.stringMatching(DEVICE), attachedAt: expect.any(Number) },
      ]);
    });

    it('detach: IN_USE → DETACHING → AVAILABLE with no attachment', async () => {
      const { v, server } = await inUse();
      await h.admin.detach(v.unique, server);
      expect(await trace(h.admin, v.unique)).toEqual(['DETACHING', 'AVAILABLE']);
      expect((await h.admin.get(v.unique)).attachments).toEqual([]);
    });
  });

  describe('delete', () => {
    it('AVAILABLE → DELETING → gone (get is not-exists)', async () => {
      const v = await available();
      await h.admin.delete(v.unique);
      expect(await trace(h.admin, v.unique)).toEqual(['DELETING', 'gone']);
      await expectApiError(h.admin.get(v.unique), 'not-exists');
    });

    it('IN_USE is status-invalid and stays attached', async () => {
      const { v } = await inUse();
      await expectApiError(h.admin.delete(v.unique), 'status-invalid');
      expect(await h.admin.get(v.unique)).toMatchObject({ volumeStatus: 'IN_USE', attachments: [expect.any(Object)] });
    });
  });

  describe('disable', () => {
    it('an attached volume is DISABLED at once, passes DETACHING and ends AVAILABLE, detached', async () => {
      const { v, server } = await inUse();
      await h.admin.setEnabled(v.unique, { status: 'DISABLED', serverId: server });
      expect((await h.admin.get(v.unique)).status).toBe('DISABLED');
      expect(await trace(h.admin, v.unique)).toEqual(['DETACHING', 'AVAILABLE']);
      expect(await h.admin.get(v.unique)).toMatchObject({ status: 'DISABLED', attachments: [] });
    });
  });
});

/** Runs `body` against a sandbox of its own (speed 2), so faults set there touch no other test. */
async function withOwnSandbox(body: (t: Harness) => Promise<void>): Promise<void> {
  const t = await startHarness({ seed: 'empty', speed: 2 });
  try {
    await body(t);
  } finally {
    await t.sandbox.stop();
  }
}

describe.concurrent('with errorRate faults, each in a sandbox of its own', () => {
  it('create ends in ERROR on a failure; an ERROR volume can be deleted', () =>
    withOwnSandbox(async ({ sandbox, admin }) => {
      sandbox.setFaults({ errorRate: { create: 1 } });
      const v = await createVolume(admin);
      expect(await trace(admin, v.unique)).toEqual(['CREATING', 'ERROR']);
      sandbox.setFaults({});
      await admin.delete(v.unique);
      expect(await trace(admin, v.unique)).toEqual(['DELETING', 'gone']);
    }));

  it('delete ends in ERROR_DELETING on a failure, which cannot be deleted again', () =>
    withOwnSandbox(async ({ sandbox, admin }) => {
      const v = await createVolume(admin);
      expect(await trace(admin, v.unique)).toEqual(['CREATING', 'AVAILABLE']);
      sandbox.setFaults({ errorRate: { delete: 1 } });
      await admin.delete(v.unique);
      expect(await trace(admin, v.unique)).toEqual(['DELETING', 'ERROR_DELETING']);
      sandbox.setFaults({});
      await expectApiError(admin.delete(v.unique), 'status-invalid');
      expect((await admin.status(v.unique)).volumeStatus).toBe('ERROR_DELETING');
    }));

  it('a stable ERROR volume can be disabled and enabled', () =>
    withOwnSandbox(async ({ sandbox, admin }) => {
      sandbox.setFaults({ errorRate: { create: 1 } });
      const broken = await createVolume(admin);
      expect(await trace(admin, broken.unique)).toEqual(['CREATING', 'ERROR']);
      await admin.setEnabled(broken.unique, { status: 'DISABLED' });
      expect(await admin.get(broken.unique)).toMatchObject({ status: 'DISABLED', volumeStatus: 'ERROR' });
      await admin.setEnabled(broken.unique, { status: 'ACTIVED' });
      expect(await admin.get(broken.unique)).toMatchObject({ status: 'ACTIVED', volumeStatus: 'ERROR' });
    }));
});
