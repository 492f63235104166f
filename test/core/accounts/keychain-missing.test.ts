// The keychain paths where there is no Secret Service at all: a child process with a session bus
// address that points at nothing.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeSecrets, runWithoutSecretService, secretValues, tempDir, testService } from './helpers';

const CHILD = fileURLToPath(new URL('./missing-keychain-child.ts', import.meta.url));

describe('without a Secret Service', () => {
  it('the probe reports unavailable with a reason and a fix, stores fail cleanly, session-only still works', async () => {
    const secrets = makeSecrets('nobus');
    const dataDir = await tempDir();
    const { code, stdout, stderr } = await runWithoutSecretService(CHILD, [testService(), dataDir, JSON.stringify(secrets)]);
    expect(code, stderr).toBe(0);
    for (const value of secretValues(secrets)) {
      expect(stdout).not.toContain(value);
      expect(stderr).not.toContain(value);
    }
    const result = JSON.parse(stdout.trim().split('\n').at(-1) as string) as {
      probe: { available: boolean; reason?: string; fix?: string };
      setError: string | null;
      getError: string | null;
      addError: { keychainUnavailable: boolean; message: string } | null;
      sessionAccount: { id: string; secretsIn: string };
      sessionHas: boolean;
    };

    expect(result.probe.available).toBe(false);
    if (process.platform === 'linux') {
      expect(result.probe.reason).toMatch(/^No Secret Service on the session bus \(.+\)$/);
      expect(result.probe.fix).toBe("Install and start gnome-keyring (or KeePassXC's Secret Service), or unlock your login keyring.");
    }
    expect(result.setError).toMatch(/^SecretStoreError: Could not write the keychain entry of account acct: /);
    expect(result.getError).toMatch(/^SecretStoreError: Could not read the keychain entry of account acct: /);

    expect(result.addError?.keychainUnavailable).toBe(true);
    expect(result.addError?.message).toMatch(/keychain is not available: No Secret Service.*gnome-keyring.*session only/);
    expect(result.sessionAccount.secretsIn).toBe('session');
    expect(result.sessionHas).toBe(true);

    // Only the session-only account was saved, and with no secret in the file.
    const saved = await readFile(join(dataDir, 'accounts.json'), 'utf8');
    expect((JSON.parse(saved) as { accounts: unknown[] }).accounts).toHaveLength(1);
    for (const value of secretValues(secrets)) expect(saved).not.toContain(value);
    await rm(dataDir, { recursive: true, force: true });
  });
});
