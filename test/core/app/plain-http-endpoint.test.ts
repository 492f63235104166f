/**
 * The core itself refuses an account whose endpoint is plain http:// on another machine unless
 * the window says the user confirmed it: the warning cannot be skipped by another client.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/dispatch';
import type { AccountView } from '../../../electron/shared/contract';

describe('plain-http endpoints', () => {
  let dataDir: string;
  let core: AppCore;
  const secrets = { accessToken: 'a', sessionToken: 'b', sessionSecret: 'c' };
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-http-'));
    core = await startAppCore({ dataDir, sandbox: { speed: 0, seed: 'empty' } });
  });
  afterAll(async () => {
    await core.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses an unconfirmed one on add and on an endpoint change, and takes a confirmed one', async () => {
    const account = { name: 'Lab', endpoint: 'http://cloud.example.com', colour: '#409eff', secrets, sessionOnly: true };
    const refused = await dispatch(core.handlers, 'accounts:add', account);
    expect(refused).toMatchObject({ ok: false, error: { code: 'account.invalid' } });
    expect(!refused.ok && refused.error.detail).toMatch(/unencrypted/);

    const added = await dispatch(core.handlers, 'accounts:add', { ...account, plainHttpConfirmed: true });
    expect(added.ok).toBe(true);
    const { id } = (added as { result: AccountView }).result;
    // Renaming it does not ask again; moving it to another plain-http host does.
    expect(
      (await dispatch(core.handlers, 'accounts:update', { accountId: id, name: 'Lab 2', endpoint: 'http://cloud.example.com' })).ok,
    ).toBe(true);
    expect(await dispatch(core.handlers, 'accounts:update', { accountId: id, endpoint: 'http://other.example.com' })).toMatchObject({
      ok: false,
      error: { code: 'account.invalid' },
    });
    expect((await dispatch(core.handlers, 'accounts:update', { accountId: id, endpoint: 'https://other.example.com' })).ok).toBe(true);
  });
});
