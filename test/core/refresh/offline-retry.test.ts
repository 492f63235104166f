import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OfflineRetry } from '../../../electron/core/refresh/offline-retry';

describe('offline retry', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('probes an offline account after 2, 4, 8 … s up to a minute, and stops when it is back', async () => {
    let offline = true;
    const probes: number[] = [];
    const retry = new OfflineRetry({ probe: async () => void probes.push(Date.now()), isOffline: () => offline });
    retry.offline('a');
    retry.offline('a'); // already probing: no second schedule
    await vi.advanceTimersByTimeAsync(2_000 + 4_000 + 8_000 + 16_000 + 32_000 + 60_000 + 60_000);
    expect(probes).toEqual([2_000, 6_000, 14_000, 30_000, 62_000, 122_000, 182_000]);
    offline = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes).toHaveLength(8); // the probe that found it back was the last
    await vi.advanceTimersByTimeAsync(600_000);
    expect(probes).toHaveLength(8);
    retry.stop();
  });
});
