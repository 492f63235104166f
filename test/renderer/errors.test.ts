import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../renderer/src/i18n';
import { describeError, errorDetail } from '../../renderer/src/i18n/errors';
import { HostError } from '../../renderer/src/ipc/host';
import type { ErrorReply } from '../../electron/shared/error-catalogue';

describe('describeError', () => {
  afterEach(() => {
    i18n.global.locale.value = 'en';
  });

  it("words the headline from the code alone; the core's text is only the detail", () => {
    const error = new HostError('volumes.error.status-invalid', {}, 'extend failed: volumes.error.status-invalid (406)');
    expect(describeError(error)).toBe('The volume is not in a state that allows this');
    expect(errorDetail(error)).toBe('volumes.error.status-invalid: extend failed: volumes.error.status-invalid (406)');
  });

  // A queue item's error as the core stores it (electron/core/errors/to-reply.ts): the cloud's
  // open-ended codes already resolved to a catalogued code and its params, the core's text in `detail`.
  it("fills the parameters of a queue item's error, and keeps its detail out of the headline", () => {
    expect(describeError(new HostError('account.session-ended', { name: 'Lab' }))).toContain('“Lab”');
    const missing: ErrorReply = {
      code: 'volumes.error.require-parameter',
      params: { name: 'serverId' },
      detail: 'attach failed: volumes.error.require-parameter-serverId (400)',
    };
    expect(describeError(missing)).toBe('A required value is missing: serverId');
    expect(errorDetail(missing)).toBe('volumes.error.require-parameter: attach failed: volumes.error.require-parameter-serverId (400)');
    const failed: ErrorReply = {
      code: 'volumes.error.op-failed',
      params: { op: 'clone' },
      detail: 'clone failed: volumes.error.clone-fail (500)',
    };
    expect(describeError(failed)).toBe('The cloud failed to carry out "clone"');
    const unknown: ErrorReply = {
      code: 'client.api',
      params: { code: 'volumes.error.brand-new' },
      detail: 'create failed: volumes.error.brand-new (400)',
    };
    expect(describeError(unknown)).toBe('The cloud answered with an error this app does not know: volumes.error.brand-new');
    // A reply without detail: the detail shows the code alone.
    expect(errorDetail({ code: 'volumes.error.disabled', params: {} } satisfies ErrorReply)).toBe('volumes.error.disabled');
  });

  it('still words a cloud code that reached the window unresolved', () => {
    expect(describeError({ code: 'volumes.error.require-parameter-serverId', params: {}, detail: '' })).toBe(
      'A required value is missing: serverId',
    );
  });

  it("never shows a plain Error's English as the headline", () => {
    expect(describeError(new Error('connect ECONNREFUSED 127.0.0.1:9'))).toBe('Something went wrong inside the app');
    expect(errorDetail(new Error('connect ECONNREFUSED 127.0.0.1:9'))).toContain('ECONNREFUSED');
  });

  it('speaks Chinese when the window does, with no English of the core', () => {
    i18n.global.locale.value = 'zh-CN';
    expect(
      describeError({
        code: 'volumes.error.disabled',
        params: {},
        detail: 'attach failed: volumes.error.disabled (406)',
      } satisfies ErrorReply),
    ).toBe('磁盘已禁用：请先启用');
    expect(describeError({ code: 'volumes.error.op-failed', params: { op: 'clone' }, detail: 'clone failed' } satisfies ErrorReply)).toBe(
      '云平台执行操作“clone”失败',
    );
    expect(
      describeError(new HostError('client.network', {}, 'list failed: network error (refused: connect ECONNREFUSED 127.0.0.1:9)')),
    ).toBe('无法连接云平台');
  });
});
