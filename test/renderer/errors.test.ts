import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../renderer/src/i18n';
import { describeError } from '../../renderer/src/i18n/errors';
import { HostError } from '../../renderer/src/ipc/host';

const API_CODES = [
  'access-denied',
  'not-exists',
  'size-invalid',
  'size-insufficient',
  'require-parameter-size',
  'require-parameter-serverId',
  'parameter-invalid',
  'status-invalid',
  'disabled',
  'server-not-exists',
  'image-not-exists',
  'create-fail',
  'clone-fail',
  'update-fail',
  'update-failed',
  'delete-failed',
  'get-status-failed',
];
const OTHER_CODES = [
  'client.network',
  'client.timeout',
  'client.protocol',
  'client.api',
  'client.cancelled',
  'ipc.disconnected',
  'ipc.invalid-payload',
  'ipc.unknown-channel',
  'account.invalid',
  'account.not-found',
  'account.missing-credentials',
  'account.removed',
  'keychain.unavailable',
  'queue.outcome-unknown',
  'queue.wait-timeout',
  'queue.volume-gone',
  'queue.volume-error',
  'queue.internal',
  'internal',
];

describe('describeError', () => {
  afterEach(() => {
    i18n.global.locale.value = 'en';
  });

  it('explains the state error with its code', () => {
    i18n.global.locale.value = 'en';
    expect(describeError(new HostError('volumes.error.status-invalid', 'extend failed'))).toBe('The volume is not in a state that allows this (volumes.error.status-invalid)');
  });

  it('has its own words for every code of the spec, the client, the host, accounts, keychain and queue, in both languages', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      i18n.global.locale.value = locale;
      for (const code of [...API_CODES.map((c) => `volumes.error.${c}`), ...OTHER_CODES]) {
        const text = describeError({ code, message: 'raw message from the core' });
        expect(text, code).toContain(code);
        expect(text, code).not.toContain('raw message from the core');
        expect(text, code).not.toMatch(/errors\./);
      }
    }
  });

  it('names the missing parameter and the failed operation', () => {
    expect(describeError({ code: 'volumes.error.require-parameter-serverId', message: '' })).toContain('serverId');
    expect(describeError({ code: 'volumes.error.clone-fail', message: '' })).toContain('clone');
  });

  it('shows an unknown code as itself, with the message that came with it', () => {
    expect(describeError({ code: 'volumes.error.brand-new', message: 'brand new failure' })).toBe('brand new failure (volumes.error.brand-new)');
    expect(describeError({ code: 'other.thing', message: '' })).toBe('other.thing');
    expect(describeError(new Error('plain'))).toBe('Unexpected error: plain');
  });

  it('speaks Chinese when the window does', () => {
    i18n.global.locale.value = 'zh-CN';
    expect(describeError({ code: 'volumes.error.disabled', message: '' })).toBe('磁盘已禁用：请先启用（volumes.error.disabled）');
  });
});
