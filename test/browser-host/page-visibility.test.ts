import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browser-host';
import { startAppCore, type AppCore } from '../../electron/core/app-core';
import { openSocket, type HostUnderTest } from './host-fixture';

// Two tabs of the page over the real browser host and core; what the core is told about
// visibility (its real handler runs too) is what sets the background refresh pace.
describe('browser host: background pace with several pages', () => {
  let dir: string;
  let core: AppCore;
  let host: BrowserHost;
  let target: HostUnderTest;
  const told: boolean[] = [];
  let nextId = 0;

  const say = (ws: WebSocket, visible: boolean) =>
    new Promise<void>((resolve, reject) => {
      const id = ++nextId;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { id?: number; reply?: { ok: boolean } };
        if (message.id !== id) return;
        ws.off('message', onMessage);
        if (message.reply?.ok) resolve();
        else reject(new Error(JSON.stringify(message)));
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, channel: 'app:visibility', payload: { visible } }));
    });
  /** Closes a page and waits until the host has seen it go (its visibility reply to another page follows). */
  const close = (ws: WebSocket) => new Promise<void>((resolve) => ws.once('close', () => setImmediate(resolve)).close());

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cdd-pages-'));
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
    core = await startAppCore({ dataDir: join(dir, 'data'), sandbox: { speed: 0, seed: 'empty' } });
    const handlers = {
      ...core.handlers,
      'app:visibility': async (payload: { visible: boolean }) => {
        told.push(payload.visible);
        return core.handlers['app:visibility'](payload);
      },
    };
    host = await startBrowserHost({
      handlers,
      subscribe: core.onEvent,
      rendererDir: join(dir, 'renderer'),
      token: 'a-token-of-sixteen-or-more',
    });
    target = { core, host, token: 'a-token-of-sixteen-or-more', close: async () => undefined };
  });

  afterAll(async () => {
    await host.stop();
    await core.stop();
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    told.length = 0;
  });

  it('a second tab hidden and closed does not slow a page that is on screen', async () => {
    const first = await openSocket(target);
    await say(first, true);
    const second = await openSocket(target);
    await say(second, false); // a closing tab says "hidden" first
    await close(second);
    await say(first, true);
    expect(told).toEqual([]);
    await close(first);
  });

  it('slows only when every open page is hidden, and speeds up when any is shown', async () => {
    const first = await openSocket(target);
    const second = await openSocket(target);
    await say(first, false);
    expect(told).toEqual([]);
    await say(second, false);
    expect(told).toEqual([false]);
    await say(second, true);
    expect(told).toEqual([false, true]);
    await say(second, false);
    await close(second); // the hidden one left is still hidden
    await say(first, false);
    expect(told).toEqual([false, true, false]);
    await close(first); // none open: the pace the core starts with
    await say(await openSocket(target), true);
    expect(told).toEqual([false, true, false, true]);
  });
});
