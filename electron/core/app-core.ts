import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { createVolumeClient } from './api/volume-client';
import type { Handlers } from './dispatch';
import { silentLogger, type Logger } from './ports';

export interface AppCoreOptions {
  /** The app's data folder: the Local sandbox keeps its fleet here between launches. */
  dataDir: string;
  logger?: Logger;
}

export interface AppCore {
  handlers: Handlers;
  stop(): Promise<void>;
}

const LOCAL_SANDBOX_NAME = 'Local sandbox';

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
  const version = appVersion();
  const handlers: Handlers = {
    'app:info': async () => ({ version, accountName: LOCAL_SANDBOX_NAME, endpoint: sandbox.endpoint }),
    'volumes:list': async (payload: { keywords?: string }) => (await client.listAll({ keywords: payload.keywords })).volumes,
  };
  return { handlers, stop: () => sandbox.stop() };
}
