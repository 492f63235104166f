/** Every operation's success path and the shape of its answer (spec sections 2 and 3), at speed 0. */
import { describe, expect, it } from 'vitest';
import { ADMIN_TENANT, DEVICE, TENANTS, UUID, createVolume, expectApiError, serverOf, sleep, uniqueName, useSandbox } from './fixtures';

const h = useSandbox({ seed: 'empty', speed: 0 });

describe('create', () => {
  it('answers the new volume with every field of a UserVolume, owned by the caller', async () => {
    const before = Date.now();
    const name = uniqueName('create');
    const v = await h.admin.create({ name, description: 'first disk', size: 10 });
    const after = Date.now();
    expect(v).toEqual({
      unique: expect.any(Number),
      userid: ADMIN_TENANT,
      name,
      description: 'first disk',
      status: 'ACTIVED',
      volumeId: expect.stringMatching(UUID),
      volumeStatus: 'AVAILABLE', // speed 0: the passing state has already ended
      size: 10,
      zone: 'nova',
      volumeType: expect.any(String),
      sourceVolid: null,
      snapshotId: null,
      imageId: null,
      bootable: false,
      attachments: [],
      migrateStatus: null,
      created: expect.any(Number),
      updated: expect.any(Number),
    });
    expect(Number.isInteger(v.unique) && v.unique > 0).toBe(true);
    expect(v.created).toBeGreaterThanOrEqual(before);
    expect(v.created).toBeLessThanOrEqual(after);
    expect(v.updated).toBeGreaterThanOrEqual(v.created);
  });

  it('gives every volume its own unique and volumeId', async () => {
    const a = await createVolume(h.admin);
    const b = await createVolume(h.admin);
    expect(b.unique).not.toBe(a.unique);
    expect(b.volumeId).not.toBe(a.volumeId);
  });

  it('from an image: size defaults to the image minimum, the volume is bootable and names the image', async () => {
    const image = h.sandbox.images()[0]!;
    const v = await h.admin.create({ name: uniqueName('img'), image: image.id });
    expect(v).toMatchObject({ imageId: image.id, bootable: true, size: image.minSizeGb, volumeStatus: 'AVAILABLE' });
    const larger = await h.admin.create({ name: uniqueName('img'), image: image.id, size: image.minSizeGb + 5 });
    expect(larger.size).toBe(image.minSizeGb + 5);
  });

  it('an admin creates for another tenant with userid', async () => {
    const v = await createVolume(h.admin, { userid: TENANTS.finance });
    expect(v.userid).toBe(TENANTS.finance);
    expect((await h.admin.get(v.unique)).userid).toBe(TENANTS.finance);
  });
});

describe('get and status', () => {
  it('get answers the same volume create answered', async () => {
    const v = await createVolume(h.admin, { description: 'read me back' });
    expect(await h.admin.get(v.unique)).toEqual(v);
  });

  it('status answers {unique, volumeStatus}', async () => {
    const v = await createVolume(h.admin);
    expect(await h.admin.status(v.unique)).toEqual({ unique: v.unique, volumeStatus: 'AVAILABLE' });
  });
});

describe('clone', () => {
  it('answers a new volume copied from the source, owned by uid; the source is unchanged', async () => {
    const source = await createVolume(h.admin, { size: 15, description: 'origin' });
    const name = uniqueName('copy');
    const copy = await h.admin.clone(source.unique, { uid: TENANTS.rnd, name, description: 'the copy' });
    expect(copy).toMatchObject({
      userid: TENANTS.rnd,
      name,
      description: 'the copy',
      size: 15,
      sourceVolid: source.volumeId,
      status: 'ACTIVED',
      volumeStatus: 'AVAILABLE',
      attachments: [],
    });
    expect(copy.unique).not.toBe(source.unique);
    expect(copy.volumeId).toMatch(UUID);
    expect(copy.volumeId).not.toBe(source.volumeId);
    expect(await h.admin.get(copy.unique)).toEqual(copy);
    expect(await h.admin.get(source.unique)).toEqual(source);
  });
});

describe('update and updateField', () => {
  it('update changes name and description and moves `updated`', async () => {
    const v = await createVolume(h.admin, { description: 'old' });
    await sleep(2);
    const name = uniqueName('renamed');
    await expect(h.admin.update(v.unique, { name, description: 'new' })).resolves.toBeUndefined();
    const after = await h.admin.get(v.unique);
    expect(after).toMatchObject({ name, description: 'new', size: v.size, created: v.created });
    expect(after.updated).toBeGreaterThan(v.updated);
  });

  it('update with only a description keeps the name', async () => {
    const v = await createVolume(h.admin, { description: 'old' });
    await h.admin.update(v.unique, { description: 'only this' });
    expect(await h.admin.get(v.unique)).toMatchObject({ name: v.name, description: 'only this' });
  });

  it('updateField sets one field', async () => {
    const v = await createVolume(h.admin, { description: 'old' });
    const name = uniqueName('field');
    await expect(h.admin.updateField(v.unique, 'name', name)).resolves.toBeUndefined();
    expect(await h.admin.get(v.unique)).toMatchObject({ name, description: 'old' });
    await h.admin.updateField(v.unique, 'description', 'field description');
    expect(await h.admin.get(v.unique)).toMatchObject({ name, description: 'field description' });
  });

  it('updateField can clear the description', async () => {
    const v = await createVolume(h.admin, { description: 'to be cleared' });
    await h.admin.updateField(v.unique, 'description', '');
    expect((await h.admin.get(v.unique)).description).toBe('');
  });
});

describe('extend', () => {
  it('sets the new total size', async () => {
    const v = await createVolume(h.admin, { size: 10 });
    await expect(h.admin.extend(v.unique, 25)).resolves.toBeUndefined();
    expect(await h.admin.get(v.unique)).toMatchObject({ size: 25, volumeStatus: 'AVAILABLE' });
  });
});

describe('delete', () => {
  it('removes the volume: get is not-exists and list no longer has it', async () => {
    const v = await createVolume(h.admin);
    await expect(h.admin.delete(v.unique)).resolves.toBeUndefined();
    await expectApiError(h.admin.get(v.unique), 'not-exists');
    const all = await h.admin.listAll();
    expect(all.volumes.map((x) => x.unique)).not.toContain(v.unique);
  });
});

describe('list and listAll', () => {
  it('list answers a page {hasPrevious, hasNext, total, entities} of full volumes', async () => {
    const v = await createVolume(h.admin, { description: uniqueName('marker') });
    const page = await h.admin.list({ keywords: v.description });
    expect(page).toEqual({ hasPrevious: false, hasNext: false, total: 1, entities: [v] });
  });

  it('listAll answers every volume the caller sees', async () => {
    const mine = [await createVolume(h.admin), await createVolume(h.admin)];
    const page = await h.admin.list({ offset: 1000 });
    const all = await h.admin.listAll();
    expect(all).toMatchObject({ pages: 1, total: page.total, complete: true });
    expect(all.volumes).toHaveLength(page.total);
    expect(all.volumes.map((v) => v.unique)).toEqual(expect.arrayContaining(mine.map((v) => v.unique)));
  });
});

describe('setEnabled', () => {
  it('DISABLED then ACTIVED flips the record status only', async () => {
    const v = await createVolume(h.admin);
    await expect(h.admin.setEnabled(v.unique, { status: 'DISABLED' })).resolves.toBeUndefined();
    expect(await h.admin.get(v.unique)).toMatchObject({ status: 'DISABLED', volumeStatus: 'AVAILABLE', size: v.size });
    await h.admin.setEnabled(v.unique, { status: 'ACTIVED' });
    expect(await h.admin.get(v.unique)).toMatchObject({ status: 'ACTIVED', volumeStatus: 'AVAILABLE' });
  });

  it('a serverId is ignored when the volume is not attached', async () => {
    const v = await createVolume(h.admin);
    await h.admin.setEnabled(v.unique, { status: 'DISABLED', serverId: 'not-a-server' });
    expect(await h.admin.get(v.unique)).toMatchObject({ status: 'DISABLED', volumeStatus: 'AVAILABLE', attachments: [] });
  });

  it('disabling an attached volume with its serverId detaches it', async () => {
    const server = serverOf(h.sandbox, ADMIN_TENANT);
    const v = await createVolume(h.admin);
    await h.admin.attach(v.unique, server);
    await h.admin.setEnabled(v.unique, { status: 'DISABLED', serverId: server });
    expect(await h.admin.get(v.unique)).toMatchObject({ status: 'DISABLED', volumeStatus: 'AVAILABLE', attachments: [] });
  });
});

describe('attach and detach', () => {
  it('attach makes the volume IN_USE with one attachment; detach makes it AVAILABLE again', async () => {
    const server = serverOf(h.sandbox, ADMIN_TENANT);
    const v = await createVolume(h.admin);
    const before = Date.now();
    await expect(h.admin.attach(v.unique, server)).resolves.toBeUndefined();
    const attached = await h.admin.get(v.unique);
    expect(attached.volumeStatus).toBe('IN_USE');
    expect(attached.attachments).toEqual([{ serverId: server, device: expect.stringMatching(DEVICE), attachedAt: expect.any(Number) }]);
    expect(attached.attachments[0]!.attachedAt).toBeGreaterThanOrEqual(before);

    await expect(h.admin.detach(v.unique, server)).resolves.toBeUndefined();
    expect(await h.admin.get(v.unique)).toMatchObject({ volumeStatus: 'AVAILABLE', attachments: [] });
  });

  it('two volumes on one server get different devices', async () => {
    const server = serverOf(h.sandbox, TENANTS.ops);
    const a = await createVolume(h.admin, { userid: TENANTS.ops });
    const b = await createVolume(h.admin, { userid: TENANTS.ops });
    await h.admin.attach(a.unique, server);
    await h.admin.attach(b.unique, server);
    const devices = [(await h.admin.get(a.unique)).attachments[0]?.device, (await h.admin.get(b.unique)).attachments[0]?.device];
    expect(devices[0]).toMatch(DEVICE);
    expect(devices[1]).toMatch(DEVICE);
    expect(devices[0]).not.toBe(devices[1]);
  });
});

describe('batches', () => {
  it('batchSetEnabled changes every listed volume', async () => {
    const a = await createVolume(h.admin);
    const b = await createVolume(h.admin);
    const other = await createVolume(h.admin);
    await expect(h.admin.batchSetEnabled([a.unique, b.unique], 'DISABLED')).resolves.toBeUndefined();
    expect((await h.admin.get(a.unique)).status).toBe('DISABLED');
    expect((await h.admin.get(b.unique)).status).toBe('DISABLED');
    expect((await h.admin.get(other.unique)).status).toBe('ACTIVED');
    await h.admin.batchSetEnabled([a.unique, b.unique], 'ACTIVED');
    expect((await h.admin.get(a.unique)).status).toBe('ACTIVED');
    expect((await h.admin.get(b.unique)).status).toBe('ACTIVED');
  });

  it('batchDelete deletes every listed volume and nothing else', async () => {
    const a = await createVolume(h.admin);
    const b = await createVolume(h.admin);
    const kept = await createVolume(h.admin);
    await expect(h.admin.batchDelete([a.unique, b.unique])).resolves.toBeUndefined();
    await expectApiError(h.admin.get(a.unique), 'not-exists');
    await expectApiError(h.admin.get(b.unique), 'not-exists');
    expect(await h.admin.get(kept.unique)).toEqual(kept);
  });
});
