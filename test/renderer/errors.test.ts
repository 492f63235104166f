import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../renderer/src/i18n';
import { describeError, errorDetail } from '../../renderer/src/i18n/errors';
import { HostError } from '../../renderer/src/ipc/host';

describe('describeError', () => {
  afterEach(() => {
    i18n.global.locale.value = 'en';
  });

  it('words the headline from the code alone; the core\'s text is only the detail', () => {
    const error = new HostError('volumes.error.status-invalid', {}, 'extend failed: volumes.error.status-invalid (406)');
    expect(describeError(error)).toBe('The volume is not in a state that allows this');
    expect(errorDetail(error)).toBe('volumes.error.status-invalid: extend failed: volumes.error.status-invalid (406)');
  });

  it('fills the parameters, and words the cloud\'s open-ended codes', () => {
    expect(describeError(new HostError('account.session-ended', { name: 'Lab' }))).toContain('“Lab”');
    expect(describeError({ code: 'volumes.error.require-parameter-serverId', message: '' })).toBe('A required value is missing: serverId');
    expect(describeError({ code: 'volumes.error.clone-fail', message: 'clone failed' })).toBe('The cloud failed to carry out "clone"');
    expect(describeError({ code: 'volumes.error.brand-new', message: 'brand new failure' })).toBe('The cloud answered with an error this app does not know: volumes.error.brand-new');
  });

  it('never shows a plain Error\'s English as the headline', () => {
    expect(describeError(new Error('connect ECONNREFUSED 127.0.0.1:9'))).toBe('Something went wrong inside the app');
    expect(errorDetail(new Error('connect ECONNREFUSED 127.0.0.1:9'))).toContain('ECONNREFUSED');
  });

  it('speaks Chinese when the window does, with no English of the core', () => {
    i18n.global.locale.value = 'zh-CN';
    expect(describeError({ code: 'volumes.error.disabled', message: 'attach failed: volumes.error.disabled (406)' })).toBe('磁盘已禁用：请先启用');
    expect(describeError(new HostError('client.network', {}, 'list failed: network error (refused: connect ECONNREFUSED 127.0.0.1:9)'))).toBe('无法连接云平台');
  });
});
