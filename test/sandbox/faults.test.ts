import { afterEach, describe, expect, it } from 'vitest';
import { FAILURE_MESSAGES, OPERATIONS } from '../../sandbox';
import { createVolume, start, stopAll, type WirePage, type WireVolume } from './helpers';

afterEach(stopAll);

describe('fault injection', () => {
  it('failureRate 1 answers 500 <op>-fail and changes nothing', async () => {
    const { client, sandbox } = await start();
    const v = await createVolume(client);
    const before = (await client.get<WirePage>('/list')).result;
    sandbox.setFaults({ failureRate: { create: 1, delete: 1, extend: 1, status: 1, batchDelete: 1 } });
    expect(await client.post('/create', { name: 'x', size: 1 })).toEqual({
      httpStatus: 500,
      status: 500,
      message: 'volumes.error.create-fail',
    });
    expect((await client.post(`/${v.unique}/delete`)).message).toBe('volumes.error.delete-failed');
    expect((await client.post(`/${v.unique}/extend`, { size: 99 })).message).toBe('volumes.error.update-failed');
    expect((await client.post(`/${v.unique}/status`)).message).toBe('volumes.error.get-status-failed');
    expect((await client.post('/batchdelete', { volumns: [v.unique] })).message).toBe('volumes.error.batch-delete-fail');
    expect((await client.get<WirePage>('/list')).result).toEqual(before);
    sandbox.setFaults({});
    expect((await client.post('/create', { name: 'x', size: 1 })).status).toBe(200);
  });

  it('every operation has a failure message', () => {
    for (const op of OPERATIONS) expect(FAILURE_MESSAGES[op]).toMatch(/-fail(ed)?$/);
  });

  it('dropRate 1 destroys the socket: fetch rejects and nothing changes', async () => {
    const { client, sandbox } = await start({ faults: { dropRate: { create: 1 } } });
    await expect(client.post('/create', { name: 'x', size: 1 })).rejects.toThrow();
    sandbox.setFaults({});
    expect((await client.get<WirePage>('/list')).result!.total).toBe(0);
  });

  it('errorRate makes passing states end in ERROR / ERROR_DELETING', async () => {
    const { client, sandbox } = await start({ faults: { errorRate: { create: 1, delete: 1 } } });
    const v = await createVolume(client);
    expect(v.volumeStatus).toBe('ERROR');
    await client.post(`/${v.unique}/delete`);
    expect((await client.post<WireVolume>(`/${v.unique}/get`)).result!.volumeStatus).toBe('ERROR_DELETING');
    sandbox.setFaults({ errorRate: { attach: 1 } });
    const w = await createVolume(client);
    await client.post(`/${w.unique}/attach`, { serverid: sandbox.servers().find((s) => s.userId === 100)!.id });
    expect((await client.post<WireVolume>(`/${w.unique}/get`)).result).toMatchObject({ volumeStatus: 'ERROR', attachments: [] });
  });

  it('rates between 0 and 1 are reproducible with the same randomSeed', async () => {
    const outcomes = async () => {
      const { client } = await start({ randomSeed: 7, faults: { failureRate: { get: 0.5 } } });
      const v = await createVolume(client);
      const codes: number[] = [];
      for (let i = 0; i < 20; i++) codes.push((await client.post(`/${v.unique}/get`)).status);
      return codes;
    };
    const first = await outcomes();
    expect(first).toContain(200);
    expect(first).toContain(500);
    expect(await outcomes()).toEqual(first);
  });

  it('latencyMs delays answers', async () => {
    const { client } = await start({ faults: { latencyMs: 150 } });
    const begin = Date.now();
    await client.get('/list');
    expect(Date.now() - begin).toBeGreaterThanOrEqual(140);
  });

  it('the admin path reads and merges faults; null clears a key; bad input is rejected', async () => {
    const { client } = await start();
    expect((await client.admin('faults')).body).toEqual({});
    expect((await client.admin('faults', { latencyMs: 5, failureRate: { get: 1 } })).body).toEqual({
      latencyMs: 5,
      failureRate: { get: 1 },
    });
    expect((await client.admin('faults', { dropRate: { list: 0.1 } })).body).toEqual({
      latencyMs: 5,
      failureRate: { get: 1 },
      dropRate: { list: 0.1 },
    });
    expect((await client.admin('faults', { failureRate: null, latencyMs: null })).body).toEqual({ dropRate: { list: 0.1 } });
    expect((await client.admin('faults', { failureRate: { get: 2 } })).status).toBe(406);
    expect((await client.admin('faults', { failureRate: { frobnicate: 1 } })).status).toBe(406);
  });

  it('GET /__sandbox/state describes tenants, servers and images', async () => {
    const { client } = await start({ seed: 'demo' });
    const state = await client.admin<{
      tenants: { name: string; usedGb: number }[];
      servers: unknown[];
      images: { name: string }[];
      volumeCount: number;
    }>('state');
    expect(state.body.tenants.map((t) => t.name)).toEqual(['Platform Admin', 'Finance', 'R&D', 'Ops']);
    expect(state.body.images.map((i) => i.name)).toEqual(['ubuntu-22.04', 'centos-7', 'windows-2022', 'debian-12']);
    expect(state.body.servers).toHaveLength(7);
    expect(state.body.volumeCount).toBe(60);
  });
});
