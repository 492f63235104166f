import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VolumeCache } from '../../../electron/core/cache/volume-cache';
import type { LogFields } from '../../../electron/core/ports';
import type { Volume } from '../../../electron/shared/volume';

const volume: Volume = {
  unique: 7, userid: 101, name: 'pg-primary-data', description: 'primary', status: 'ACTIVED', volumeId: 'c0ffee00-0000-4000-8000-000000000007',
  volumeStatus: 'IN_USE', size: 100, zone: 'nova', volumeType: 'SSD', sourceVolid: null, snapshotId: null, imageId: null, bootable: false,
  attachments: [{ serverId: 'srv-1', device: '/dev/vdb', attachedAt: 1_700_000_000_000 }], migrateStatus: null, created: 1_700_000_000_000, updated: 1_700_000_100_000,
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
});
