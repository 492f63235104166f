/**
 * Role scoping (spec section 3, "Tenancy"), on the 'demo' seed: three tenants of 20 volumes each.
 * A `user` session sees and acts only on its own tenant; an `admin` session on every tenant.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { VolumeClient } from '../../electron/core/api';
import type { Volume } from '../../electron/shared/volume';
import { TENANTS, createVolume, expectApiError, serverOf, uniqueName, useSandbox } from './fixtures';

const h = useSandbox({ seed: 'demo', speed: 0 });

let finance: VolumeClient;
/** A stable (AVAILABLE, ACTIVED, detached) volume of each tenant, made by the admin. */
let financeVolume: Volume;
let rndVolume: Volume;

beforeAll(async () => {
  finance = h.userClient(TENANTS.finance);
  financeVolume = await createVolume(h.admin, { userid: TENANTS.finance, description: 'finance-own' });
  rndVolume = await createVolume(h.admin, { userid: TENANTS.rnd, description: 'rnd-own' });
});

describe('a user session', () => {
  it('lists only its own tenant, with and without its own userid', async () => {
    const all = await finance.listAll();
    expect(all.complete).toBe(true);
    expect(all.volumes.length).toBeGreaterThan(1);
    expect(new Set(all.volumes.map((v) => v.userid))).toEqual(new Set([TENANTS.finance]));
    const adminView = await h.admin.listAll({ userid: TENANTS.finance });
    expect(all.volumes.map((v) => v.unique).sort((a, b) => a - b)).toEqual(adminView.volumes.map((v) => v.unique).sort((a, b) => a - b));
    expect((await finance.list({ userid: TENANTS.finance, offset: 1000 })).total).toBe(all.total);
  });

  it('finds nothing of another tenant by keyword', async () => {
    expect((await finance.list({ keywords: 'rnd-own' })).total).toBe(0);
    expect((await h.admin.list({ keywords: 'rnd-own' })).total).toBe(1);
  });

  it('sees another tenant’s volume as not-exists, for every operation on it, and changes nothing', async () => {
    const id = rndVolume.unique;
    const own = serverOf(h.sandbox, TENANTS.finance);
    await expectApiError(finance.get(id), 'not-exists');
    await expectApiError(finance.status(id), 'not-exists');
    await expectApiError(finance.update(id, { name: 'taken-over' }), 'not-exists');
    await expectApiError(finance.updateField(id, 'name', 'taken-over'), 'not-exists');
    await expectApiError(finance.extend(id, 100), 'not-exists');
    await expectApiError(finance.clone(id, { uid: TENANTS.finance, name: uniqueName() }), 'not-exists');
    await expectApiError(finance.setEnabled(id, { status: 'DISABLED' }), 'not-exists');
    await expectApiError(finance.attach(id, own), 'not-exists');
    await expectApiError(finance.detach(id, own), 'not-exists');
    await expectApiError(finance.delete(id), 'not-exists');
    expect(await h.admin.get(id)).toEqual(rndVolume);
  });

  it('a batch naming another tenant’s volume is not-exists and changes none of its own', async () => {
    await expectApiError(finance.batchSetEnabled([financeVolume.unique, rndVolume.unique], 'DISABLED'), 'not-exists');
    await expectApiError(finance.batchDelete([financeVolume.unique, rndVolume.unique]), 'not-exists');
    expect(await finance.get(financeVolume.unique)).toEqual(financeVolume);
    expect(await h.admin.get(rndVolume.unique)).toEqual(rndVolume);
  });

  it('naming another tenant as userid/uid is access-denied', async () => {
    await expectApiError(finance.list({ userid: TENANTS.rnd }), 'access-denied', 403);
    const name = uniqueName('foreign');
    await expectApiError(finance.create({ name, size: 1, userid: TENANTS.rnd }), 'access-denied', 403);
    await expectApiError(finance.clone(financeVolume.unique, { uid: TENANTS.rnd, name }), 'access-denied', 403);
    expect((await h.admin.list({ keywords: name })).total).toBe(0);
  });

  it('creates for itself without userid, and clones with its own uid', async () => {
    const v = await createVolume(finance);
    expect(v.userid).toBe(TENANTS.finance);
    const copy = await finance.clone(v.unique, { uid: TENANTS.finance, name: uniqueName('own-copy') });
    expect(copy.userid).toBe(TENANTS.finance);
    expect(await finance.get(copy.unique)).toEqual(copy);
  });

  it('attaches its volume to its own servers only', async () => {
    const v = await createVolume(finance);
    await expectApiError(finance.attach(v.unique, serverOf(h.sandbox, TENANTS.rnd)), 'server-not-exists');
    expect((await finance.get(v.unique)).volumeStatus).toBe('AVAILABLE');
    const own = serverOf(h.sandbox, TENANTS.finance);
    await finance.attach(v.unique, own);
    expect(await finance.get(v.unique)).toMatchObject({ volumeStatus: 'IN_USE', attachments: [{ serverId: own }] });
  });
});

describe('an admin session', () => {
  it('lists every tenant without userid, one tenant with it', async () => {
    const all = await h.admin.listAll();
    const owners = new Set(all.volumes.map((v) => v.userid));
    for (const tenant of Object.values(TENANTS)) expect(owners).toContain(tenant);
    const rnd = await h.admin.listAll({ userid: TENANTS.rnd });
    expect(rnd.volumes.length).toBeGreaterThan(0);
    expect(rnd.volumes.every((v) => v.userid === TENANTS.rnd)).toBe(true);
    expect(rnd.total).toBe(all.volumes.filter((v) => v.userid === TENANTS.rnd).length);
  });

  it('acts on any tenant’s volume, and the tenant sees the change', async () => {
    await h.admin.updateField(financeVolume.unique, 'description', 'edited by admin');
    expect((await finance.get(financeVolume.unique)).description).toBe('edited by admin');
    const forRnd = await createVolume(h.admin, { userid: TENANTS.rnd });
    const rnd = h.userClient(TENANTS.rnd);
    expect(await rnd.get(forRnd.unique)).toEqual(forRnd);
    await expectApiError(finance.get(forRnd.unique), 'not-exists');
  });

  it('cannot attach a tenant’s volume to another tenant’s server', async () => {
    const v = await createVolume(h.admin, { userid: TENANTS.ops });
    await expectApiError(h.admin.attach(v.unique, serverOf(h.sandbox, TENANTS.finance)), 'server-not-exists');
    expect(await h.admin.get(v.unique)).toEqual(v);
  });

  it('clones a tenant’s volume into another tenant', async () => {
    const copy = await h.admin.clone(financeVolume.unique, { uid: TENANTS.ops, name: uniqueName('cross') });
    expect(copy.userid).toBe(TENANTS.ops);
    await expectApiError(finance.get(copy.unique), 'not-exists');
  });
});
