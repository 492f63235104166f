/**
 * Every data file the core writes × {truncated, garbage, wrong shape, empty, a folder}: the real
 * core starts on the damaged folder, tells the window (app:info) what it set aside and where, the
 * original bytes are found there unchanged after later saves, and what could be kept is kept.
 * (window-state.json is the Electron host's: its own test covers it.)
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../../electron/core/app-core';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import type { DataNotice } from '../../../electron/shared/data-notice';
import type { AccountView, AppInfo, Settings } from '../../../electron/shared/contract';
import type { BatchView } from '../../../electron/shared/queue';

type Damage = 'truncated' | 'garbage' | 'wrong shape' | 'empty' | 'a folder';
const DAMAGES: Damage[] = ['truncated', 'garbage', 'wrong shape', 'empty', 'a folder'];

let root: string;
/** A data folder after one launch: accounts, settings, a finished batch, a cache, a fleet. */
let template: string;
let localId: string;
const running: AppCore[] = [];

async function launch(dataDir: string): Promise<AppCore> {
  const core = await startAppCore({
    dataDir,
    keychain: new MemorySecretStore(),
    sandbox: { speed: 0, seed: 'demo' },
    refreshIntervalMs: 3_600_000,
    queueWait: { firstMs: 5, stepMs: 5, capMs: 20, timeoutMs: 10_000 },
  });
  running.push(core);
  return core;
}

const call = <T>(core: AppCore, channel: string, payload: unknown = {}) =>
  (core.handlers as unknown as Record<string, (p: unknown) => Promise<unknown>>)[channel]!(payload) as Promise<T>;
const info = (core: AppCore) => call<AppInfo>(core, 'app:info');
const batches = (core: AppCore) => call<BatchView[]>(core, 'queue:list');

async function untilFinished(core: AppCore): Promise<BatchView[]> {
  for (;;) {
    const list = await batches(core);
    if (list.every((batch) => batch.items.every((item) => !['pending', 'running', 'waiting'].includes(item.state)))) return list;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function submit(core: AppCore, name: string, accountId = localId): Promise<void> {
  await call(core, 'queue:submit', { title: name, items: [{ op: 'create', accountId, params: { name, size: 1 } }] });
  await untilFinished(core);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cdd-damage-'));
  template = join(root, 'template');
  const core = await launch(template);
  localId = (await call<AccountView[]>(core, 'accounts:list'))[0]!.id;
  await call(core, 'settings:set', { theme: 'dark', maxTotal: 6 });
  await call(core, 'accounts:add', {
    name: 'Prod',
    endpoint: 'https://cloud.example.com',
    colour: '#336699',
    tenants: [{ userId: 7 }],
    secrets: { accessToken: 'a', sessionToken: 'b', sessionSecret: 'c' },
    sessionOnly: true,
  });
  await call(core, 'volumes:list', { accountId: localId });
  await call(core, 'labels:set', { accountId: localId, kind: 'server', id: 'srv-template', label: 'Template server' });
  await submit(core, 'template-disk');
  await core.stop();
  running.splice(0);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((core) => core.stop()));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The data files, each with what a wrong shape of it looks like. */
const FILES: { name: () => string; wrongShape: string; code: DataNotice['code'] }[] = [
  {
    name: () => 'accounts.json',
    wrongShape: JSON.stringify({ version: 1, accounts: [{ id: 'x', name: 'no endpoint' }] }),
    code: 'accounts',
  },
  { name: () => 'settings.json', wrongShape: JSON.stringify({ maxTotal: 'lots', theme: 'dark' }), code: 'settings' },
  { name: () => 'queue.jsonl', wrongShape: '{"kind":"nope"}\n', code: 'queue' },
  {
    name: () => `cache/${encodeURIComponent(localId)}.json`,
    wrongShape: JSON.stringify({ format: 1, savedAt: 'yesterday', volumes: {} }),
    code: 'cache',
  },
  { name: () => 'local-sandbox.json', wrongShape: JSON.stringify({ version: 1, nextUnique: 1, volumes: 'none' }), code: 'local-sandbox' },
  {
    name: () => 'labels.json',
    wrongShape: JSON.stringify({ 'an-account': { server: { 'srv-template': '' }, image: {} } }),
    code: 'labels',
  },
];

async function damage(path: string, how: Damage): Promise<string | null> {
  const original = await readFile(path);
  await rm(path, { recursive: true, force: true });
  const bytes: Record<Exclude<Damage, 'a folder'>, () => Buffer> = {
    truncated: () => original.subarray(0, Math.floor(original.length / 2)),
    garbage: () => Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x22, 0x0a, 0x80, 0x5b, 0x5d, 0x7d, 0x0a]),
    'wrong shape': () => Buffer.alloc(0),
    empty: () => Buffer.alloc(0),
  };
  if (how === 'a folder') {
    await mkdir(join(path, 'inside'), { recursive: true });
    return null;
  }
  const data = bytes[how]();
  await writeFile(path, data);
  return data.toString('latin1');
}

/** A fresh copy of the template with one file damaged; returns the folder and the bytes written. */
async function damagedFolder(file: string, how: Damage, wrongShape: string): Promise<{ dataDir: string; written: string | null }> {
  const dataDir = join(root, `case-${Math.random().toString(36).slice(2)}`);
  await cp(template, dataDir, { recursive: true });
  const path = join(dataDir, file);
  let written = await damage(path, how);
  if (how === 'wrong shape') {
    await writeFile(path, wrongShape);
    written = wrongShape;
  }
  return { dataDir, written };
}

/** Saves of every kind: a setting, an account, a listing (cache), a queued create (journal and fleet). */
async function saveEverything(core: AppCore): Promise<void> {
  await call(core, 'settings:set', { notifications: false });
  await call(core, 'accounts:add', {
    name: 'Later',
    endpoint: 'https://later.example.com',
    colour: '#aa3366',
    tenants: [{ userId: 9 }],
    secrets: { accessToken: 'd', sessionToken: 'e', sessionSecret: 'f' },
    sessionOnly: true,
  });
  const local = (await call<AccountView[]>(core, 'accounts:list')).find((account) => account.kind === 'local-sandbox')!;
  await call(core, 'volumes:list', { accountId: local.id });
  await call(core, 'labels:set', { accountId: local.id, kind: 'image', id: 'img-after', label: 'After damage' });
  await submit(core, 'after-damage', local.id);
}

describe.each(FILES)('a damaged $code file', ({ name, wrongShape, code }) => {
  it.each(DAMAGES)('%s: the app starts, keeps the original aside unchanged after later saves, and says so', async (how) => {
    const file = name();
    const { dataDir, written } = await damagedFolder(file, how, wrongShape);
    const core = await launch(dataDir);
    const { notices } = await info(core);

    if (code === 'queue' && how === 'empty') {
      // An empty journal is an empty queue, which is what a fresh one is: nothing is damaged.
      expect(notices).toEqual([]);
      return;
    }
    expect(notices).toEqual([
      { code, file, keptAt: expect.stringMatching(/\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/), params: expect.any(Object) },
    ]);
    const keptAt = notices[0]!.keptAt!;
    expect(keptAt.startsWith(join(dataDir, file))).toBe(true);

    await saveEverything(core);
    if (written === null) expect((await stat(keptAt)).isDirectory()).toBe(true);
    else expect((await readFile(keptAt)).toString('latin1')).toBe(written);
    await core.stop();

    // The file written since is whole: the next start has nothing to report and kept the saves.
    const again = await launch(dataDir);
    expect((await info(again)).notices).toEqual([]);
    expect(await call<Settings>(again, 'settings:get')).toMatchObject({ notifications: false });
    expect((await call<AccountView[]>(again, 'accounts:list')).map((account) => account.name)).toContain('Later');
    expect((await batches(again)).map((batch) => batch.title)).toContain('after-damage');
    expect(
      Object.values(await call<Record<string, { image: Record<string, string> }>>(again, 'labels:list')).map(
        (labels) => labels.image['img-after'],
      ),
    ).toContain('After damage');
  });
});

describe('what is recovered', () => {
  it('settings keep every valid field of a damaged file', async () => {
    const { dataDir } = await damagedFolder(
      'settings.json',
      'wrong shape',
      JSON.stringify({ maxTotal: 'lots', theme: 'dark', maxPerAccount: 3 }),
    );
    const core = await launch(dataDir);
    expect(await call<Settings>(core, 'settings:get')).toMatchObject({ theme: 'dark', maxPerAccount: 3, maxTotal: 8 });
    expect((await info(core)).notices[0]).toMatchObject({ code: 'settings', params: { kept: 2 } });
  });

  it('a journal with a bad line in the middle: the records on both sides are replayed, the file kept aside', async () => {
    const dataDir = join(root, 'journal-middle');
    await cp(template, dataDir, { recursive: true });
    const first = await launch(dataDir);
    await submit(first, 'second-batch');
    await first.stop();
    const lines = (await readFile(join(dataDir, 'queue.jsonl'), 'utf8')).split('\n');
    const middle = Math.floor(lines.length / 2);
    const damaged = [...lines.slice(0, middle), '{"kind":"item","item":{"id":', ...lines.slice(middle)].join('\n');
    await writeFile(join(dataDir, 'queue.jsonl'), damaged);

    const core = await launch(dataDir);
    const titles = (await batches(core)).map((batch) => batch.title);
    expect(titles).toEqual(['template-disk', 'second-batch']);
    expect((await untilFinished(core)).flatMap((batch) => batch.items.map((item) => item.state))).toEqual(['done', 'done']);
    const [notice] = (await info(core)).notices;
    expect(notice).toMatchObject({ code: 'queue', file: 'queue.jsonl', params: { dropped: 1 } });
    expect(await readFile(notice!.keptAt!, 'utf8')).toBe(damaged);
  });

  it('the labels of each account that are valid in a damaged labels.json are kept', async () => {
    const { dataDir } = await damagedFolder(
      'labels.json',
      'wrong shape',
      JSON.stringify({ [localId]: { server: { 'srv-template': 'Kept' }, image: {} }, broken: { server: 'none' } }),
    );
    const core = await launch(dataDir);
    expect(await call(core, 'labels:list')).toEqual({ [localId]: { server: { 'srv-template': 'Kept' }, image: {} } });
    expect((await info(core)).notices[0]).toMatchObject({ code: 'labels', params: { kept: 1 } });
  });

  it('accounts of a damaged accounts.json that are valid on their own are kept', async () => {
    const dataDir = join(root, 'accounts-partial');
    await cp(template, dataDir, { recursive: true });
    const saved = JSON.parse(await readFile(join(dataDir, 'accounts.json'), 'utf8')) as { version: 1; accounts: unknown[] };
    await writeFile(join(dataDir, 'accounts.json'), JSON.stringify({ ...saved, accounts: [...saved.accounts, { id: 'broken' }] }));
    const core = await launch(dataDir);
    expect((await call<AccountView[]>(core, 'accounts:list')).map((account) => account.name)).toEqual(['Local sandbox', 'Prod']);
    expect((await info(core)).notices[0]).toMatchObject({ code: 'accounts', params: { kept: 2 } });
  });

  it('a damaged Local sandbox fleet is replaced by a fresh demo fleet', async () => {
    const { dataDir } = await damagedFolder('local-sandbox.json', 'garbage', '');
    const core = await launch(dataDir);
    const listing = await call<{ source: string; volumes: { name: string }[] }>(core, 'volumes:list', { accountId: localId });
    expect(listing.source).toBe('live');
    expect(listing.volumes.length).toBeGreaterThanOrEqual(50);
    expect(listing.volumes.map((v) => v.name)).not.toContain('template-disk');
  });
});

describe('the cache', () => {
  it('a file where the cache folder belongs is set aside and the listing is live', async () => {
    const dataDir = join(root, 'cache-file');
    await cp(template, dataDir, { recursive: true });
    await rm(join(dataDir, 'cache'), { recursive: true });
    await writeFile(join(dataDir, 'cache'), 'not a folder');
    const core = await launch(dataDir);
    expect((await info(core)).notices).toMatchObject([{ code: 'cache', file: 'cache' }]);
    expect((await call<{ source: string }>(core, 'volumes:list', { accountId: localId })).source).toBe('live');
    expect(await readFile((await info(core)).notices[0]!.keptAt!, 'utf8')).toBe('not a folder');
  });

  it('a cache write that fails while running is logged, and the listing is still live', async () => {
    const dataDir = join(root, 'cache-write');
    await cp(template, dataDir, { recursive: true });
    const core = await launch(dataDir);
    const cacheFile = join(dataDir, 'cache', `${encodeURIComponent(localId)}.json`);
    await rm(cacheFile);
    await mkdir(join(cacheFile, 'in-the-way'), { recursive: true });
    const listing = await call<{ source: string; volumes: unknown[] }>(core, 'volumes:list', { accountId: localId });
    expect(listing.source).toBe('live');
    expect(listing.volumes.length).toBeGreaterThan(0);
    await rm(join(dataDir, 'cache'), { recursive: true });
    await writeFile(join(dataDir, 'cache'), 'in the way');
    expect((await call<{ source: string }>(core, 'volumes:list', { accountId: localId })).source).toBe('live');
  });
});

describe('files at rest', () => {
  it('data files are 0600 in 0700 folders', async () => {
    const dataDir = join(root, 'modes', 'data');
    const core = await launch(dataDir);
    await saveEverything(core);
    await core.stop();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dataDir, 'cache'))).mode & 0o777).toBe(0o700);
    const files = [
      ...(await readdir(dataDir)).filter((n) => n !== 'cache'),
      ...(await readdir(join(dataDir, 'cache'))).map((n) => `cache/${n}`),
    ];
    expect(files).toEqual(expect.arrayContaining(['accounts.json', 'settings.json', 'queue.jsonl', 'local-sandbox.json']));
    for (const file of files) expect([file, (await stat(join(dataDir, file))).mode & 0o777]).toEqual([file, 0o600]);
  });

  it('after several starts no token or session of the Local sandbox is in its file, and an old file with them is cleaned', async () => {
    const dataDir = join(root, 'secrets');
    const secrets: string[] = [];
    for (let start = 0; start < 3; start++) {
      const core = await launch(dataDir);
      secrets.push(core.sandbox.accessToken, core.sandbox.adminSession.sessionToken, core.sandbox.adminSession.sessionSecret);
      await core.stop();
    }
    const text = await readFile(join(dataDir, 'local-sandbox.json'), 'utf8');
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/accessToken|sessions/);

    const old = {
      ...JSON.parse(text),
      accessToken: 'OLD-TOKEN-123',
      sessions: [{ token: 'OLD-SESSION', secret: 'OLD-SECRET', userId: 100, role: 'admin', expiresAt: null }],
    };
    await writeFile(join(dataDir, 'local-sandbox.json'), JSON.stringify(old), { mode: 0o644 });
    const core = await launch(dataDir);
    expect((await info(core)).notices).toEqual([]);
    const cleaned = await readFile(join(dataDir, 'local-sandbox.json'), 'utf8');
    expect(cleaned).not.toMatch(/OLD-|accessToken|sessions/);
    expect((await stat(join(dataDir, 'local-sandbox.json'))).mode & 0o777).toBe(0o600);
  });
});
