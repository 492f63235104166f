/**
 * `list` and `listAll`: paging by `offset` (the page size) and `page`, `hasNext`/`hasPrevious`/
 * `total`, sorting by name/created/updated with `asc`, keyword and status filters, the 1000 cap.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Volume } from '../../electron/shared/volume';
import { ADMIN_TENANT, TENANTS, sleep, startHarness, useSandbox } from './fixtures';

const h = useSandbox({ seed: 'empty', speed: 0 });

/** 25 names whose alphabetical order differs from their creation order. */
const NAMES = [
  'kilo',
  'alpha',
  'uniform',
  'echo',
  'quebec',
  'bravo',
  'xray',
  'golf',
  'mike',
  'charlie',
  'yankee',
  'india',
  'oscar',
  'delta',
  'sierra',
  'foxtrot',
  'whiskey',
  'hotel',
  'romeo',
  'juliet',
  'tango',
  'lima',
  'papa',
  'victor',
  'november',
];
/** Every third volume is disabled; every fifth has a description mentioning "backup". */
const DISABLED = new Set(NAMES.filter((_, i) => i % 3 === 1));
const BACKUP = new Set(NAMES.filter((_, i) => i % 5 === 2));

let created: Volume[] = [];

beforeAll(async () => {
  created = [];
  for (const [i, name] of NAMES.entries()) {
    const description = BACKUP.has(name) ? `nightly Backup target ${i}` : `volume number ${i}`;
    created.push(await h.admin.create({ name, description, size: 1 + i }));
    await sleep(2); // distinct `created` times, so the order by created is fully defined
  }
  const disabled = created.filter((v) => DISABLED.has(v.name)).map((v) => v.unique);
  await h.admin.batchSetEnabled(disabled, 'DISABLED');
});

const names = (vs: Volume[]) => vs.map((v) => v.name);
const uniques = (vs: Volume[]) => vs.map((v) => v.unique);

describe('paging', () => {
  it('answers 20 per page by default, with total and hasNext', async () => {
    const page = await h.admin.list();
    expect(page.entities).toHaveLength(20);
    expect(page).toMatchObject({ total: 25, hasNext: true, hasPrevious: false });
  });

  it('offset is the page size; the pages tile the whole listing without overlap', async () => {
    const params = { order: 'name', asc: true } as const;
    const p1 = await h.admin.list({ ...params, offset: 10, page: 1 });
    const p2 = await h.admin.list({ ...params, offset: 10, page: 2 });
    const p3 = await h.admin.list({ ...params, offset: 10, page: 3 });
    expect([p1, p2, p3].map((p) => [p.entities.length, p.hasPrevious, p.hasNext, p.total])).toEqual([
      [10, false, true, 25],
      [10, true, true, 25],
      [5, true, false, 25],
    ]);
    const whole = await h.admin.list({ ...params, offset: 25 });
    expect(whole).toMatchObject({ hasNext: false, hasPrevious: false, total: 25 });
    expect(uniques([...p1.entities, ...p2.entities, ...p3.entities])).toEqual(uniques(whole.entities));
  });

  it('a page past the end is empty and says so', async () => {
    const page = await h.admin.list({ offset: 10, page: 4 });
    expect(page).toEqual({ entities: [], total: 25, hasNext: false, hasPrevious: true });
  });

  it('listAll over several small pages equals the full set', async () => {
    const all = await h.admin.listAll({ order: 'name', asc: true }, { pageSize: 7 });
    expect(all).toMatchObject({ pages: 4, total: 25, complete: true });
    expect(names(all.volumes)).toEqual([...NAMES].sort());
    expect(new Set(uniques(all.volumes))).toEqual(new Set(uniques(created)));
  });

  it('listAll keeps the filters on every page', async () => {
    const all = await h.admin.listAll({ status: 'DISABLED' }, { pageSize: 3 });
    expect(all.complete).toBe(true);
    expect(all.pages).toBe(Math.ceil(DISABLED.size / 3));
    expect(new Set(names(all.volumes))).toEqual(DISABLED);
  });
});

describe('sorting', () => {
  it('by name ascending and descending', async () => {
    const asc = await h.admin.list({ order: 'name', asc: true, offset: 100 });
    expect(names(asc.entities)).toEqual([...NAMES].sort());
    const desc = await h.admin.list({ order: 'name', asc: false, offset: 100 });
    expect(names(desc.entities)).toEqual([...NAMES].sort().reverse());
  });

  it('by created ascending (creation order) and descending (newest first)', async () => {
    const asc = await h.admin.list({ order: 'created', asc: true, offset: 100 });
    expect(names(asc.entities)).toEqual(NAMES);
    const desc = await h.admin.list({ order: 'created', offset: 100 });
    expect(names(desc.entities)).toEqual([...NAMES].reverse());
  });

  it('by updated: the volume changed last comes first (descending) and last (ascending)', async () => {
    const target = created.find((v) => v.name === 'echo')!;
    await sleep(2);
    await h.admin.updateField(target.unique, 'description', 'touched last');
    const desc = await h.admin.list({ order: 'updated', offset: 100 });
    expect(desc.entities[0]?.unique).toBe(target.unique);
    const updated = desc.entities.map((v) => v.updated);
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    const asc = await h.admin.list({ order: 'updated', asc: true, offset: 100 });
    expect(asc.entities.at(-1)?.unique).toBe(target.unique);
    await h.admin.updateField(target.unique, 'description', target.description);
  });

  it('paging follows the chosen order', async () => {
    const second = await h.admin.list({ order: 'name', asc: true, offset: 5, page: 2 });
    expect(names(second.entities)).toEqual([...NAMES].sort().slice(5, 10));
  });
});

describe('filters', () => {
  it('keywords match a substring of the name', async () => {
    const page = await h.admin.list({ keywords: 'ie', offset: 100 });
    const expected = NAMES.filter((n) => n.includes('ie'));
    expect(expected.length).toBeGreaterThan(1);
    expect(new Set(names(page.entities))).toEqual(new Set(expected));
    expect(page.total).toBe(expected.length);
  });

  it('keywords match a substring of the description', async () => {
    const page = await h.admin.list({ keywords: 'Backup target', offset: 100 });
    expect(new Set(names(page.entities))).toEqual(BACKUP);
    expect(page.total).toBe(BACKUP.size);
  });

  it('keywords that match nothing give an empty listing', async () => {
    expect(await h.admin.list({ keywords: 'no-such-volume-anywhere' })).toEqual({
      entities: [],
      total: 0,
      hasNext: false,
      hasPrevious: false,
    });
  });

  it('status filter: ACTIVED and DISABLED split ALL_STATUS', async () => {
    const active = await h.admin.list({ status: 'ACTIVED', offset: 100 });
    const disabled = await h.admin.list({ status: 'DISABLED', offset: 100 });
    const all = await h.admin.list({ status: 'ALL_STATUS', offset: 100 });
    expect(active.entities.every((v) => v.status === 'ACTIVED')).toBe(true);
    expect(new Set(names(disabled.entities))).toEqual(DISABLED);
    expect(disabled.entities.every((v) => v.status === 'DISABLED')).toBe(true);
    expect(active.total + disabled.total).toBe(all.total);
    expect(all.total).toBe(25);
  });

  it('keywords and status combine', async () => {
    const page = await h.admin.list({ keywords: 'Backup target', status: 'DISABLED', offset: 100 });
    const expected = [...BACKUP].filter((n) => DISABLED.has(n));
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(names(page.entities))).toEqual(new Set(expected));
  });

  it('userid filters by owner', async () => {
    expect((await h.admin.list({ userid: ADMIN_TENANT })).total).toBe(25);
    expect((await h.admin.list({ userid: TENANTS.finance })).total).toBe(0);
  });
});

describe('the page size cap', () => {
  it('an offset over 1000 is granted as 1000; listAll still reads everything by hasNext', async () => {
    const big = await startHarness({ seed: 'scale:1205', speed: 0 });
    try {
      const first = await big.admin.list({ offset: 5000 });
      expect(first.entities).toHaveLength(1000);
      expect(first).toMatchObject({ total: 1205, hasNext: true, hasPrevious: false });
      const second = await big.admin.list({ offset: 5000, page: 2 });
      expect(second.entities).toHaveLength(205);
      expect(second).toMatchObject({ hasNext: false, hasPrevious: true });

      const all = await big.admin.listAll({}, { pageSize: 5000 });
      expect(all).toMatchObject({ pages: 2, total: 1205, complete: true });
      expect(new Set(uniques(all.volumes)).size).toBe(1205);
    } finally {
      await big.sandbox.stop();
    }
  });
});
