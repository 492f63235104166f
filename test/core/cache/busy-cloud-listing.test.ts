/**
 * A cloud that answers 429 with a Retry-After longer than a read waits: the listing shows the
 * last known volumes with the reason, as for an unreachable cloud, instead of failing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountHealthBoard } from '../../../electron/core/account-health';
import { createVolumeClient } from '../../../electron/core/api/volume-client';
import { VolumeCache } from '../../../electron/core/cache/volume-cache';
import { silentLogger } from '../../../electron/core/ports';
import { listVolumes } from '../../../electron/core/volume-listing';
import { startScriptedServer, wireVolume, type ScriptedServer } from '../api/scripted-server';
import type { Volume } from '../../../electron/shared/volume';

/** The last known volume, as the client hands it on: the wire shape. */
const kept = wireVolume({ unique: 7, name: 'kept' }) as unknown as Volume;

describe('listing a busy cloud', () => {
  let server: ScriptedServer;
  let folder: string;
  beforeAll(async () => {
    server = await startScriptedServer();
    folder = await mkdtemp(join(tmpdir(), 'cdd-busy-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('falls back to the last known volumes, saying the cloud asks to be called later', async () => {
    const cache = await VolumeCache.open(folder, silentLogger);
    await cache.save('acc', [kept], 1_000);
    server.fallback((_req, res) => {
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '86400' });
      res.end(JSON.stringify({ status: 429, message: 'slow down' }));
    });
    const client = createVolumeClient({ endpoint: server.url, credentials: { accessToken: 'a', sessionToken: 'b', sessionSecret: 'c' } });
    const listing = await listVolumes({ client: async () => client, cache, health: new AccountHealthBoard() }, 'acc', undefined);
    expect(listing).toMatchObject({ source: 'cache', asOf: 1_000, problem: { code: 'client.retry-later' } });
    expect(listing.volumes.map((v) => v.name)).toEqual(['kept']);
  });
});
