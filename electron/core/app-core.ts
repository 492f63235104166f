import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import type { VolumeListing } from '../shared/contract';
import { NetworkError } from './api/errors';
import { createVolumeClient, type VolumeClient } from './api/volume-client';
import { VolumeCache } from './cache/volume-cache';
import type { Handlers } from './dispatch';
import { silentLogger, type Logger } from './ports';

export interface AppCoreOptions {
  /** The app's data folder: the Local sandbox keeps its fleet here between launches. */
  dataDir: string;
  logger?: Logger;
}

export interface AppCore {
  handlers: Handlers;
  /** The built-in Local sandbox this core started. */
  sandbox: RunningSandbox;
  stop(): Promise<void>;
}

const LOCAL_SANDBOX_NAME = 'Local sandbox';
const LOCAL_SANDBOX_ID = 'local-sandbox';

function appVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/**
 * The main-process side of the app, free of Electron: it starts the built-in Local sandbox on
 * loopback and answers the contract's channels through the API client.
 */
export async function startAppCore(options: AppCoreOptions): Promise<AppCore> {
  const logger = options.logger ?? silentLogger;
  await mkdir(options.dataDir, { recursive: true });
  const sandbox: RunningSandbox = await startSandbox({ dataFile: join(options.dataDir, 'local-sandbox.json'), port: 0 });
  logger.info('local sandbox started', { endpoint: sandbox.endpoint });
  const client = createVolumeClient({
    endpoint: sandbox.endpoint,
    credentials: { accessToken: sandbox.accessToken, sessionToken: sandbox.adminSession.sessionToken, sessionSecret: sandbox.adminSession.sessionSecret },
    logger,
  });
  const cache = new VolumeCache(join(options.dataDir, 'cache'), logger);
  const version = appVersion();
  const handlers: Handlers = {
    'app:info': async () => ({ version, accountName: LOCAL_SANDBOX_NAME, endpoint: sandbox.endpoint }),
    'volumes:list': (payload: { keywords?: string }) => listVolumes(client, cache, payload.keywords),
  };
  return { handlers, sandbox, stop: () => sandbox.stop() };
}

/**
 * The live listing, saved as the last known one; when the cloud cannot be reached, the last known
 * listing with its age and the reason. Any other failure (a refused session, a broken answer) is
 * the caller's to see.
 */
async function listVolumes(client: VolumeClient, cache: VolumeCache, keywords: string | undefined): Promise<VolumeListing> {
  try {
    const { volumes } = await client.listAll({ keywords });
    const asOf = Date.now();
    if (keywords === undefined) await cache.save(LOCAL_SANDBOX_ID, volumes, asOf);
    return { volumes, asOf, source: 'live' };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    const cached = await cache.load(LOCAL_SANDBOX_ID);
    if (!cached) throw error;
    const needle = keywords?.toLowerCase();
    const volumes = needle ? cached.volumes.filter((v) => `${v.name}\n${v.description}`.toLowerCase().includes(needle)) : cached.volumes;
    return { volumes, asOf: cached.savedAt, source: 'cache', problem: { code: `client.${error.kind}`, message: error.message } };
  }
}
