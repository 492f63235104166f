/**
 * The Electron IPC path with hostile payloads: the built main bundle under the stand-in, every
 * registered channel invoked from the app's own frame with arbitrary values (structured-clone
 * values too: dates, maps, typed arrays, deep nesting, as ipcRenderer can send them). Each answer
 * is a well-formed reply, and the app still answers app:info after each.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../electron/shared/contract';
import { loadMain, tempPaths, type LoadedMain } from './load-main';

type Reply = { ok: boolean; result?: unknown; error?: { code: string; params: Record<string, unknown>; detail?: string } };

function expectWellFormed(reply: unknown): void {
  const { ok, error } = reply as Reply;
  expect(typeof ok).toBe('boolean');
  if (!ok) {
    expect(error?.code).toMatch(/^[a-z][\w.-]*$/);
    expect(typeof error?.params).toBe('object');
    if (error?.detail !== undefined) expect(error.detail.length).toBeLessThanOrEqual(500);
  }
}

let root: string;
let main: LoadedMain;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cdd-ipc-any-'));
  main = loadMain({ paths: tempPaths(root), isPackaged: true, version: '1.0.0' });
  await main.start();
});

afterAll(async () => {
  await main?.quit();
  await rm(root, { recursive: true, force: true });
});

// Channels whose valid payloads change what the app holds are sent values that cannot be valid for them.
const SAFE_CHANNELS = INVOKE_CHANNELS.filter(
  (channel) => !['accounts:remove', 'queue:clear-finished', 'settings:set', 'accounts:add-local-sandbox'].includes(channel),
);

describe('Electron IPC with any value', () => {
  it('answers every channel with a well-formed reply, whatever the payload', async () => {
    const payload = fc.oneof(
      fc.anything({
        withDate: true,
        withMap: true,
        withSet: true,
        withTypedArray: true,
        withBigInt: true,
        withNullPrototype: true,
        maxDepth: 4,
      }),
      fc.jsonValue({ maxDepth: 6 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SAFE_CHANNELS), payload, async (channel, value) => {
        expectWellFormed(await main.electron.invoke(channel, value));
        expect(await main.electron.invoke('app:info', {})).toMatchObject({ ok: true });
      }),
      { numRuns: 150 },
    );
  });

  it('answers a payload nested 100,000 deep and a 5 MB string without stopping', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expectWellFormed(await main.electron.invoke('volumes:list', deep));
    expectWellFormed(await main.electron.invoke('volumes:list', { accountId: 'x'.repeat(5_000_000) }));
    expect(await main.electron.invoke('app:info', {})).toMatchObject({ ok: true });
  });
});
