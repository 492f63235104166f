import type { LogFields, Logger } from '../ports';
import type { KnownSecrets } from './known-secrets';

/** Field names whose values are never logged, whatever they hold. */
const SECRET_FIELD = /token|secret|password|credential|authorization|cookie/i;
const MASK = '[redacted]';
const MAX_DEPTH = 6;

function maskValue(value: unknown, secrets: KnownSecrets, depth: number): unknown {
  if (typeof value === 'string') return secrets.mask(value);
  if (value instanceof Error) return secrets.mask(String(value));
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Array.isArray(value)) return value.map((item) => maskValue(item, secrets, depth + 1));
  return maskFields(value as LogFields, secrets, depth + 1);
}

function maskFields(fields: LogFields, secrets: KnownSecrets, depth = 0): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) out[key] = SECRET_FIELD.test(key) ? MASK : maskValue(value, secrets, depth);
  return out;
}

/**
 * Passes every line to `inner` with each known secret masked in the message and in the fields,
 * and every field named like a credential dropped: the core wraps whatever logger a host gives it.
 */
export function maskingLogger(inner: Logger, secrets: KnownSecrets): Logger {
  const line =
    (level: keyof Logger) =>
    (message: string, fields?: LogFields): void =>
      inner[level](secrets.mask(message), fields === undefined ? undefined : maskFields(fields, secrets));
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
