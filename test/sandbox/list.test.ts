import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolume, start, stopAll, type RawClient, type WirePage } from './helpers';

let client: RawClient;
const names = ['pg-primary-data', 'web-03-logs', 'Alpha-archive', 'backup-staging', 'web-01-logs'];

beforeAll(async () => {
  ({ client } = await start());
  for (const [i, name] of names.entries()) {
    await createVolume(client, { name, description: i === 3 ? 'nightly WEB export' : '' });
    await new Promise((r) => setTimeout(r, 2)); // distinct `created` times
  }
  const page = (await client.get<WirePage>('/list', { keywords: 'Alpha' })).result!;
  await client.post(`/${page.entites[0]!.unique}/enable`, { status: 'DISABLED' });
});
afterAll(stopAll);

const list = async (params: Record<string, string | number | boolean> = {}) => (await client.get<WirePage>('/list', params)).result!;

describe('list', () => {
  it('defaults: newest first, page 1 of 20, everything visible', async () => {
    const page = await list();
    expect(page).toMatchObject({ hasPrevious: false, hasNext: false, total: 5 });
    expect(page.entites.map((v) => v.name)).toEqual([...names].reverse());
  });

  it('orders by name, created or updated, ascending or not', async () => {
    expect((await list({ order: 'name', asc: true })).entites.map((v) => v.name)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect((await list({ order: 'created', asc: true })).entites.map((v) => v.name)).toEqual(names);
    // The disabled one was updated last.
    expect((await list({ order: 'updated' })).entites[0]!.name).toBe('Alpha-archive');
  });

  it('filters by keywords in name or description, case-insensitively, and by status', async () => {
    expect((await list({ keywords: 'web' })).entites.map((v) => v.name).sort()).toEqual(['backup-staging', 'web-01-logs', 'web-03-logs']);
    expect((await list({ status: 'DISABLED' })).entites.map((v) => v.name)).toEqual(['Alpha-archive']);
    expect((await list({ status: 'ACTIVED' })).total).toBe(4);
    expect((await list({ status: 'ALL_STATUS' })).total).toBe(5);
  });

  it('pages with offset as the page size', async () => {
    const first = await list({ offset: 2, page: 1, order: 'created', asc: true });
    expect(first).toMatchObject({ hasPrevious: false, hasNext: true, total: 5 });
    expect(first.entites.map((v) => v.name)).toEqual(names.slice(0, 2));
    const last = await list({ offset: 2, page: 3, order: 'created', asc: true });
    expect(last).toMatchObject({ hasPrevious: true, hasNext: false, total: 5 });
    expect(last.entites.map((v) => v.name)).toEqual(names.slice(4));
    const beyond = await list({ offset: 2, page: 9 });
    expect(beyond).toMatchObject({ hasPrevious: true, hasNext: false, total: 5, entites: [] });
  });
});

describe('list at scale', () => {
  it('caps offset at 1000', async () => {
    const { client: big } = await start({ seed: 'scale:1500' });
    const page = (await big.get<WirePage>('/list', { offset: 5000 })).result!;
    expect(page.entites).toHaveLength(1000);
    expect(page).toMatchObject({ total: 1500, hasNext: true });
    const second = (await big.get<WirePage>('/list', { offset: 5000, page: 2 })).result!;
    expect(second.entites).toHaveLength(500);
    expect(second.hasNext).toBe(false);
  });

  it('scale:10000 builds quickly and keeps 20 volumes passing', async () => {
    const begin = Date.now();
    const { client: big } = await start({ seed: 'scale:10000', speed: 1 });
    expect(Date.now() - begin).toBeLessThan(3000);
    const state = await big.admin<{ volumeCount: number; tenants: unknown[] }>('state');
    expect(state.body.volumeCount).toBe(10000);
    expect(state.body.tenants).toHaveLength(11);
    const all: WirePage['entites'] = [];
    for (let page = 1; ; page++) {
      const answer = (await big.get<WirePage>('/list', { offset: 1000, page })).result!;
      all.push(...answer.entites);
      if (!answer.hasNext) break;
    }
    expect(all).toHaveLength(10000);
    expect(all.filter((v) => v.volumeStatus === 'CREATING')).toHaveLength(20);
  });
});
