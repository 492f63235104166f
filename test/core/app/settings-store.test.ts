import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_FILE, SettingsStore } from '../../../electron/core/settings-store';
import { DEFAULT_SETTINGS } from '../../../electron/shared/contract';

describe('settings store', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'cdd-settings-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts from the defaults, keeps a change across restarts, and tells listeners', async () => {
    const store = await SettingsStore.open(dir);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const heard: number[] = [];
    store.onChange((settings) => heard.push(settings.maxPerAccount));
    await store.set({ maxPerAccount: 2, language: 'zh-CN' });
    expect(heard).toEqual([2]);
    expect((await SettingsStore.open(dir)).get()).toMatchObject({ maxPerAccount: 2, language: 'zh-CN', notifications: true });
  });

  it('refuses values out of bounds and leaves the file as it was', async () => {
    const store = await SettingsStore.open(dir);
    await expect(store.set({ maxTotal: 0 })).rejects.toThrow();
    await expect(readFile(join(dir, SETTINGS_FILE))).rejects.toThrow();
    expect(store.get().maxTotal).toBe(8);
  });

  it('falls back to the defaults on a broken file', async () => {
    await writeFile(join(dir, SETTINGS_FILE), '{"maxTotal": "lots"');
    expect((await SettingsStore.open(dir)).get()).toEqual(DEFAULT_SETTINGS);
  });
});
