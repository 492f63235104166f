// Against the real Secret Service: run with `bash test/with-keyring.sh npx vitest run test/core/accounts`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KEYCHAIN_SERVICE,
  KeychainModuleError,
  KeytarSecretStore,
  probeKeychain,
  type KeytarLike,
} from '../../../electron/core/secrets/keytar-secret-store';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-secret-store';
import { SecretStoreError } from '../../../electron/core/secrets/secret-store';
import { makeSecrets, secretValues, testService } from './helpers';

const service = testService();
let keytar: KeytarLike;

beforeAll(async () => {
  const probe = await probeKeychain({ service });
  if (!probe.available)
    throw new Error(`These tests need a Secret Service (run them through test/with-keyring.sh): ${probe.reason}. ${probe.fix}`);
  const loaded = (await import('keytar')) as KeytarLike & { default?: KeytarLike };
  keytar = loaded.default ?? loaded;
});

afterAll(async () => {
  for (const account of ['a', 'b', 'corrupt', 'partial']) await keytar?.deletePassword(service, account);
});

describe('KeytarSecretStore against the real Secret Service', () => {
  it('uses the app id as the default service', () => {
    expect(KEYCHAIN_SERVICE).toBe('io.github.cloud-disk-desk');
    expect(new KeytarSecretStore().service).toBe(KEYCHAIN_SERVICE);
  });

  it('the probe finds the keychain and leaves no probe entry behind', async () => {
    expect(await probeKeychain({ service })).toEqual({ available: true });
    const keytarWithList = keytar as KeytarLike & { findCredentials(service: string): Promise<unknown[]> };
    expect(await keytarWithList.findCredentials(service)).toEqual([]);
  });

  it('writes one entry per account, as JSON of the three secrets, and reads it back', async () => {
    const store = new KeytarSecretStore({ service });
    const a = makeSecrets('a');
    const b = makeSecrets('b');
    await store.set('a', a);
    await store.set('b', b);
    expect(await store.get('a')).toEqual(a);
    expect(await store.get('b')).toEqual(b);
    expect(JSON.parse((await keytar.getPassword(service, 'a')) as string)).toEqual(a);

    const replaced = makeSecrets('a2');
    await store.set('a', replaced);
    expect(await store.get('a')).toEqual(replaced);

    await store.delete('a');
    expect(await store.get('a')).toBeNull();
    expect(await store.get('b')).toEqual(b);
    await store.delete('a'); // deleting twice is fine
  });

  it('answers null for an account it never saw', async () => {
    expect(await new KeytarSecretStore({ service }).get('never-seen')).toBeNull();
  });

  it('reports a corrupt entry without repeating its text', async () => {
    const s = makeSecrets('corrupt');
    await keytar.setPassword(service, 'corrupt', `{"accessToken":"${s.accessToken}"`);
    await keytar.setPassword(service, 'partial', JSON.stringify({ accessToken: s.accessToken, sessionToken: s.sessionToken }));
    const store = new KeytarSecretStore({ service });
    for (const account of ['corrupt', 'partial']) {
      const error = await store.get(account).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SecretStoreError);
      const text = String((error as Error).message) + String((error as Error).stack);
      for (const value of secretValues(s)) expect(text).not.toContain(value);
      expect((error as Error).message).toMatch(/not valid/);
    }
  });

  it('refuses empty secrets without writing', async () => {
    const store = new KeytarSecretStore({ service });
    await expect(store.set('b', { ...makeSecrets(), sessionSecret: '' })).rejects.toThrow('Session secret must not be empty');
  });
});

describe('KeytarSecretStore failures', () => {
  it('never lets a secret through from a failing keychain error', async () => {
    const s = makeSecrets('leak');
    const leaky: KeytarLike = {
      getPassword: async () => {
        throw new Error('boom');
      },
      setPassword: async (_service, _account, password) => {
        throw new Error(`could not store ${password}`);
      },
      deletePassword: async () => false,
    };
    const store = new KeytarSecretStore({ service, load: async () => leaky });
    const error = (await store.set('x', s).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(SecretStoreError);
    expect(error.message).toMatch(/Could not write the keychain entry of account x/);
    for (const value of secretValues(s)) expect(`${error.message}${error.stack}`).not.toContain(value);
  });

  it('a keytar that cannot be loaded is an error, not a crash, and the probe explains it', async () => {
    const load = async (): Promise<KeytarLike> => {
      throw new Error("Cannot find module 'keytar.node'");
    };
    const store = new KeytarSecretStore({ service, load });
    await expect(store.get('a')).rejects.toBeInstanceOf(KeychainModuleError);
    await expect(store.set('a', makeSecrets())).rejects.toThrow(/keytar\) could not be loaded/);
    const probe = await probeKeychain({ service, load });
    expect(probe.available).toBe(false);
    if (!probe.available) {
      expect(probe.reason).toMatch(/could not be loaded: Cannot find module/);
      expect(probe.fix).toMatch(/session only/);
    }
  });

  it('a keychain that never answers is reported after the timeout', async () => {
    const hanging: KeytarLike = {
      getPassword: () => new Promise(() => {}),
      setPassword: () => new Promise(() => {}),
      deletePassword: () => new Promise(() => {}),
    };
    const probe = await probeKeychain({ service, load: async () => hanging, timeoutMs: 50, platform: 'darwin' });
    expect(probe).toMatchObject({
      available: false,
      reason: expect.stringMatching(/no answer within 50 ms/),
      fix: expect.stringMatching(/Keychain Access/),
    });
  });
});

describe('MemorySecretStore', () => {
  it('keeps copies in memory and forgets them', async () => {
    const store = new MemorySecretStore();
    const s = makeSecrets();
    await store.set('a', s);
    const got = await store.get('a');
    expect(got).toEqual(s);
    (got as { accessToken: string }).accessToken = 'changed';
    expect(await store.get('a')).toEqual(s);
    expect(JSON.stringify(store)).not.toContain(s.accessToken);
    await store.delete('a');
    expect(await store.get('a')).toBeNull();
  });
});
