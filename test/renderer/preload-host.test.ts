/**
 * In the desktop window the preload hands replies over as data; the window's host turns a
 * refusal back into a HostError with its code, params and detail, and passes results through.
 */
import { describe, expect, it } from 'vitest';
import type { PreloadApi } from '../../electron/shared/contract';
import { fromPreload, HostError } from '../../renderer/src/ipc/host';

describe('the desktop window reaching its host', () => {
  const preload: PreloadApi = {
    invoke: async (channel) =>
      (channel === 'app:info'
        ? { ok: true, result: { version: '1.2.3' } }
        : { ok: false, error: { code: 'volumes.error.require-parameter', params: { name: 'size' }, detail: 'size is required' } }) as never,
    on: () => () => undefined,
  };

  it('passes a result through and rebuilds a refusal with everything it carried', async () => {
    const host = fromPreload(preload);
    expect(await host.invoke('app:info', {})).toEqual({ version: '1.2.3' });
    const refused = await host.invoke('accounts:test', { accountId: 'a' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HostError);
    expect(refused).toMatchObject({ code: 'volumes.error.require-parameter', params: { name: 'size' }, detail: 'size is required' });
  });
});
