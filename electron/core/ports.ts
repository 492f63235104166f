/**
 * The few outside needs of the Electron-free core, as small interfaces ("ports"). The Electron
 * host passes Electron-backed implementations; tests and the browser host pass plain ones.
 */

/** Structured fields attached to a log line. Never put a credential in here. */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger that drops everything: the default where the caller passes none. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
