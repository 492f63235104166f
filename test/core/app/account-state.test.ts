import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../../electron/core/app-core';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import type { AccountView, VolumeListing } from '../../../electron/shared/contract';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';

// A second cloud (a real sandbox over HTTP) added as an account, then expired, renewed, stopped.
describe('account states', () => {
  let dataDir: string;
  let core: AppCore;
  let cloud: RunningSandbox;
  let accountId: string;

  const accounts = () => core.handlers['accounts:list']({} as never) as Promise<AccountView[]>;
  const stateOf = async () => (await accounts()).find((a) => a.id === accountId)!;
  const listVolumes = () => core.handlers['volumes:list']({ accountId } as never) as Promise<VolumeListing>;
  const adminSecrets = (session = cloud.adminSession) => ({
    accessToken: cloud.accessToken,
    sessionToken: session.sessionToken,
    sessionSecret: session.sessionSecret,
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-state-'));
    core = await startAppCore({ dataDir, keychain: new MemorySecretStore() });
    cloud = await startSandbox({ seed: 'demo', speed: 0 });
    const added = (await core.handlers['accounts:add']({
      name: 'Second cloud',
      endpoint: cloud.endpoint,
      colour: '#2266aa',
      secrets: adminSecrets(),
    } as never)) as AccountView;
    accountId = added.id;
  });

  afterAll(async () => {
    await cloud.stop();
    await core.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is unknown until a first call, online after one', async () => {
    expect((await stateOf()).state).toBe('unknown');
    expect((await listVolumes()).source).toBe('live');
    expect(await stateOf()).toMatchObject({ state: 'online', hasCredentials: true });
  });

  it('is expired when the cloud refuses the session, and online again with new credentials', async () => {
    const known = await listVolumes();
    cloud.expireSessions();
    // The refused session keeps what was known on screen, marked with why.
    expect(await listVolumes()).toMatchObject({ source: 'cache', problem: { code: 'volumes.error.access-denied' } });
    expect((await listVolumes()).volumes).toEqual(known.volumes);
    const expired = await stateOf();
    expect(expired.state).toBe('expired');
    expect(expired.stateError).toMatchObject({ code: 'volumes.error.access-denied', detail: expect.stringMatching(/access-denied/) });

    const renewed = await core.handlers['accounts:set-credentials']({
      accountId,
      secrets: adminSecrets(cloud.createSession(100, 'admin')),
    } as never);
    expect(renewed).toMatchObject({ state: 'unknown', hasCredentials: true });
    expect((await listVolumes()).source).toBe('live');
    expect((await stateOf()).state).toBe('online');
  });

  it('is offline when the cloud cannot be reached, and still shows what was known', async () => {
    const known = await listVolumes();
    await cloud.stop();
    const offline = await listVolumes();
    expect(offline).toMatchObject({ source: 'cache', asOf: known.asOf, problem: { code: 'client.network' } });
    expect(offline.volumes).toEqual(known.volumes);
    expect(await stateOf()).toMatchObject({
      state: 'offline',
      stateError: { code: 'client.network', detail: expect.stringMatching(/refused/) },
    });
  });
});
