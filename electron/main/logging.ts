/**
 * The desktop app's log: a rotating file in the OS logs folder (electron-log's file transport:
 * at 5 MiB `main.log` becomes `main.old.log`), as the core's Logger port. The core masks every
 * secret it knows in what it logs; the main process logs no credential of its own.
 */
import electronLog from 'electron-log/node';
import { join } from 'node:path';
import type { LogFields, Logger } from '../core/ports';

export const LOG_FILE = 'main.log';
const MAX_BYTES = 5 * 1024 * 1024;

export function createFileLogger(logsDir: string, options: { console: boolean }): Logger {
  // A logger of its own (not electron-log's shared default), written to only by this app.
  const log = electronLog.create({ logId: 'cloud-disk-desk' });
  log.transports.file.resolvePathFn = () => join(logsDir, LOG_FILE);
  log.transports.file.maxSize = MAX_BYTES;
  log.transports.file.level = 'info';
  log.transports.console.level = options.console ? 'info' : false;
  const line =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: LogFields): void =>
      fields === undefined ? log[level](message) : log[level](message, fields);
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
