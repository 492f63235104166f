/**
 * The built preload under the stand-in `electron`: the page gets one object, `api`, with only
 * `invoke` and `on`, over the contract's channels; replies, refusals included, come back as data
 * (contextBridge would strip a thrown Error of its code).
 */
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, type PreloadApi } from '../../electron/shared/contract';
import { BUILT_PRELOAD, requireWithStandIn } from './load-main';

function loadPreload() {
  const electron = requireWithStandIn(BUILT_PRELOAD, { paths: {} });
  const sent: { channel: string; payload: unknown }[] = [];
  electron.rendererInvoke = async (channel, payload) => {
    sent.push({ channel, payload });
    return channel === 'app:info'
      ? { ok: true, result: { version: '1.2.3' } }
      : { ok: false, error: { code: 'ipc.invalid-payload', params: {}, detail: 'Invalid payload' } };
  };
  return { electron, sent, api: electron.exposed.get('api') as PreloadApi };
}

describe('the preload', () => {
  it('exposes only api.invoke and api.on', () => {
    const { electron, api } = loadPreload();
    expect([...electron.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('invokes contract channels and refuses others without sending them', async () => {
    const { api, sent } = loadPreload();
    expect(await api.invoke('app:info', {})).toEqual({ ok: true, result: { version: '1.2.3' } });
    expect(await api.invoke('secrets:dump' as never, {} as never)).toMatchObject({ ok: false, error: { code: 'ipc.unknown-channel' } });
    expect(sent.map((message) => message.channel)).toEqual(['app:info']);
  });

  it('hands a refusal over as data, with its code, params and detail (a thrown Error would lose them)', async () => {
    const { api } = loadPreload();
    expect(await api.invoke('settings:set', { refreshIntervalSec: 1 })).toEqual({
      ok: false,
      error: { code: 'ipc.invalid-payload', params: {}, detail: 'Invalid payload' },
    });
  });

  it('listens to contract events only, and stops listening when asked', () => {
    const { api, electron } = loadPreload();
    const heard: unknown[] = [];
    expect(() => api.on('__ELECTRON_LOG__' as never, () => {})).toThrow('Unknown event');
    for (const event of EVENT_CHANNELS) expect(() => api.on(event, () => {})()).not.toThrow();
    const stop = api.on('app:command', (payload) => heard.push(payload));
    electron.rendererListeners.emit('app:command', {}, { command: 'refresh' });
    stop();
    electron.rendererListeners.emit('app:command', {}, { command: 'refresh' });
    expect(heard).toEqual([{ command: 'refresh' }]);
  });
});
