import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browser-host';
import { startAppCore, type AppCore } from '../../electron/core/app-core';
import { INVOKE_CHANNELS, type InvokeChannel, type InvokeReply } from '../../electron/shared/contract';

interface WalkContext {
  core: AppCore;
  localAccountId: string;
  batchId?: string;
  spareAccountId: string;
  endpoint: string;
  secrets: { accessToken: string; sessionToken: string; sessionSecret: string };
}

/** A valid payload for every channel: a channel added to the contract without one fails here. */
const VALID_PAYLOADS: Record<InvokeChannel, (context: WalkContext) => unknown> = {
  'app:info': () => ({}),
  'accounts:list': () => ({}),
  'accounts:add': ({ endpoint }) => ({
    name: 'Second cloud',
    endpoint,
    colour: '#336699',
    tenants: [{ userId: 101, label: 'Finance' }],
    secrets: { accessToken: 'a', sessionToken: 'b', sessionSecret: 'c' },
    sessionOnly: true,
  }),
  'accounts:remove': ({ spareAccountId }) => ({ accountId: spareAccountId }),
  'accounts:set-credentials': ({ localAccountId, secrets }) => ({ accountId: localAccountId, secrets, sessionOnly: true }),
  'accounts:renew-session': ({ localAccountId, secrets }) => ({
    accountId: localAccountId,
    sessionToken: secrets.sessionToken,
    sessionSecret: secrets.sessionSecret,
    sessionOnly: true,
  }),
  'accounts:test': ({ localAccountId }) => ({ accountId: localAccountId }),
  'accounts:update': ({ localAccountId }) => ({ accountId: localAccountId, colour: '#2266aa' }),
  'accounts:reorder': async ({ core }) => ({ accountIds: (await core.handlers['accounts:list']({} as never)).map((a) => a.id).reverse() }),
  'accounts:refresh': ({ localAccountId }) => ({ accountId: localAccountId }),
  // The Local sandbox can be brought back only once it was removed.
  'accounts:add-local-sandbox': async ({ core, localAccountId }) => {
    await core.handlers['accounts:remove']({ accountId: localAccountId } as never);
    return {};
  },
  'volumes:list': ({ localAccountId }) => ({ accountId: localAccountId, keywords: 'data' }),
  'queue:list': () => ({}),
  'queue:submit': ({ localAccountId }) => ({
    title: 'Walk',
    items: [{ op: 'create', accountId: localAccountId, params: { name: 'walked', size: 1 }, label: 'walked' }],
  }),
  'queue:cancel': ({ batchId }) => ({ batchId }),
  'queue:retry': ({ batchId }) => ({ batchId }),
  'queue:clear-finished': () => ({}),
  'settings:get': () => ({}),
  'settings:set': () => ({ notifications: false }),
  'app:visibility': () => ({ visible: false }),
  'labels:list': () => ({}),
  'labels:set': ({ localAccountId }) => ({ accountId: localAccountId, kind: 'server', id: 'srv-walk', label: ' Walk server ' }),
};

describe('the browser host answers every channel of the contract', () => {
  let dataDir: string;
  let core: AppCore;
  let host: BrowserHost;
  let socket: WebSocket;
  let nextId = 1;
  let context: WalkContext;

  function invoke(channel: unknown, payload: unknown): Promise<InvokeReply<unknown>> {
    const id = nextId++;
    return new Promise((done) => {
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as { id: number; reply: InvokeReply<unknown> };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        done(message.reply);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, channel, payload }));
    });
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-walk-'));
    core = await startAppCore({ dataDir });
    host = await startBrowserHost({ handlers: core.handlers, subscribe: core.onEvent, rendererDir: resolve('dist/renderer') });
    const token = new URL(host.url).searchParams.get('token');
    socket = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc?token=${token}`, { origin: host.origin });
    await new Promise((done, fail) => socket.once('open', done).once('error', fail));
    const [local] = await core.handlers['accounts:list']({} as never);
    const spare = await core.handlers['accounts:add'](
      VALID_PAYLOADS['accounts:add']({ endpoint: core.sandbox.endpoint } as WalkContext) as never,
    );
    const { accessToken, adminSession } = core.sandbox;
    context = {
      core,
      localAccountId: local!.id,
      spareAccountId: spare.id,
      endpoint: core.sandbox.endpoint,
      secrets: { accessToken, sessionToken: adminSession.sessionToken, sessionSecret: adminSession.sessionSecret },
    };
  });

  afterAll(async () => {
    socket?.close();
    await host?.stop();
    await core?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each(INVOKE_CHANNELS)('%s: answers a valid payload and refuses an invalid one', async (channel) => {
    const reply = await invoke(channel, await VALID_PAYLOADS[channel](context));
    expect(reply).toMatchObject({ ok: true });
    // Later channels act on what earlier ones made: the re-added Local sandbox, the queued batch.
    if (reply.ok && channel === 'accounts:add-local-sandbox') context.localAccountId = (reply.result as { id: string }).id;
    if (reply.ok && channel === 'queue:submit') context.batchId = (reply.result as { id: string }).id;
    const refused = await invoke(channel, { unexpected: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ipc.invalid-payload' } });
  });

  it('refuses a channel the contract does not declare', async () => {
    expect(await invoke('secrets:dump', {})).toMatchObject({ ok: false, error: { code: 'ipc.unknown-channel' } });
  });

  it('refuses a socket from another origin even with the token', async () => {
    const token = new URL(host.url).searchParams.get('token');
    const foreign = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc?token=${token}`, { origin: 'http://evil.example' });
    const outcome = await new Promise<string>((done) => {
      foreign.once('open', () => done('open'));
      foreign.once('error', () => done('refused'));
    });
    expect(outcome).toBe('refused');
  });
});
