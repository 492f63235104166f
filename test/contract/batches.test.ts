/**
 * The batch operations (13, 14): all-or-nothing — one bad id and nothing changes, the first
 * error is answered — and a batch disable detaches attached volumes.
 */
import { describe, expect, it } from 'vitest';
import type { VolumeClient } from '../../electron/core/api';
import type { Volume } from '../../electron/shared/volume';
import { ADMIN_TENANT, MISSING, createVolume, expectApiError, serverOf, startHarness, trace, useSandbox } from './fixtures';

const h = useSandbox({ seed: 'empty', speed: 0 });

async function unchanged(client: VolumeClient, volumes: Volume[]): Promise<void> {
  for (const v of volumes) expect(await client.get(v.unique)).toEqual(v);
}

async function attachedVolume(client: VolumeClient, server: string): Promise<Volume> {
  const v = await createVolume(client);
  await client.attach(v.unique, server);
  return client.get(v.unique);
}

describe('batchSetEnabled', () => {
  it('one missing id, even last: not-exists and no volume is disabled', async () => {
    const a = await createVolume(h.admin);
    const b = await createVolume(h.admin);
    await expectApiError(h.admin.batchSetEnabled([a.unique, b.unique, MISSING], 'DISABLED'), 'not-exists');
    await unchanged(h.admin, [a, b]);
  });

  it('one missing id: no disabled volume is enabled either', async () => {
    const a = await createVolume(h.admin);
    await h.admin.setEnabled(a.unique, { status: 'DISABLED' });
    const disabled = await h.admin.get(a.unique);
    await expectApiError(h.admin.batchSetEnabled([a.unique, MISSING], 'ACTIVED'), 'not-exists');
    await unchanged(h.admin, [disabled]);
  });

  it('disabling detaches every attached volume of the batch', async () => {
    const server = serverOf(h.sandbox, ADMIN_TENANT);
    const attached = await attachedVolume(h.admin, server);
    const plain = await createVolume(h.admin);
    await h.admin.batchSetEnabled([attached.unique, plain.unique], 'DISABLED');
    expect(await h.admin.get(attached.unique)).toMatchObject({ status: 'DISABLED', volumeStatus: 'AVAILABLE', attachments: [] });
    expect(await h.admin.get(plain.unique)).toMatchObject({ status: 'DISABLED', volumeStatus: 'AVAILABLE' });
    await h.admin.batchSetEnabled([attached.unique, plain.unique], 'ACTIVED');
    expect(await h.admin.get(attached.unique)).toMatchObject({ status: 'ACTIVED', attachments: [] });
  });

  it('an attached volume with a missing id in the batch stays attached and enabled', async () => {
    const attached = await attachedVolume(h.admin, serverOf(h.sandbox, ADMIN_TENANT));
    await expectApiError(h.admin.batchSetEnabled([attached.unique, MISSING], 'DISABLED'), 'not-exists');
    await unchanged(h.admin, [attached]);
  });

  it('the same id twice is fine', async () => {
    const a = await createVolume(h.admin);
    await h.admin.batchSetEnabled([a.unique, a.unique], 'DISABLED');
    expect((await h.admin.get(a.unique)).status).toBe('DISABLED');
  });
});

describe('batchDelete', () => {
  it('one missing id: not-exists and nothing is deleted', async () => {
    const a = await createVolume(h.admin);
    const b = await createVolume(h.admin);
    await expectApiError(h.admin.batchDelete([a.unique, b.unique, MISSING]), 'not-exists');
    await unchanged(h.admin, [a, b]);
  });

  it('one IN_USE volume: status-invalid and nothing is deleted', async () => {
    const a = await createVolume(h.admin);
    const attached = await attachedVolume(h.admin, serverOf(h.sandbox, ADMIN_TENANT));
    await expectApiError(h.admin.batchDelete([a.unique, attached.unique]), 'status-invalid');
    await unchanged(h.admin, [a, attached]);
  });

  it('the first error is the one answered', async () => {
    const attached = await attachedVolume(h.admin, serverOf(h.sandbox, ADMIN_TENANT));
    await expectApiError(h.admin.batchDelete([attached.unique, MISSING]), 'status-invalid');
    await expectApiError(h.admin.batchDelete([MISSING, attached.unique]), 'not-exists');
  });
});

describe('at a nonzero speed', () => {
  it('batch disable passes an attached volume through DETACHING; a passing volume makes the batch status-invalid', async () => {
    const timed = await startHarness({ seed: 'empty', speed: 2 });
    try {
      const { admin } = timed;
      const server = serverOf(timed.sandbox, ADMIN_TENANT);
      const a = await createVolume(admin);
      const b = await createVolume(admin);
      await trace(admin, a.unique);
      await trace(admin, b.unique);
      await admin.attach(a.unique, server);
      expect(await trace(admin, a.unique)).toEqual(['ATTACHING', 'IN_USE']);

      // b is passing (extending): the whole batch is refused, a stays attached and enabled.
      await admin.extend(b.unique, 20);
      await expectApiError(admin.batchSetEnabled([a.unique, b.unique], 'DISABLED'), 'status-invalid');
      await expectApiError(admin.batchDelete([b.unique]), 'status-invalid');
      expect(await admin.get(a.unique)).toMatchObject({ status: 'ACTIVED', volumeStatus: 'IN_USE' });
      expect(await trace(admin, b.unique)).toEqual(['UNRECOGNIZED', 'AVAILABLE']);

      await admin.batchSetEnabled([a.unique, b.unique], 'DISABLED');
      expect((await admin.get(a.unique)).status).toBe('DISABLED');
      expect(await trace(admin, a.unique)).toEqual(['DETACHING', 'AVAILABLE']);
      expect(await admin.get(a.unique)).toMatchObject({ status: 'DISABLED', attachments: [] });

      // batch delete: both pass through DELETING and are gone.
      await admin.batchDelete([a.unique, b.unique]);
      expect(await trace(admin, a.unique)).toEqual(['DELETING', 'gone']);
      expect(await trace(admin, b.unique)).toEqual(['gone']);
    } finally {
      await timed.sandbox.stop();
    }
  });
});
