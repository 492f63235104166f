/**
 * A queued delete is followed by one reader, and a burst of settled items is re-listed once per
 * burst: requests counted on a real sandbox behind the whole core.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createVolumeClient } from '../../../electron/core/api';
import { startAppCore, type AppCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/dispatch';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import type { AccountView, InvokeChannel } from '../../../electron/shared/contract';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';

let dataDir: string;
let cloud: RunningSandbox;
let core: AppCore;
const lines: string[] = [];
const count = (path: string) => lines.filter((line) => new RegExp(`/volume/(\\d+/)?${path} `).test(line)).length;

async function call<T>(channel: InvokeChannel, payload: object): Promise<T> {
  const reply = await dispatch(core.handlers, channel, payload);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code}`);
  return reply.result as T;
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cdd-follow-'));
  lines.length = 0;
  cloud = await startSandbox({ seed: 'empty', speed: 4, log: (line) => lines.push(line) });
  core = await startAppCore({
    dataDir,
    keychain: new MemorySecretStore(),
    sandbox: { speed: 0, seed: 'empty' },
    refreshIntervalMs: 3_600_000,
    queueWait: { firstMs: 100, stepMs: 100, capMs: 400, timeoutMs: 60_000 },
  });
});

afterEach(async () => {
  await core.stop();
  await cloud.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function deleteAll(n: number): Promise<void> {
  const secrets = {
    accessToken: cloud.accessToken,
    sessionToken: cloud.adminSession.sessionToken,
    sessionSecret: cloud.adminSession.sessionSecret,
  };
  const account = await call<AccountView>('accounts:add', { name: 'Cloud', endpoint: cloud.endpoint, colour: '#2266aa', secrets });
  const admin = createVolumeClient({ endpoint: cloud.endpoint, credentials: secrets });
  const made = await Promise.all(Array.from({ length: n }, (_, i) => admin.create({ userid: 101, name: `v-${i}`, size: 1 })));
  await expect
    .poll(async () => (await admin.listAll()).volumes.every((v) => v.volumeStatus === 'AVAILABLE'), { timeout: 5_000 })
    .toBe(true);
  await call('volumes:list', { accountId: account.id });
  lines.length = 0;
  await call('queue:submit', {
    title: 'Delete',
    items: made.map((v) => ({ op: 'delete', accountId: account.id, params: { unique: v.unique } })),
  });
  await expect.poll(() => core.queueActivity().running + core.queueActivity().pending, { timeout: 10_000 }).toBe(0);
  await new Promise((done) => setTimeout(done, 2_500)); // the listing after the burst
}

it('follows a queued delete with one reader: no status poll beside the queue wait, a listing when it is accepted and one when it is over', async () => {
  await deleteAll(1);
  // The delete lasts 0.5 s, read every 100 ms or more: a few gets from the one follower.
  expect(count('delete')).toBe(1);
  expect(count('status')).toBe(0);
  expect(count('get')).toBeGreaterThan(0);
  expect(count('get')).toBeLessThanOrEqual(6);
  expect(count('list')).toBeLessThanOrEqual(2);
});

it('re-lists an account once per burst of settled items, not once per item', async () => {
  await deleteAll(60);
  expect(count('batchdelete')).toBe(2);
  expect(count('status') + count('get')).toBe(0); // many due together: read by listing
  // A few listings follow the waits (0.5 s), then one refresh of the burst and one after it at most.
  expect(count('list')).toBeLessThanOrEqual(12);
  expect(count('list')).toBeGreaterThan(0);
});

it('reads a waiting item at once when its account comes back online, not at the delay its reads grew to while away', async () => {
  // A separate core whose reads grow slowly: 10 s more after each read that learnt nothing.
  await core.stop();
  core = await startAppCore({
    dataDir,
    keychain: new MemorySecretStore(),
    sandbox: { speed: 0, seed: 'empty' },
    refreshIntervalMs: 3_600_000,
    offlineRetryMs: 200,
    queueWait: { firstMs: 100, stepMs: 10_000, capMs: 30_000, timeoutMs: 600_000 },
  });
  const secrets = {
    accessToken: cloud.accessToken,
    sessionToken: cloud.adminSession.sessionToken,
    sessionSecret: cloud.adminSession.sessionSecret,
  };
  const account = await call<AccountView>('accounts:add', { name: 'Cloud', endpoint: cloud.endpoint, colour: '#2266aa', secrets });
  const admin = createVolumeClient({ endpoint: cloud.endpoint, credentials: secrets });
  const volume = await admin.create({ userid: 101, name: 'v', size: 1 });
  await expect.poll(async () => (await admin.get(volume.unique)).volumeStatus, { timeout: 5_000 }).toBe('AVAILABLE');
  await call('volumes:list', { accountId: account.id });
  const states: string[] = [];
  core.onEvent((event, payload) => {
    if (event === 'accounts:changed') states.push((payload as AccountView[]).find((a) => a.id === account.id)?.state ?? '');
  });

  // Reads of the cloud are cut off: the delete is accepted, its first read fails and the account reads offline.
  cloud.setFaults({ dropRate: { get: 1, status: 1, list: 1 } });
  await call('queue:submit', { title: 'Delete', items: [{ op: 'delete', accountId: account.id, params: { unique: volume.unique } }] });
  await expect.poll(() => states.includes('offline'), { timeout: 5_000 }).toBe(true);
  await new Promise((done) => setTimeout(done, 500));
  expect(core.queueActivity().running).toBe(1); // still waiting for its volume

  cloud.setFaults({});
  await expect.poll(() => states.at(-1), { timeout: 5_000 }).toBe('online');
  const backAt = Date.now();
  // Woken, the follower reads the volume now: the item is over within a second, not 10 s later.
  await expect.poll(() => core.queueActivity().running, { timeout: 3_000, interval: 50 }).toBe(0);
  expect(Date.now() - backAt).toBeLessThan(2_000);
  expect((await call<{ items: { state: string }[] }[]>('queue:list', {}))[0]?.items[0]?.state).toBe('done');
});
