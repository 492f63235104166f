import { describe, expect, it, vi } from 'vitest';
import { Refresher } from '../../../electron/core/refresh/refresher';
import { diffVolumes } from '../../../electron/core/refresh/volume-diff';
import type { VolumeChanges, VolumeListing } from '../../../electron/shared/contract';
import type { Volume } from '../../../electron/shared/volume';

function volume(unique: number, overrides: Partial<Volume> = {}): Volume {
  return {
    unique,
    userid: 101,
    name: `vol-${unique}`,
    description: '',
    status: 'ACTIVED',
    volumeId: `id-${unique}`,
    volumeStatus: 'AVAILABLE',
    size: 10,
    zone: 'nova',
    volumeType: 'SSD',
    sourceVolid: null,
    snapshotId: null,
    imageId: null,
    bootable: false,
    attachments: [],
    migrateStatus: null,
    created: 1,
    updated: 1,
    ...overrides,
  };
}

describe('diffVolumes', () => {
  it('finds added, changed and removed volumes by unique', () => {
    const before = [volume(1), volume(2), volume(3)];
    const after = [volume(1), volume(2, { volumeStatus: 'IN_USE' }), volume(4)];
    expect(diffVolumes('a', before, after)).toEqual({
      accountId: 'a',
      added: [volume(4)],
      changed: [volume(2, { volumeStatus: 'IN_USE' })],
      removed: [3],
    });
    expect(diffVolumes('a', before, before)).toEqual({ accountId: 'a', added: [], changed: [], removed: [] });
  });
});

describe('Refresher', () => {
  const live = (volumes: Volume[]): VolumeListing => ({ volumes, asOf: 0, source: 'live', stuck: [] });

  it('runs at most one refresh per account at a time, and sends only real differences', async () => {
    let calls = 0;
    let release: () => void = () => {};
    let fleet = [volume(1)];
    const sent: VolumeChanges[] = [];
    const refresher = new Refresher({
      accountIds: () => ['a'],
      list: async () => {
        calls++;
        await new Promise<void>((done) => (release = done));
        return live(fleet);
      },
      onChanges: (changes) => sent.push(changes),
      intervalMs: 60_000,
    });
    refresher.seen('a', [volume(1)]);
    const first = refresher.refresh('a');
    const joined = refresher.refresh('a');
    release();
    await Promise.all([first, joined]);
    expect(calls).toBe(1);
    expect(sent).toEqual([]); // nothing changed

    fleet = [volume(1, { name: 'renamed' }), volume(2)];
    const next = refresher.refreshAll();
    release();
    await next;
    expect(sent).toEqual([{ accountId: 'a', added: [volume(2)], changed: [volume(1, { name: 'renamed' })], removed: [] }]);
  });

  it('keeps what it knew when a listing fails or comes from the cache', async () => {
    const sent: VolumeChanges[] = [];
    let answer: () => Promise<VolumeListing> = async () => {
      throw new Error('offline');
    };
    const refresher = new Refresher({ accountIds: () => ['a'], list: () => answer(), onChanges: (c) => sent.push(c), intervalMs: 60_000 });
    refresher.seen('a', [volume(1)]);
    await refresher.refresh('a');
    answer = async () => ({ volumes: [], asOf: 0, source: 'cache', stuck: [] });
    await refresher.refresh('a');
    expect(sent).toEqual([]);
    answer = async () => live([volume(1), volume(5)]);
    await refresher.refresh('a');
    expect(sent.map((c) => c.added.map((v) => v.unique))).toEqual([[5]]);
  });

  it('refreshes every interval, and at the new pace once the interval changes (window hidden)', async () => {
    vi.useFakeTimers({ now: 0 });
    const at: number[] = [];
    const refresher = new Refresher({
      accountIds: () => ['a'],
      list: async () => (at.push(Date.now()), live([])),
      onChanges: () => {},
      intervalMs: 60_000,
    });
    refresher.start();
    await vi.advanceTimersByTimeAsync(120_000);
    refresher.setInterval(300_000);
    await vi.advanceTimersByTimeAsync(600_000);
    refresher.stop();
    vi.useRealTimers();
    expect(at).toEqual([60_000, 120_000, 420_000, 720_000]);
  });
});
