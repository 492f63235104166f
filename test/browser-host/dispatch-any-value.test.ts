/**
 * The dispatcher the Electron IPC path calls directly: for any value as channel and payload it
 * resolves to a well-formed reply, never throws, and never echoes huge input.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../electron/core/app-core';
import { dispatch, type Handlers } from '../../electron/core/dispatch';
import { INVOKE_CHANNELS, type InvokeReply } from '../../electron/shared/contract';
import { isErrorCode } from '../../electron/shared/error-catalogue';

function expectWellFormed(reply: InvokeReply<unknown>): void {
  expect(typeof reply.ok).toBe('boolean');
  if (!reply.ok) {
    expect(isErrorCode(reply.error.code)).toBe(true);
    expect(typeof reply.error.params).toBe('object');
    expect((reply.error.detail ?? '').length).toBeLessThanOrEqual(500);
  }
}

/** `{"a":{"a":…}}` `depth` deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('dispatch with any value', () => {
  let dataDir: string;
  let core: AppCore;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-dispatch-'));
    core = await startAppCore({ dataDir, sandbox: { speed: 0, seed: 'empty' } });
  });

  afterAll(async () => {
    await core?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('any JSON value as channel and payload: a well-formed reply', async () => {
    // JSON objects whose keys shadow what String() and templates call.
    const shadowing = fc.dictionary(fc.constantFrom('toString', 'valueOf', 'constructor', 'toJSON'), fc.jsonValue(), { minKeys: 1 });
    const channel = fc.oneof(fc.constantFrom(...INVOKE_CHANNELS), fc.jsonValue(), shadowing);
    await fc.assert(
      fc.asyncProperty(channel, fc.oneof(fc.jsonValue(), shadowing), async (c, payload) => {
        expectWellFormed(await dispatch(core.handlers, c, payload));
      }),
      { numRuns: 300 },
    );
  });

  it('huge, deep and odd values: refused with a short reply', async () => {
    const cases: [unknown, unknown, string][] = [
      [{ toString: 1 }, {}, 'ipc.unknown-channel'],
      ['x'.repeat(1_000_000), {}, 'ipc.unknown-channel'],
      [null, null, 'ipc.unknown-channel'],
      ['settings:set', nested(200_000), 'ipc.invalid-payload'],
      ['settings:set', { language: nested(200_000) }, 'ipc.invalid-payload'],
      ['app:info', { ['k'.repeat(1_000_000)]: 1 }, 'ipc.invalid-payload'],
      ['queue:cancel', { batchId: 'b', itemIds: Array.from({ length: 10_001 }, () => 7) }, 'ipc.invalid-payload'],
      // Not JSON, but nothing stops a caller in the same process: a payload whose every look throws.
      [
        'app:info',
        new Proxy(
          {},
          {
            get: () => {
              throw new Error('boom');
            },
            ownKeys: () => {
              throw new Error('boom');
            },
            getPrototypeOf: () => {
              throw new Error('boom');
            },
          },
        ),
        'internal',
      ],
    ];
    for (const [channel, payload, code] of cases) {
      const reply = await dispatch(core.handlers, channel, payload);
      expectWellFormed(reply);
      expect(reply).toMatchObject({ ok: false, error: { code } });
    }
  });

  it('a handler that throws anything: an internal reply', async () => {
    const throwing = (thrown: unknown) => ({ ...core.handlers, 'app:info': () => Promise.reject(thrown) }) as Handlers;
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error('boom');
        },
      },
    );
    for (const thrown of [undefined, 'text', { message: 1 }, hostile, new Error('x'.repeat(100_000))]) {
      const reply = await dispatch(throwing(thrown), 'app:info', {});
      expectWellFormed(reply);
      expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    }
  });
});
