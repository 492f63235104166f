/**
 * A keychain that never answers (a Secret Service waiting on an unlock prompt nobody sees): each
 * call ends after the timeout in a KeychainUnavailableError with the usual explanation, the
 * account store and the dispatcher carry on, and the next call works once the keychain answers.
 */
import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore, KeychainUnavailableError } from '../../../electron/core/accounts/account-store';
import { dispatch, type Handlers } from '../../../electron/core/dispatch';
import { KeytarSecretStore, type KeytarLike } from '../../../electron/core/secrets/keytar-secret-store';
import { SecretStoreError } from '../../../electron/core/secrets/secret-store';
import { makeSecrets, secretValues, tempDir } from './helpers';

const TIMEOUT_MS = 40;

/** An in-memory keytar that, while `hanging`, never answers a call. */
function switchableKeytar(): KeytarLike & { hanging: boolean } {
  const entries = new Map<string, string>();
  const never = new Promise<never>(() => {});
  const keytar = {
    hanging: false,
    getPassword: async (_service: string, account: string) => (keytar.hanging ? never : (entries.get(account) ?? null)),
    setPassword: async (_service: string, account: string, password: string) => {
      if (keytar.hanging) return never;
      entries.set(account, password);
    },
    deletePassword: async (_service: string, account: string) => (keytar.hanging ? never : entries.delete(account)),
  };
  return keytar;
}

function expectTimedOut(error: unknown, step: RegExp, fix: RegExp) {
  expect(error).toBeInstanceOf(KeychainUnavailableError);
  expect(error).toBeInstanceOf(SecretStoreError);
  const { reason, message } = error as KeychainUnavailableError;
  expect(reason).toMatch(new RegExp(`did not answer within ${TIMEOUT_MS / 1000} s while ${step.source}`));
  expect(message).toMatch(fix);
  expect(message).toMatch(/session only/);
}

describe('a KeytarSecretStore whose keychain never answers', () => {
  it('ends get, set and delete after the timeout, with the fix of the platform', async () => {
    const keytar = switchableKeytar();
    keytar.hanging = true;
    const store = new KeytarSecretStore({ service: 'test', load: async () => keytar, timeoutMs: TIMEOUT_MS, platform: 'linux' });
    const secrets = makeSecrets('hang');
    const fix = /gnome-keyring/;
    expectTimedOut(await store.get('a').catch((e: unknown) => e), /reading the entry of account a/, fix);
    const setError = await store.set('a', secrets).catch((e: unknown) => e);
    expectTimedOut(setError, /writing the entry of account a/, fix);
    for (const value of secretValues(secrets)) expect(`${(setError as Error).message}${(setError as Error).stack}`).not.toContain(value);
    expectTimedOut(await store.delete('a').catch((e: unknown) => e), /deleting the entry of account a/, fix);
  });

  it('works again as soon as the keychain answers', async () => {
    const keytar = switchableKeytar();
    const store = new KeytarSecretStore({ service: 'test', load: async () => keytar, timeoutMs: TIMEOUT_MS, platform: 'darwin' });
    const secrets = makeSecrets('back');
    await store.set('a', secrets);
    keytar.hanging = true;
    expectTimedOut(await store.get('a').catch((e: unknown) => e), /reading/, /Keychain Access/);
    keytar.hanging = false;
    expect(await store.get('a')).toEqual(secrets);
  });

  it('a keychain module whose load hangs times out too, and is used once it has loaded', async () => {
    const keytar = switchableKeytar();
    let finishLoad: (loaded: KeytarLike) => void = () => {};
    const loading = new Promise<KeytarLike>((resolve) => (finishLoad = resolve));
    const store = new KeytarSecretStore({ service: 'test', load: () => loading, timeoutMs: TIMEOUT_MS, platform: 'win32' });
    expectTimedOut(await store.get('a').catch((e: unknown) => e), /loading the keychain module/, /Credential Manager/);
    finishLoad(keytar);
    expect(await store.get('a')).toBeNull();
  });
});

describe('the account store over a keychain that stops answering', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await tempDir();
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('reports it as keychain.unavailable, keeps its queue moving, and recovers', async () => {
    const keytar = switchableKeytar();
    const keychain = new KeytarSecretStore({ service: 'test', load: async () => keytar, timeoutMs: TIMEOUT_MS, platform: 'linux' });
    const accounts = await AccountStore.open({ dataDir, keychain, probeKeychain: async () => ({ available: true }) });
    const secrets = makeSecrets();
    const { id } = await accounts.add({ name: 'Prod', endpoint: 'https://cloud.example.com', colour: '#409eff', secrets });

    keytar.hanging = true;
    await expect(accounts.credentials(id)).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect(await accounts.hasCredentials(id)).toBe(false);
    // The store's one-change-at-a-time queue is not stuck behind the hung call.
    await expect(accounts.update(id, { secrets: makeSecrets('new') })).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect((await accounts.update(id, { name: 'Prod 2' })).name).toBe('Prod 2');

    const handlers = { 'accounts:test': ({ accountId }: { accountId: string }) => accounts.credentials(accountId) } as unknown as Handlers;
    const reply = await dispatch(handlers, 'accounts:test', { accountId: id });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'keychain.no-secret-service', detail: expect.stringMatching(/did not answer within/) },
    });

    keytar.hanging = false;
    expect(await accounts.credentials(id)).toEqual(secrets);
  });
});
