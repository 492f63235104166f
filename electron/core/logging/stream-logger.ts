import type { LogFields, Logger } from '../ports';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

function fieldsText(fields: LogFields): string {
  try {
    return JSON.stringify(fields);
  } catch {
    return '{"fields":"not serialisable"}';
  }
}

/**
 * One line per entry, `time level message {fields}`, to a stream (the browser host passes
 * stderr). Lines below `minimum` are dropped.
 */
export function streamLogger(stream: { write(text: string): unknown }, minimum: Level = 'info'): Logger {
  const threshold = LEVELS.indexOf(minimum);
  const line =
    (level: Level) =>
    (message: string, fields?: LogFields): void => {
      if (LEVELS.indexOf(level) < threshold) return;
      const extra = fields && Object.keys(fields).length > 0 ? ` ${fieldsText(fields)}` : '';
      stream.write(`${new Date().toISOString()} ${level} ${message}${extra}\n`);
    };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
