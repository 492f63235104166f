// The one error catalogue: every code the core can send has its words in both languages, and a
// real failure (a real client against the real sandbox) reaches a Chinese reader with no English
// sentence of the core in the headline.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVolumeClient } from '../../../electron/core/api';
import { keychainState } from '../../../electron/core/errors/keychain-state';
import { toErrorReply } from '../../../electron/core/errors/to-reply';
import { batchNotification } from '../../../electron/core/notifications';
import { probeKeychain } from '../../../electron/core/secrets/keytar-secret-store';
import { ERROR_CATALOGUE, isErrorCode } from '../../../electron/shared/error-catalogue';
import { resolveError, wordError } from '../../../electron/shared/errors/word-error';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { closedPortUrl } from '../api/scripted-server';

const ROOT = join(import.meta.dirname, '../../..');
const CATALOGUE_FILE = 'electron/shared/error-catalogue.ts';

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? sourceFiles(join(dir, e.name))
        : Promise.resolve(e.name.endsWith('.ts') || e.name.endsWith('.vue') ? [join(dir, e.name)] : []),
    ),
  );
  return nested.flat();
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Names that stay as they are in Chinese. */
const NAMES = ['Cloud Disk Desk', 'Secret Service', 'KeePassXC', 'gnome-keyring', 'Windows', 'HTTP'];
/** A run of three English words: a sentence of the core, once the names are taken out. */
const ENGLISH_SENTENCE = /[A-Za-z]{2,}[ ,:]+[A-Za-z]{2,}[ ,:]+[A-Za-z]{2,}/;
const withoutNames = (text: string) => NAMES.reduce((out, name) => out.split(name).join('·'), text);

describe('the error catalogue', () => {
  it('words every code in English and Chinese, with the same parameters as it declares', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(entry.en.trim(), code).not.toBe('');
      expect(entry['zh-CN'].trim(), code).not.toBe('');
      expect(placeholders(entry.en), code).toEqual([...entry.params].sort());
      expect(placeholders(entry['zh-CN']), code).toEqual([...entry.params].sort());
      expect(withoutNames(entry['zh-CN']), code).not.toMatch(ENGLISH_SENTENCE);
    }
  });

  it("holds every error code written anywhere in the app's source (no code is minted outside it)", async () => {
    // The core and the hosts send codes; of the window, only its host connection mints one.
    const files = [...(await sourceFiles(join(ROOT, 'electron'))), ...(await sourceFiles(join(ROOT, 'renderer/src/ipc')))];
    const literal = /['"`]((?:ipc|client|account|keychain|queue|data|volumes\.error)\.[a-z][\w-]*|internal)['"`]/g;
    // A code built from a template (`client.${kind}`) escapes the catalogue; `ipc.${string}` is a type, not a code.
    const minted = /['"`](?:client|network|ipc|account|keychain|queue|volumes\.error)\.\$\{(?!string\})/;
    const unknown: string[] = [];
    for (const file of files) {
      const path = relative(ROOT, file);
      if (path === CATALOGUE_FILE) continue;
      const text = await readFile(file, 'utf8');
      expect(text, `${path} builds a code from a template`).not.toMatch(minted);
      for (const [, code] of text.matchAll(literal)) {
        if (!code || /\.jsonl?$/.test(code) || code.startsWith('errors.')) continue; // file names, message keys
        const resolved = resolveError({ code }).code;
        if (!isErrorCode(code) && (resolved === 'internal' || resolved === 'client.api')) unknown.push(`${path}: ${code}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('turns any thrown value into a catalogued code, never throwing', () => {
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error('boom');
        },
      },
    );
    for (const value of [new Error('x'), 'text', null, undefined, 42, hostile]) expect(isErrorCode(toErrorReply(value).code)).toBe(true);
    expect(toErrorReply(new Error('token abc123 leaked'), (text) => text.replace('abc123', '[redacted]')).detail).toBe(
      'token [redacted] leaked',
    );
  });
});

describe('a Chinese reader', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'demo', speed: 0 });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('reads an unreachable cloud in Chinese, the OS error only in the detail', async () => {
    const client = createVolumeClient({
      endpoint: await closedPortUrl(),
      credentials: { accessToken: 'a', sessionToken: 'b', sessionSecret: 'c' },
      retry: { attempts: 1 },
    });
    const reply = toErrorReply(await client.list({ offset: 1 }).catch((e: unknown) => e));
    expect(reply).toMatchObject({ code: 'client.network', detail: expect.stringMatching(/ECONNREFUSED|refused/) });
    expect(wordError(reply, 'zh-CN')).toBe('无法连接云平台');
  });

  it('reads a failed attach notification in Chinese', async () => {
    const client = createVolumeClient({
      endpoint: sandbox.endpoint,
      credentials: { accessToken: sandbox.accessToken, ...sandbox.adminSession },
    });
    const [volume] = (await client.list({ offset: 1 })).entities;
    const error = await client.attach(volume!.unique, 'no-such-server').catch((e: unknown) => e);
    const reply = toErrorReply(error);
    expect(reply.code).toBe('volumes.error.server-not-exists');
    const item = {
      id: 'i',
      batchId: 'b',
      accountId: 'a',
      op: 'attach' as const,
      params: {},
      state: 'failed' as const,
      attempts: 1,
      updatedAt: 0,
      error: reply,
    };
    const notification = batchNotification({ id: 'b', title: '挂载 data-1', createdAt: 0 }, [item], 'zh-CN');
    expect(notification?.body).toBe('该磁盘没有此云主机（或磁盘未挂载到该云主机）');
    expect(`${notification?.title} ${notification?.body}`).not.toMatch(ENGLISH_SENTENCE);
  });

  it('reads a missing keychain in Chinese', async () => {
    const probe = await probeKeychain({ platform: 'linux', load: () => Promise.reject(new Error('Cannot find module keytar')) });
    const state = keychainState(probe);
    expect(state.available).toBe(false);
    if (state.available) return;
    expect(state.error).toMatchObject({ code: 'keychain.module-missing', detail: expect.stringMatching(/Cannot find module/) });
    expect(withoutNames(wordError(state.error, 'zh-CN'))).not.toMatch(ENGLISH_SENTENCE);
  });
});
