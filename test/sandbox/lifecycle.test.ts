import { afterEach, describe, expect, it } from 'vitest';
import { createVolume, start, stopAll, waitFor, type RawClient, type WireVolume } from './helpers';

afterEach(stopAll);

const get = async (client: RawClient, unique: number) => (await client.post<WireVolume>(`/${unique}/get`)).result!;
const statusOf = async (client: RawClient, unique: number) =>
  (await client.post<{ volumeStatus: string }>(`/${unique}/status`)).result?.volumeStatus ?? 'gone';

/** Polls the status until `final` shows up; answers the distinct values seen in order. */
async function trace(client: RawClient, unique: number, final: string): Promise<string[]> {
  const seen: string[] = [];
  await waitFor(
    async () => {
      const s = await statusOf(client, unique);
      if (seen.at(-1) !== s) seen.push(s);
      return s;
    },
    (s) => s === final,
  );
  return seen;
}

describe('state machine with timed passing states', () => {
  it('at speed 20 create passes CREATING for 150 ms, from an image DOWNLOADING for 300 ms', async () => {
    const { client, sandbox } = await start({ speed: 20 });
    let begin = Date.now();
    const v = await createVolume(client);
    expect(v.volumeStatus).toBe('CREATING');
    expect((await trace(client, v.unique, 'AVAILABLE')).at(-1)).toBe('AVAILABLE');
    expect(Date.now() - begin).toBeGreaterThanOrEqual(140);

    const image = sandbox.images()[0]!;
    begin = Date.now();
    const fromImage = await createVolume(client, { image: image.id, size: undefined });
    expect(fromImage.volumeStatus).toBe('DOWNLOADING');
    await trace(client, fromImage.unique, 'AVAILABLE');
    expect(Date.now() - begin).toBeGreaterThanOrEqual(290);
  });

  // Speed 2: every passing state lasts at least 500 ms, long enough to observe on a loaded 2-core machine.
  it('attach, detach, extend, clone and delete pass through their states', async () => {
    const { client, sandbox } = await start({ speed: 2 });
    const server = sandbox.servers().find((s) => s.userId === 100)!;
    const v = await createVolume(client, { size: 10 });
    await trace(client, v.unique, 'AVAILABLE');

    await client.post(`/${v.unique}/attach`, { serverid: server.id });
    expect(await statusOf(client, v.unique)).toBe('ATTACHING');
    // Nothing else may start while a passing state runs.
    expect((await client.post(`/${v.unique}/delete`)).message).toBe('volumes.error.status-invalid');
    expect((await client.post(`/${v.unique}/enable`, { status: 'DISABLED' })).message).toBe('volumes.error.status-invalid');
    expect(await trace(client, v.unique, 'IN_USE')).toEqual(['ATTACHING', 'IN_USE']);

    const cloned = await client.post<WireVolume>(`/${v.unique}/clone`, { uid: 100, name: 'copy' });
    expect(cloned.result!.volumeStatus).toBe('CREATING');
    await trace(client, cloned.result!.unique, 'AVAILABLE');

    await client.post(`/${v.unique}/dettach`, { serverid: server.id });
    expect(await trace(client, v.unique, 'AVAILABLE')).toEqual(['DETACHING', 'AVAILABLE']);
    expect((await get(client, v.unique)).attachments).toEqual([]);

    await client.post(`/${v.unique}/extend`, { size: 30 });
    expect(await get(client, v.unique)).toMatchObject({ volumeStatus: 'UNRECOGNIZED', size: 10 });
    await trace(client, v.unique, 'AVAILABLE');
    expect((await get(client, v.unique)).size).toBe(30);

    await client.post(`/${v.unique}/delete`);
    expect(await trace(client, v.unique, 'gone')).toEqual(['DELETING', 'gone']);
    expect((await client.post(`/${v.unique}/get`)).message).toBe('volumes.error.not-exists');
  });

  it('disabling an attached volume sets DISABLED at once, then detaches', async () => {
    const { client, sandbox } = await start({ speed: 2 });
    const server = sandbox.servers().find((s) => s.userId === 100)!;
    const v = await createVolume(client);
    await trace(client, v.unique, 'AVAILABLE');
    await client.post(`/${v.unique}/attach`, { serverid: server.id });
    await trace(client, v.unique, 'IN_USE');
    await client.post(`/${v.unique}/enable`, { status: 'DISABLED', serverId: server.id });
    expect(await get(client, v.unique)).toMatchObject({ status: 'DISABLED', volumeStatus: 'DETACHING' });
    await trace(client, v.unique, 'AVAILABLE');
    expect(await get(client, v.unique)).toMatchObject({ status: 'DISABLED', attachments: [] });
  });

  it('at speed 0 every answer already shows the final state', async () => {
    const { client } = await start({ speed: 0 });
    const v = await createVolume(client);
    expect(v.volumeStatus).toBe('AVAILABLE');
  });

  it('the demo seed has passing states that settle by their deadlines', async () => {
    const { client } = await start({ seed: 'demo', speed: 1 });
    const page = (await client.get<{ entites: WireVolume[]; total: number }>('/list', { offset: 1000 })).result!;
    expect(page.total).toBeGreaterThanOrEqual(55);
    const states = new Set(page.entites.map((v) => v.volumeStatus));
    for (const s of ['AVAILABLE', 'IN_USE', 'ERROR', 'CREATING', 'ATTACHING', 'DETACHING', 'UNRECOGNIZED']) expect(states).toContain(s);
    expect(page.entites.some((v) => v.status === 'DISABLED')).toBe(true);
    const servers = new Set(page.entites.flatMap((v) => v.attachments.map((a) => a.serverId)));
    expect(servers.size).toBe(6);
  });
});
