import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextPollDelay, PassingPoller, PASSING_POLL } from '../../../electron/core/refresh/passing-poller';
import type { Volume, VolumeState } from '../../../electron/shared/volume';

function volume(unique: number, volumeStatus: VolumeState): Volume {
  return {
    unique,
    userid: 101,
    name: `vol-${unique}`,
    description: '',
    status: 'ACTIVED',
    volumeId: `id-${unique}`,
    volumeStatus,
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
  };
}

describe('nextPollDelay', () => {
  it('starts at 2.5 s, grows by 2.5 s per unchanged poll, and stops at 30 s', () => {
    expect([0, 1, 2, 3, 10, 11, 50].map(nextPollDelay)).toEqual([2_500, 5_000, 7_500, 10_000, 27_500, 30_000, 30_000]);
  });
});

describe('PassingPoller', () => {
  let states: Map<number, VolumeState | 'gone'>;
  let polls: { unique: number; at: number }[];
  let events: string[];
  let poller: PassingPoller;

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    states = new Map();
    polls = [];
    events = [];
    poller = new PassingPoller({
      status: async (_account, unique) => {
        polls.push({ unique, at: Date.now() });
        const state = states.get(unique);
        if (state === undefined) throw new Error('network down');
        return state === 'gone' ? null : state;
      },
      get: async (_account, unique) => {
        const state = states.get(unique);
        return state === 'gone' || state === undefined ? null : volume(unique, state);
      },
      onVolume: (_account, v) => events.push(`${v.unique}:${v.volumeStatus}`),
      onGone: (_account, unique) => events.push(`${unique}:gone`),
      onStuck: (_account, unique) => events.push(`${unique}:stuck`),
      onUnstuck: (_account, unique) => events.push(`${unique}:unstuck`),
    });
  });

  afterEach(() => {
    poller.stop();
    vi.useRealTimers();
  });

  it('follows only passing volumes, with a growing interval, until they settle', async () => {
    states.set(1, 'ATTACHING');
    poller.track('a', [volume(1, 'ATTACHING'), volume(2, 'AVAILABLE'), volume(3, 'IN_USE')]);
    expect(poller.size).toBe(1);
    await vi.advanceTimersByTimeAsync(2_500 + 5_000 + 7_500);
    expect(polls.map((p) => p.at)).toEqual([2_500, 7_500, 15_000]);
    states.set(1, 'IN_USE');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events).toEqual(['1:IN_USE']);
    expect(poller.size).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(polls).toHaveLength(4); // no poll after it settled
  });

  it('resets to 2.5 s when a volume moves to another passing state', async () => {
    states.set(4, 'CREATING');
    poller.track('a', [volume(4, 'CREATING')]);
    await vi.advanceTimersByTimeAsync(7_500); // polls at 2.5 s and 7.5 s
    states.set(4, 'ATTACHING');
    await vi.advanceTimersByTimeAsync(7_500); // poll at 15 s sees the change
    await vi.advanceTimersByTimeAsync(2_500);
    expect(polls.map((p) => p.at)).toEqual([2_500, 7_500, 15_000, 17_500]);
    expect(events).toEqual(['4:ATTACHING']);
  });

  it('reports a deleted volume as gone, and a volume passing for 10 minutes as stuck, once', async () => {
    states.set(5, 'DELETING');
    states.set(6, 'DETACHING');
    poller.track('a', [volume(5, 'DELETING'), volume(6, 'DETACHING')]);
    await vi.advanceTimersByTimeAsync(2_500);
    states.set(5, 'gone');
    await vi.advanceTimersByTimeAsync(PASSING_POLL.stuckAfterMs + 60_000);
    expect(events.filter((e) => e.startsWith('5:'))).toEqual(['5:gone']);
    expect(events.filter((e) => e === '6:stuck')).toHaveLength(1);
    expect(poller.size).toBe(1); // still followed, at the 30 s cap
    expect(poller.stuckOf('a')).toEqual([6]);
    expect(poller.stuckOf('b')).toEqual([]);

    states.set(6, 'AVAILABLE');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(events.slice(-2)).toEqual(['6:AVAILABLE', '6:unstuck']);
    expect(poller.stuckOf('a')).toEqual([]);
  });

  it('stops following what a fresh listing no longer shows as passing', () => {
    poller.track('a', [volume(7, 'CREATING')]);
    poller.track('b', [volume(7, 'CREATING')]);
    poller.track('a', [volume(7, 'AVAILABLE')]);
    expect(poller.size).toBe(1);
  });
});

describe('PassingPoller waits while their account is offline', () => {
  const MINUTE = 60_000;
  let ready: boolean;
  let polls: number[];
  let timedOut: { at: number; state: unknown }[];
  let poller: PassingPoller;

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    ready = true;
    polls = [];
    timedOut = [];
    poller = new PassingPoller({
      status: async () => 'DELETING',
      get: async (_account, unique) => {
        polls.push(Date.now());
        return volume(unique, 'DELETING');
      },
      onVolume: () => {},
      onGone: () => {},
      onStuck: () => {},
      isReady: () => ready,
    });
    poller.watch('a', 1, { since: 0, seen: () => false, timedOut: (state) => timedOut.push({ at: Date.now(), state }) });
  });

  afterEach(() => {
    poller.stop();
    vi.useRealTimers();
  });

  it('gives up after the timeout of following that could read the volume, however long the account is away', async () => {
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    ready = false; // the cloud goes away for 20 minutes: nothing can be learnt of the volume
    await vi.advanceTimersByTimeAsync(20 * MINUTE);
    expect(timedOut).toEqual([]);
    ready = true;
    poller.wake('a');
    await vi.advanceTimersByTimeAsync(7 * MINUTE);
    expect(timedOut).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    // 10 minutes of following while online (the last look before the outage counted as online), and the state last read.
    expect(timedOut).toHaveLength(1);
    expect(timedOut[0]!.at).toBeGreaterThan(29 * MINUTE);
    expect(timedOut[0]!.at).toBeLessThanOrEqual(31 * MINUTE);
    expect(timedOut[0]!.state).toBe('DELETING');
  });

  it('checks the timeout at the rounds made while offline too: a wait already out of time there gives up', async () => {
    await vi.advanceTimersByTimeAsync(9.9 * MINUTE);
    expect(timedOut).toEqual([]);
    ready = false;
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(timedOut).toHaveLength(1);
    expect(timedOut[0]!.at).toBeGreaterThan(9.9 * MINUTE);
    expect(timedOut[0]!.at).toBeLessThanOrEqual(9.9 * MINUTE + 30_000);
  });

  it('reads the account at once when it is woken back online, not at the grown delay', async () => {
    ready = false;
    await vi.advanceTimersByTimeAsync(5 * MINUTE); // the delay has grown to its 30 s cap
    const before = polls.length;
    ready = true;
    poller.wake('a');
    await vi.advanceTimersByTimeAsync(10);
    expect(polls.length).toBe(before + 1);
    expect(polls.at(-1)).toBe(5 * MINUTE);
  });
});
