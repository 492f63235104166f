import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/dispatch';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import type { AccountView } from '../../../electron/shared/contract';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';

// An expired session renewed with only a new session token and secret: the core keeps the access
// token it has, which the window never sees (a real sandbox over HTTP checks all three).
describe('accounts:renew-session', () => {
  let dataDir: string;
  let core: AppCore;
  let cloud: RunningSandbox;
  let accountId: string;
  const keychain = new MemorySecretStore();
  const stateOf = async () => (await core.handlers['accounts:list']({})).find((a) => a.id === accountId) as AccountView;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-renew-'));
    core = await startAppCore({ dataDir, keychain, refreshIntervalMs: 3_600_000, sandbox: { speed: 0, seed: 'empty' } });
    cloud = await startSandbox({ seed: 'demo', speed: 0 });
    const secrets = {
      accessToken: cloud.accessToken,
      sessionToken: cloud.adminSession.sessionToken,
      sessionSecret: cloud.adminSession.sessionSecret,
    };
    accountId = (await core.handlers['accounts:add']({ name: 'Second cloud', endpoint: cloud.endpoint, colour: '#2266aa', secrets })).id;
  });

  afterAll(async () => {
    await cloud.stop();
    await core.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('brings an expired account online with the stored access token and the new session', async () => {
    expect((await core.handlers['volumes:list']({ accountId })).source).toBe('live');
    cloud.expireSessions();
    await core.handlers['volumes:list']({ accountId });
    expect((await stateOf()).state).toBe('expired');

    const session = cloud.createSession(100, 'admin');
    const renewed = await dispatch(core.handlers, 'accounts:renew-session', {
      accountId,
      sessionToken: session.sessionToken,
      sessionSecret: session.sessionSecret,
    });
    expect(renewed.ok).toBe(true);
    expect(JSON.stringify(renewed)).not.toContain(cloud.accessToken);
    expect(await keychain.get(accountId)).toEqual({
      accessToken: cloud.accessToken,
      sessionToken: session.sessionToken,
      sessionSecret: session.sessionSecret,
    });
    expect((await core.handlers['volumes:list']({ accountId })).source).toBe('live');
    expect((await stateOf()).state).toBe('online');
  });

  it('refuses an access token in its payload, and a renewal of an account with no access token stored', async () => {
    const withToken = await dispatch(core.handlers, 'accounts:renew-session', {
      accountId,
      accessToken: 'x',
      sessionToken: 'y',
      sessionSecret: 'z',
    });
    expect(withToken).toMatchObject({ ok: false, error: { code: 'ipc.invalid-payload' } });

    await keychain.delete(accountId);
    const nothingKept = await dispatch(core.handlers, 'accounts:renew-session', { accountId, sessionToken: 'y', sessionSecret: 'z' });
    expect(nothingKept).toMatchObject({ ok: false, error: { code: 'account.missing-credentials', params: { name: 'Second cloud' } } });
    expect((await stateOf()).state).toBe('needs-credentials');
  });
});
