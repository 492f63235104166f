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
