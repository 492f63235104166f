import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVolumeClient } from '../../../electron/core/api';
import { startAppCore, type AppCore } from '../../../electron/core/app-core';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import type { AccountView } from '../../../electron/shared/contract';

// The real core with its real Local sandbox; the keychain is an in-memory store here because
// the Local sandbox account never uses it (keytar itself is tested in test/core/accounts).
describe('the Local sandbox account', () => {
  let dataDir: string;
  const running: AppCore[] = [];

  async function launch(): Promise<AppCore> {
    const core = await startAppCore({ dataDir, keychain: new MemorySecretStore() });
    running.push(core);
    return core;
  }

  const list = (core: AppCore) => core.handlers['accounts:list']({} as never) as Promise<AccountView[]>;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-core-'));
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((core) => core.stop()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is created on first launch and shows the demo fleet', async () => {
    const core = await launch();
    const [account, ...others] = await list(core);
    expect(others).toEqual([]);
    expect(account).toMatchObject({
      name: 'Local sandbox',
      kind: 'local-sandbox',
      secretsIn: 'session',
      hasCredentials: true,
      endpoint: core.sandbox.endpoint,
    });
    expect(account!.tenants.map((t) => t.label)).toEqual(expect.arrayContaining(['Finance', 'R&D', 'Ops']));
    const listing = await core.handlers['volumes:list']({ accountId: account!.id } as never);
    expect(listing.source).toBe('live');
    expect(listing.volumes.length).toBeGreaterThanOrEqual(50);
  });

  it('follows the sandbox to its new port on the next launch, with the same fleet, and writes no secret', async () => {
    const first = await launch();
    const [before] = await list(first);
    const created = await createVolumeClient({
      endpoint: first.sandbox.endpoint,
      credentials: {
        accessToken: first.sandbox.accessToken,
        sessionToken: first.sandbox.adminSession.sessionToken,
        sessionSecret: first.sandbox.adminSession.sessionSecret,
      },
    }).create({ name: 'kept-between-launches', size: 1 });
    await first.stop();
    const secrets = [first.sandbox.accessToken, first.sandbox.adminSession.sessionToken, first.sandbox.adminSession.sessionSecret];

    const second = await launch();
    const accounts = await list(second);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ id: before!.id, endpoint: second.sandbox.endpoint, hasCredentials: true });
    const listing = await second.handlers['volumes:list']({ accountId: before!.id, keywords: 'kept-between' } as never);
    expect(listing.volumes.map((v) => v.unique)).toEqual([created.unique]);

    const settings = await readFile(join(dataDir, 'accounts.json'), 'utf8');
    for (const secret of [...secrets, second.sandbox.adminSession.sessionSecret]) expect(settings).not.toContain(secret);
  });

  it('stays removed once the user removed it and has another account', async () => {
    const first = await launch();
    const [local] = await list(first);
    await first.handlers['accounts:add']({
      name: 'Production',
      endpoint: 'https://api.example.test',
      colour: '#336699',
      secrets: { accessToken: 'x', sessionToken: 'y', sessionSecret: 'z' },
      sessionOnly: true,
    } as never);
    await first.handlers['accounts:remove']({ accountId: local!.id } as never);
    await first.stop();

    const second = await launch();
    expect((await list(second)).map((a) => a.name)).toEqual(['Production']);
  });
});
