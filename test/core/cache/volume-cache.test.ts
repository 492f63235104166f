import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VolumeCache } from '../../../electron/core/cache/volume-cache';
import { DataNotices } from '../../../electron/core/storage/damaged-file';
import type { LogFields } from '../../../electron/core/ports';
import type { Volume } from '../../../electron/shared/volume';

const volume: Volume = {
  unique: 7,
  userid: 101,
  name: 'pg-primary-data',
  description: 'primary',
  status: 'ACTIVED',
  volumeId: 'c0ffee00-0000-4000-8000-000000000007',
  volumeStatus: 'IN_USE',
  size: 100,
  zone: 'nova',
  volumeType: 'SSD',
  sourceVolid: null,
  snapshotId: null,
  imageId: null,
  bootable: false,
  attachments: [{ serverId: 'srv-1', device: '/dev/vdb', attachedAt: 1_700_000_000_000 }],
  migrateStatus: null,
  created: 1_700_000_000_000,
  updated: 1_700_000_100_000,
};

describe('VolumeCache', () => {
  let folder: string;
  let warnings: string[];
  let cache: VolumeCache;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'cdd-cache-'));
    warnings = [];
    const note = (message: string, _fields?: LogFields) => warnings.push(message);
    cache = new VolumeCache(folder, { debug: () => {}, info: () => {}, warn: note, error: note });
  });

  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('gives back what it saved, per account, with its time', async () => {
    await cache.save('acct/1', [volume], 1234);
    await cache.save('acct-2', [], 99);
    expect(await cache.load('acct/1')).toEqual({ savedAt: 1234, volumes: [volume] });
    expect(await cache.load('acct-2')).toEqual({ savedAt: 99, volumes: [] });
    expect(await cache.load('never-saved')).toBeNull();
    // No temporary file is left behind, and an account id cannot escape the folder.
    expect((await readdir(folder)).sort()).toEqual(['acct%2F1.json', 'acct-2.json']);
  });

  it('ignores a torn or foreign file instead of failing, and says so', async () => {
    await writeFile(join(folder, 'torn.json'), '{"format":1,"savedAt":5,"volu');
    await writeFile(join(folder, 'foreign.json'), '{"hello":"world"}');
    expect(await cache.load('torn')).toBeNull();
    expect(await cache.load('foreign')).toBeNull();
    expect(warnings).toEqual(['volume cache ignored: unreadable', 'volume cache ignored: unknown format']);
  });

  it('logs a write that fails instead of throwing', async () => {
    await mkdir(join(folder, 'acct.json'));
    await expect(cache.save('acct', [volume], 1)).resolves.toBeUndefined();
    expect(warnings).toEqual(['volume cache not saved']);
  });
});

describe('VolumeCache.open', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-cache-open-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('sets a file standing where the folder belongs aside and creates the folder 0700', async () => {
    await writeFile(join(dataDir, 'cache'), 'not a folder');
    const notices = new DataNotices();
    const cache = await VolumeCache.open(join(dataDir, 'cache'), silent, notices);
    expect(notices.list()).toMatchObject([{ code: 'cache', file: 'cache' }]);
    expect(await readFile(notices.list()[0]!.keptAt!, 'utf8')).toBe('not a folder');
    expect((await stat(join(dataDir, 'cache'))).mode & 0o777).toBe(0o700);
    await cache.save('a', [volume], 1);
    expect(await cache.load('a')).toEqual({ savedAt: 1, volumes: [volume] });
  });

  it('sets each damaged cache file aside before anything is saved over it, and leaves good ones', async () => {
    const folder = join(dataDir, 'cache');
    await mkdir(folder);
    await writeFile(join(folder, 'good.json'), JSON.stringify({ format: 1, savedAt: 3, volumes: [volume] }));
    await writeFile(join(folder, 'torn.json'), '{"format":1,"savedAt":5,"volu');
    await writeFile(join(folder, 'shape.json'), JSON.stringify({ format: 1, savedAt: 3, volumes: [{ nope: true }] }));
    await mkdir(join(folder, 'folder.json'));
    const notices = new DataNotices();
    const cache = await VolumeCache.open(folder, silent, notices);
    expect(
      notices
        .list()
        .map((n) => n.file)
        .sort(),
    ).toEqual(['cache/folder.json', 'cache/shape.json', 'cache/torn.json']);
    expect(await cache.load('good')).toEqual({ savedAt: 3, volumes: [volume] });
    await cache.save('torn', [], 9);
    const tornAside = notices.list().find((n) => n.file === 'cache/torn.json')!.keptAt!;
    expect(await readFile(tornAside, 'utf8')).toBe('{"format":1,"savedAt":5,"volu');
  });
});

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
