import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { SandboxDataError } from '../../sandbox/index';
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
  it('keeps volumes across stop/start with the same file; the access token and sessions are new at each start and never in it', async () => {
    const file = join(dir, 'state.json');
    const first = await start({ dataFile: file, seed: 'demo' });
    const user = first.sandbox.createSession(101, 'user');
    const v = await createVolume(first.client, { name: 'survivor', userid: 101 });
    const before = (await first.client.get<WirePage>('/list', { offset: 1000 })).result!;
    await first.sandbox.stop();
    const text = await readFile(file, 'utf8');
    for (const secret of [first.sandbox.accessToken, user.sessionToken, user.sessionSecret, first.sandbox.adminSession.sessionSecret])
      expect(text).not.toContain(secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const second = await start({ dataFile: file, seed: 'empty' }); // the seed is ignored
    expect(second.sandbox.accessToken).not.toBe(first.sandbox.accessToken);
    const oldUser = new RawClient({ ...second.sandbox, accessToken: first.sandbox.accessToken }, user);
    expect((await oldUser.post(`/${v.unique}/get`)).status).toBe(403);
    const asUser = new RawClient(second.sandbox, second.sandbox.createSession(101, 'user'));
    expect((await asUser.post<WireVolume>(`/${v.unique}/get`)).result).toMatchObject({ name: 'survivor' });
    const after = (await second.client.get<WirePage>('/list', { offset: 1000 })).result!;
    expect(after.total).toBe(before.total);
    const next = await createVolume(second.client);
    expect(next.unique).toBeGreaterThan(v.unique);
  });

  it('a restart handed the earlier credentials in memory answers them, and they are still not in the file', async () => {
    const file = join(dir, 'state.json');
    const first = await start({ dataFile: file });
    const user = first.sandbox.createSession(101, 'user');
    await first.sandbox.stop();
    const second = await start({ dataFile: file, credentials: first.sandbox.credentials() });
    expect(second.sandbox.accessToken).toBe(first.sandbox.accessToken);
    expect((await new RawClient(second.sandbox, user).get('/list')).status).toBe(200);
    expect(await readFile(file, 'utf8')).not.toContain(first.sandbox.accessToken);
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

  it('refuses a file that is not a sandbox data file, naming it without quoting it', async () => {
    const file = join(dir, 'other.json');
    for (const text of ['{"hello": "SECRET-1"}', '{"version":1,"nextUnique":"SECRET-2"', '', 'SECRET-3']) {
      await writeFile(file, text);
      const error = (await start({ dataFile: file }).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(SandboxDataError);
      expect(error.message).toMatch(/^the sandbox data file other\.json (is not a sandbox data file|is not valid JSON|is empty)/);
      expect(error.message).not.toContain('SECRET');
    }
  });

  it('an old file that kept the access token and sessions is rewritten without them on the next start', async () => {
    const file = join(dir, 'state.json');
    const first = await start({ dataFile: file });
    await first.sandbox.stop();
    const old = {
      ...JSON.parse(await readFile(file, 'utf8')),
      accessToken: 'OLD-TOKEN',
      sessions: [{ token: 'OLD-SESSION', secret: 'OLD-SECRET', userId: 100, role: 'admin', expiresAt: null }],
    };
    await writeFile(file, JSON.stringify(old), { mode: 0o644 });
    const second = await start({ dataFile: file });
    const text = await readFile(file, 'utf8');
    expect(text).not.toMatch(/OLD-|accessToken|sessions/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const oldSession = new RawClient(
      { ...second.sandbox, accessToken: 'OLD-TOKEN' },
      { sessionToken: 'OLD-SESSION', sessionSecret: 'OLD-SECRET', userId: 100, role: 'admin', expiresAt: null },
    );
    expect((await oldSession.get('/list')).status).toBe(403);
  });

  it('a damaged file goes to onDamagedData and the start goes on from the seed', async () => {
    const file = join(dir, 'state.json');
    await writeFile(file, '{"version":1,"volu');
    const damaged: string[] = [];
    const { client } = await start({
      dataFile: file,
      seed: 'demo',
      onDamagedData: async (error) => {
        damaged.push(error.message);
        await rename(file, `${file}.aside`);
      },
    });
    expect(damaged).toEqual(['the sandbox data file state.json is not valid JSON']);
    expect(await readFile(`${file}.aside`, 'utf8')).toBe('{"version":1,"volu');
    expect((await client.get<WirePage>('/list')).result!.total).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1 });
  });
});
