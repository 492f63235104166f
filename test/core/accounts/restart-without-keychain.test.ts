/**
 * An account saved with its secrets in the real keychain (the Secret Service of
 * test/with-keyring.sh), then the core restarted where there is no Secret Service at all (a child
 * process whose session bus points at nothing): the account reads "needs credentials" at once,
 * its last known volumes are listed, and entering its credentials brings it online.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore } from '../../../electron/core/app-core';
import { KeytarSecretStore } from '../../../electron/core/secrets/keytar-secret-store';
import type { AccountView, KeychainState } from '../../../electron/shared/contract';
import type { ErrorReply } from '../../../electron/shared/error-catalogue';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { runWithoutSecretService, testService } from './helpers';

const CHILD = fileURLToPath(new URL('./restart-without-keychain-child.ts', import.meta.url));

interface ChildReport {
  first: AccountView;
  firstListMs: number;
  cached: { source: string; problem?: ErrorReply; names: string[] };
  keychain: KeychainState;
  entered: { state: string; secretsIn: string; hasCredentials: boolean };
  live: { source: string; names: string[] };
  after: { state: string };
}

describe("a restart without the keychain that holds an account's secrets", () => {
  let dataDir: string;
  let cloud: RunningSandbox;
  const service = testService();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-no-keychain-'));
    cloud = await startSandbox({ seed: 'demo', speed: 0 });
  });

  afterAll(async () => {
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows the account as needing credentials at once, with its cached volumes, and online once they are entered', async () => {
    const secrets = {
      accessToken: cloud.accessToken,
      sessionToken: cloud.adminSession.sessionToken,
      sessionSecret: cloud.adminSession.sessionSecret,
    };
    const keychain = new KeytarSecretStore({ service });
    const before = await startAppCore({ dataDir, keychain, refreshIntervalMs: 3_600_000, sandbox: { speed: 0, seed: 'empty' } });
    const added = await before.handlers['accounts:add']({ name: 'Second cloud', endpoint: cloud.endpoint, colour: '#2266aa', secrets });
    expect(added.secretsIn).toBe('keychain');
    const known = await before.handlers['volumes:list']({ accountId: added.id });
    expect(known.source).toBe('live');
    expect(known.volumes.length).toBeGreaterThan(0);
    await before.stop();

    try {
      const { code, stdout, stderr } = await runWithoutSecretService(CHILD, [dataDir, service, added.id, JSON.stringify(secrets)]);
      expect(code, stderr).toBe(0);
      for (const secret of Object.values(secrets)) expect(stdout).not.toContain(secret);
      const report = JSON.parse(stdout.trim().split('\n').at(-1) as string) as ChildReport;

      expect(report.keychain.available).toBe(false);
      // At once: the first list the window asks for says so, and not after a timeout.
      expect(report.first).toMatchObject({ state: 'needs-credentials', hasCredentials: false, stateError: { code: 'keychain.failed' } });
      expect(report.firstListMs).toBeLessThan(3_000);
      expect(report.cached).toMatchObject({ source: 'cache', problem: { code: 'keychain.failed' } });
      expect(report.cached.names).toEqual(known.volumes.map((v) => v.name));

      expect(report.entered).toMatchObject({ secretsIn: 'session', hasCredentials: true });
      expect(report.live).toMatchObject({ source: 'live', names: known.volumes.map((v) => v.name) });
      expect(report.after.state).toBe('online');
    } finally {
      await keychain.delete(added.id);
    }
  }, 60_000);
});
