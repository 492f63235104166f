/**
 * The core's HTTP goes through the fetch it is given (the Electron host passes `net.fetch`):
 * listings, status polls and the connection test of every account all use it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/dispatch';
import type { AccountView } from '../../../electron/shared/contract';

describe('the fetch port of the core', () => {
  let dataDir: string;
  let core: AppCore;
  const seen: string[] = [];
  // A stand-in for another HTTP stack: it records each call and sends it with Node's own.
  const portFetch: typeof fetch = (input, init) => {
    seen.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
    return fetch(input, init);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-fetch-port-'));
    core = await startAppCore({ dataDir, fetch: portFetch, sandbox: { speed: 0, seed: 'demo' } });
  });
  afterAll(async () => {
    await core.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is used for listings and connection tests', async () => {
    const accounts = await dispatch(core.handlers, 'accounts:list', {});
    const [local] = (accounts as { result: AccountView[] }).result;
    expect(local?.kind).toBe('local-sandbox');

    const listing = await dispatch(core.handlers, 'volumes:list', { accountId: local!.id });
    expect(listing).toMatchObject({ ok: true, result: { source: 'live' } });
    expect(seen.some((path) => path.endsWith('/services/openstack/volume/list'))).toBe(true);

    seen.length = 0;
    expect(await dispatch(core.handlers, 'accounts:test', { accountId: local!.id })).toMatchObject({ ok: true, result: { ok: true } });
    expect(seen).toEqual(['/services/openstack/volume/list']);
  });
});
