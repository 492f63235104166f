import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVolumeClient } from '../../../electron/core/api/volume-client';
import { startAppCore, type AppCore } from '../../../electron/core/app-core';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import type { AccountState, AccountView } from '../../../electron/shared/contract';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';

// A second cloud (a real sandbox over HTTP) whose volume stays "creating", so that only the
// passing-state poller calls it: background refresh is an hour away and no queue work runs.
describe('account state follows the first failed call', () => {
  let dataDir: string;
  let core: AppCore;
  let cloud: RunningSandbox;
  let accountId: string;

  const secrets = () => ({
    accessToken: cloud.accessToken,
    sessionToken: cloud.adminSession.sessionToken,
    sessionSecret: cloud.adminSession.sessionSecret,
  });
  const stateOf = async () => ((await core.handlers['accounts:list']({})) as AccountView[]).find((a) => a.id === accountId)!.state;
  /** Resolves when the window is told the account is in `state`. */
  const told = (state: AccountState) =>
    new Promise<void>((resolve) => {
      const stop = core.onEvent((event, payload) => {
        if (event === 'accounts:changed' && (payload as AccountView[]).some((a) => a.id === accountId && a.state === state)) {
          stop();
          resolve();
        }
      });
    });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-state-now-'));
    core = await startAppCore({
      dataDir,
      keychain: new MemorySecretStore(),
      refreshIntervalMs: 3_600_000,
      sandbox: { speed: 0, seed: 'empty' },
    });
    cloud = await startSandbox({ seed: 'empty', speed: 0.0001 });
    await createVolumeClient({ endpoint: cloud.endpoint, credentials: secrets() }).create({ name: 'slow', size: 10 });
    accountId = (
      await core.handlers['accounts:add']({ name: 'Second cloud', endpoint: cloud.endpoint, colour: '#2266aa', secrets: secrets() })
    ).id;
    const listing = await core.handlers['volumes:list']({ accountId });
    expect(listing.volumes.map((v) => v.volumeStatus)).toEqual(['CREATING']);
    expect(await stateOf()).toBe('online');
  });

  afterEach(async () => {
    await cloud.stop();
    await core.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reads offline once a status poll cannot reach the cloud', async () => {
    const offline = told('offline');
    await cloud.stop();
    await offline;
    expect(await stateOf()).toBe('offline');
  });

  it('reads expired once a status poll is refused the session', async () => {
    const expired = told('expired');
    cloud.expireSessions();
    await expired;
    expect(await stateOf()).toBe('expired');
  });

  it('keeps its state when its name, colour or tenant labels are edited', async () => {
    const edited = await core.handlers['accounts:update']({
      accountId,
      name: 'Renamed',
      colour: '#aa2266',
      endpoint: cloud.endpoint,
      tenants: [{ userId: 100, label: 'Ops' }],
    });
    expect(edited).toMatchObject({ name: 'Renamed', state: 'online' });
    expect(await stateOf()).toBe('online');
  });
});
