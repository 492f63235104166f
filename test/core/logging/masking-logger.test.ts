/**
 * Whatever logger a host passes, the core's lines reach it with every secret it holds masked:
 * in the message, in nested fields, in errors, and under any field named like a credential.
 */
import { describe, expect, it } from 'vitest';
import { KnownSecrets } from '../../../electron/core/logging/known-secrets';
import { maskingLogger } from '../../../electron/core/logging/masking-logger';
import { streamLogger } from '../../../electron/core/logging/stream-logger';
import type { Logger } from '../../../electron/core/ports';

function recorder(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: object) => lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') }, lines };
}

describe('the masking logger', () => {
  const token = 'AT-9f8e7d6c5b4a';
  const secret = 'se/cr+et value';

  it('masks known secrets in messages, nested fields and errors, in every form a server echoes them', () => {
    const secrets = new KnownSecrets();
    secrets.add(token, secret, '');
    const { logger, lines } = recorder();
    const masked = maskingLogger(logger, secrets);
    masked.info(`request with ${token}`, { nested: { list: [`x${encodeURIComponent(secret)}y`] } });
    masked.error('failed', { error: new Error(`server said ${JSON.stringify(secret)}`) });
    masked.warn('plain', { count: 3, ok: true, none: null });
    const all = lines.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain(secret);
    expect(all).not.toContain(encodeURIComponent(secret));
    expect(lines[0]).toContain('request with [redacted]');
    expect(lines[2]).toBe('warn plain {"count":3,"ok":true,"none":null}');
  });

  it('drops the value of any field named like a credential, known or not', () => {
    const { logger, lines } = recorder();
    maskingLogger(logger, new KnownSecrets()).info('login', {
      sessionToken: 'never-seen-before',
      headers: { Authorization: 'Bearer x' },
      user: 'ann',
    });
    expect(lines[0]).toBe('info login {"sessionToken":"[redacted]","headers":{"Authorization":"[redacted]"},"user":"ann"}');
  });

  it('a secret learnt later is masked from then on', () => {
    const secrets = new KnownSecrets();
    const { logger, lines } = recorder();
    const masked = maskingLogger(logger, secrets);
    secrets.add(token);
    masked.debug(token);
    expect(lines[0]).toBe('debug [redacted] {}');
  });
});

describe('the stream logger', () => {
  it('writes one line per entry at or above its level, with its fields', () => {
    const written: string[] = [];
    const logger = streamLogger({ write: (text: string) => written.push(text) }, 'info');
    logger.debug('hidden');
    logger.info('started', { port: 1 });
    logger.error('bad', { big: 1n });
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z info started \{"port":1\}\n$/);
    expect(written[1]).toMatch(/ error bad \{"fields":"not serialisable"\}\n$/);
  });
});
