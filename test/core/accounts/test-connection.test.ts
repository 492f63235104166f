// testConnection against a real sandbox, secrets in the real keychain.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore, testEndpoint } from '../../../electron/core/accounts/account-store';
import { KeytarSecretStore } from '../../../electron/core/secrets/keytar-secret-store';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { closedPortUrl } from '../api/scripted-server';
import { capturingLogger, tempDir, testService } from './helpers';

let sandbox: RunningSandbox;
let dataDir: string;
const keychain = new KeytarSecretStore({ service: testService() });
const logger = capturingLogger();
const created: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'empty', speed: 0 });
  dataDir = await tempDir();
});
afterAll(async () => {
  for (const id of created) await keychain.delete(id);
  await sandbox?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const goodSecrets = () => ({
  accessToken: sandbox.accessToken,
  sessionToken: sandbox.adminSession.sessionToken,
  sessionSecret: sandbox.adminSession.sessionSecret,
});

describe('testConnection', () => {
  it('answers ok with the total for good credentials', async () => {
    const store = await AccountStore.open({ dataDir, keychain, logger });
    const account = await store.add({
      name: 'Sandbox',
      endpoint: sandbox.endpoint,
      colour: '#336699',
      kind: 'local-sandbox',
      secrets: goodSecrets(),
    });
    created.push(account.id);
    expect(await store.testConnection(account.id)).toEqual({ ok: true, total: 0 });
  });

  it('answers the access-denied code for a wrong secret, and logs no secret', async () => {
    const store = await AccountStore.open({ dataDir, keychain, logger });
    const wrong = { ...goodSecrets(), sessionSecret: 'WRONG-SECRET-4d1f' };
    const account = await store.add({ name: 'Wrong', endpoint: sandbox.endpoint, colour: '#336699', secrets: wrong });
    created.push(account.id);
    const result = await store.testConnection(account.id);
    expect(result).toMatchObject({ ok: false, error: { code: 'volumes.error.access-denied', params: {} } });
    if (!result.ok) expect(result.error.detail).toMatch(/access-denied/);
    const log = logger.lines.join('\n');
    for (const value of [...Object.values(goodSecrets()), wrong.sessionSecret]) {
      expect(log).not.toContain(value);
      if (!result.ok) expect(JSON.stringify(result)).not.toContain(value);
    }
  });

  it('answers a network code when nothing listens', async () => {
    const result = await testEndpoint({ endpoint: await closedPortUrl(), credentials: goodSecrets(), timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'client.network', detail: expect.stringMatching(/refused/) } });
  });
});
