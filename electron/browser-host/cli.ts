/**
 * `npm run web -- [--port N] [--data-dir DIR]`: the app in a browser. First line on stdout is
 * the URL to open (with its token); the same core as the desktop app answers it.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startAppCore } from '../core/app-core';
import { streamLogger } from '../core/logging/stream-logger';
import { startBrowserHost } from './browser-host';

function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'Cloud Disk Desk');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Cloud Disk Desk');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Cloud Disk Desk');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'data-dir': { type: 'string' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be an integer from 0 to 65535, not "${values.port}"`);
    process.exit(2);
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const core = await startAppCore({ dataDir, program: 'npm run web', logger: streamLogger(process.stderr) });
  const host = await startBrowserHost({
    handlers: core.handlers,
    subscribe: core.onEvent,
    rendererDir: resolve('dist/renderer'),
    port,
    logger: streamLogger(process.stderr),
  });
  console.log(host.url);
  console.error(`Cloud Disk Desk in the browser; data in ${dataDir}. Ctrl-C stops it.`);
  const stop = async () => {
    await host.stop();
    await core.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
