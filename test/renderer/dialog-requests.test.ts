import { describe, expect, it } from 'vitest';
import {
  attachBatch,
  cloneBatch,
  createBatch,
  deleteBatch,
  detachBatch,
  extendBatch,
  refusedField,
  switchBatch,
  type Target,
} from '../../renderer/src/logic/dialog-requests';
import { freeVolumes, groupByServer, serversSeen } from '../../renderer/src/logic/attachments-index';
import { queueRequestSchema } from '../../electron/shared/queue';
import type { VolumeState } from '../../electron/shared/volume';

function vol(
  unique: number,
  server?: string,
  extra: Partial<{
    userid: number | null;
    volumeStatus: VolumeState;
    status: 'ACTIVED' | 'DISABLED';
    device: string;
    accountId: string;
  }> = {},
) {
  return {
    unique,
    name: `vol-${unique}`,
    size: 10,
    accountId: extra.accountId ?? 'acc',
    userid: extra.userid ?? 101,
    volumeStatus: extra.volumeStatus ?? (server ? 'IN_USE' : 'AVAILABLE'),
    status: extra.status ?? 'ACTIVED',
    attachments: server ? [{ serverId: server, device: extra.device ?? '/dev/vdb', attachedAt: 1 }] : [],
  } satisfies Target & Record<string, unknown>;
}

function valid(items: unknown[]): void {
  for (const item of items) expect(queueRequestSchema.safeParse(item).success, JSON.stringify(item)).toBe(true);
}

describe('dialog requests', () => {
  it('creates one volume, or N named name-01 … name-N', () => {
    const one = createBatch({ accountId: 'acc', userId: 101, name: ' data ', description: '', size: 10, image: '', count: 1 });
    expect(one.items).toEqual([{ op: 'create', accountId: 'acc', label: 'data', params: { name: 'data', userid: 101, size: 10 } }]);
    expect(one.title).toEqual({ key: 'dialogs.batch.createOne', params: { name: 'data' } });
    const bulk = createBatch({ accountId: 'acc', userId: null, name: 'web', description: 'logs', size: null, image: 'img-1', count: 5 });
    expect(bulk.items.map((i) => i.label)).toEqual(['web-01', 'web-02', 'web-03', 'web-04', 'web-05']);
    expect(bulk.items[0]?.params).toEqual({ name: 'web-01', description: 'logs', image: 'img-1' });
    expect(bulk.title).toEqual({ key: 'dialogs.batch.createMany', params: { n: 5, first: 'web-01', last: 'web-05' } });
    valid([...one.items, ...bulk.items]);
  });

  it('clones, extends, attaches: one request per volume with its name as the label', () => {
    const c = cloneBatch(vol(1), 102, 'copy ', '');
    expect(c.items).toEqual([{ op: 'clone', accountId: 'acc', label: 'copy', params: { unique: 1, uid: 102, name: 'copy' } }]);
    const e = extendBatch([vol(1), vol(2)], 50);
    expect(e.items.map((i) => i.params)).toEqual([
      { unique: 1, size: 50 },
      { unique: 2, size: 50 },
    ]);
    expect(e.title).toEqual({ key: 'dialogs.batch.extendMany', params: { n: 2, size: 50 } });
    expect(extendBatch([vol(1)], 50).title).toEqual({ key: 'dialogs.batch.extendOne', params: { name: 'vol-1', size: 50 } });
    const a = attachBatch(vol(3), ' srv-1 ');
    expect(a.items[0]?.params).toEqual({ unique: 3, serverId: 'srv-1' });
    valid([...c.items, ...e.items, ...a.items]);
  });

  it('detaches each volume from its own server', () => {
    const d = detachBatch([vol(1, 'srv-a'), vol(2, 'srv-b')]);
    expect(d.items.map((i) => i.params)).toEqual([
      { unique: 1, serverId: 'srv-a' },
      { unique: 2, serverId: 'srv-b' },
    ]);
    valid(d.items);
  });

  it('disables an attached volume naming its server, a free one without', () => {
    const d = switchBatch('disable', [vol(1, 'srv-a'), vol(2)]);
    expect(d.items.map((i) => i.params)).toEqual([{ unique: 1, serverId: 'srv-a' }, { unique: 2 }]);
    expect(d.title).toEqual({ key: 'dialogs.batch.disableMany', params: { n: 2 } });
    const e = switchBatch('enable', [vol(1, 'srv-a')]);
    expect(e.items).toEqual([{ op: 'enable', accountId: 'acc', label: 'vol-1', params: { unique: 1 } }]);
    valid([...d.items, ...e.items]);
  });

  it('deletes many under a title with the count', () => {
    const rows = Array.from({ length: 48 }, (_, i) => vol(i + 1));
    const d = deleteBatch(rows);
    expect(d.items).toHaveLength(48);
    expect(d.title).toEqual({ key: 'dialogs.batch.deleteMany', params: { n: 48 } });
    expect(deleteBatch([vol(7)]).title).toEqual({ key: 'dialogs.batch.deleteOne', params: { name: 'vol-7' } });
    valid(d.items);
  });
});

describe('attachments index', () => {
  const rows = [
    vol(1, 'srv-10', { device: '/dev/vdc' }),
    vol(2, 'srv-2', { device: '/dev/vdb' }),
    vol(3, 'srv-10', { device: '/dev/vdb' }),
    vol(4),
    vol(5, undefined, { status: 'DISABLED' }),
    vol(6, undefined, { volumeStatus: 'ERROR' }),
    vol(7, 'srv-9', { userid: 102 }),
    vol(8, 'srv-x', { accountId: 'other' }),
  ];

  it('groups attached volumes under their server, servers and devices in natural order', () => {
    const groups = groupByServer(rows.filter((r) => r.accountId === 'acc'));
    expect(groups.map((g) => g.serverId)).toEqual(['srv-2', 'srv-9', 'srv-10']);
    expect(groups[2]?.volumes.map((v) => [v.row.unique, v.attachment.device])).toEqual([
      [3, '/dev/vdb'],
      [1, '/dev/vdc'],
    ]);
    expect(groups[1]?.userId).toBe(102);
  });

  it('offers as free only available, enabled, unattached volumes', () => {
    expect(freeVolumes(rows).map((r) => r.unique)).toEqual([4]);
  });

  it('suggests the servers seen for the same account and tenant', () => {
    expect(serversSeen(rows, 'acc', 101)).toEqual(['srv-2', 'srv-10']);
    expect(serversSeen(rows, 'acc', 102)).toEqual(['srv-9']);
    expect(serversSeen(rows, 'other', 101)).toEqual(['srv-x']);
    expect(serversSeen(rows, 'acc', 999)).toEqual([]);
  });
});

describe('the field a refusal of the cloud is about', () => {
  it('names the image, size or server field by the API code, and no field otherwise', () => {
    expect(refusedField('create', 'volumes.error.image-not-exists')).toBe('image');
    expect(refusedField('create', 'volumes.error.size-insufficient')).toBe('size');
    expect(refusedField('extend', 'volumes.error.size-invalid')).toBe('size');
    expect(refusedField('attach', 'volumes.error.server-not-exists')).toBe('serverId');
    // Where the dialog has no such field (a clone's size, a disable's server), the dialog's foot says it.
    expect(refusedField('clone', 'volumes.error.size-insufficient')).toBeNull();
    expect(refusedField('disable', 'volumes.error.server-not-exists')).toBeNull();
    expect(refusedField('create', 'volumes.error.create-fail')).toBeNull();
  });
});
