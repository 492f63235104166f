import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { Logger } from '../../../electron/core/ports';
import type { AccountSecrets } from '../../../electron/core/secrets/secret-store';

/** A keychain service of its own per test run, so no test touches the app's real entries. */
export const testService = (): string => `io.github.cloud-disk-desk.test-${randomUUID()}`;

/** Distinctive values, easy to grep for. */
export function makeSecrets(tag = randomUUID().slice(0, 8)): AccountSecrets {
  return {
    accessToken: `ACCESS-${tag}-ZETA`,
    sessionToken: `SESSTOK-${tag}-OMEGA`,
    sessionSecret: `SESSSEC-${tag}-KAPPA`,
  };
}

export const secretValues = (s: AccountSecrets): string[] => [s.accessToken, s.sessionToken, s.sessionSecret];

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'cdd-accounts-'));
}

/** A logger that keeps every line, fields serialized both ways. */
export function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${JSON.stringify(fields)} ${inspect(fields, { depth: 10 })}`);
  };
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

/**
 * Runs a test's child script where there is no Secret Service at all: its session bus address
 * points at nothing.
 */
export function runWithoutSecretService(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
