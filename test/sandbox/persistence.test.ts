import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RawClient, createVolume, start, stopAll, type WirePage, type WireVolume } from './helpers';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-persist-'));
});
afterEach(async () => {
  await stopAll();
  await rm(dir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps volumes, the access token and sessions across stop/start with the same file', async () => {
    const file = join(dir, 'state.json');
    const first = await start({ dataFile: file, seed: 'demo' });
    const user = first.sandbox.createSession(101, 'user');
    const v = await createVolume(first.client, { name: 'survivor', userid: 101 });
    const before = (await first.client.get<WirePage>('/list', { offset: 1000 })).result!;
    await first.sandbox.stop();

    const second = await start({ dataFile: file, seed: 'empty' }); // the seed is ignored
    expect(second.sandbox.accessToken).toBe(first.sandbox.accessToken);
    const asUser = new RawClient(second.sandbox, user);
    expect((await asUser.post<WireVolume>(`/${v.unique}/get`)).result).toMatchObject({ name: 'survivor' });
    const after = (await second.client.get<WirePage>('/list', { offset: 1000 })).result!;
    expect(after.total).toBe(before.total);
    const next = await createVolume(second.client);
    expect(next.unique).toBeGreaterThan(v.unique);
  });

  it('every answered mutation is on disk, including a burst of concurrent creates', async () => {
    const file = join(dir, 'state.json');
    const { client } = await start({ dataFile: file });
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => createVolume(client, { name: `burst-${i}`, size: 1 })));
    const saved = JSON.parse(await readFile(file, 'utf8')) as { volumes: { unique: number }[] };
    const onDisk = new Set(saved.volumes.map((v) => v.unique));
    for (const a of answers) expect(onDisk.has(a.unique)).toBe(true);
  });

  it('passing states survive a restart and settle by their stored deadlines', async () => {
    const file = join(dir, 'state.json');
    const first = await start({ dataFile: file, speed: 5 });
    const v = await createVolume(first.client);
    expect(v.volumeStatus).toBe('CREATING');
    await first.sandbox.stop();
    await new Promise((r) => setTimeout(r, 700));
    const second = await start({ dataFile: file, speed: 5 });
    expect((await second.client.post<WireVolume>(`/${v.unique}/get`)).result!.volumeStatus).toBe('AVAILABLE');
  });

  it('refuses a file that is not a sandbox data file', async () => {
    const file = join(dir, 'other.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, '{"hello": 1}'));
    await expect(start({ dataFile: file })).rejects.toThrow(/not a sandbox data file/);
  });
});
