/**
 * The browser host never dies on input. Arbitrary JSON values and arbitrary bytes (text and
 * binary frames) go to a running host over the real core; after each, the host still answers
 * `app:info`. Then the cases a probe found killing it: protocol errors written as raw frames, a
 * message over the limit, deep nesting, a foreign `Host`, a bad `%` escape, garbage HTTP.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../electron/shared/contract';
import { MAX_REQUEST_BYTES } from '../../electron/shared/message-limits';
import { contentSecurityPolicy } from '../../electron/shared/content-security-policy';
import {
  answersAppInfo,
  closeCodeFrom,
  frame,
  hostIsAlive,
  nextOutcome,
  openSocket,
  rawHttp,
  rawUpgrade,
  startHostUnderTest,
  type HostUnderTest,
  type Outcome,
} from './host-fixture';

let target: HostUnderTest;

beforeAll(async () => {
  target = await startHostUnderTest();
});

afterAll(() => target?.close());

/** A reply a page can read: ok, or an error with a code, its parameters and a short detail. */
function expectWellFormed(outcome: Outcome): void {
  expect(outcome.kind).toBe('reply');
  if (outcome.kind !== 'reply') return;
  const { reply } = outcome.data;
  expect(typeof reply.ok).toBe('boolean');
  if (!reply.ok) {
    expect(reply.error?.code).toMatch(/^[a-z][\w.-]*$/);
    expect(typeof reply.error?.params).toBe('object');
    expect((reply.error?.detail ?? '').length).toBeLessThanOrEqual(500);
  }
}

describe('arbitrary messages', () => {
  it('any JSON value gets a well-formed reply, and the socket goes on answering', async () => {
    const ws = await openSocket(target);
    // Plain values, and values shaped like requests (a real channel, any id, any payload).
    const shadowing = fc.dictionary(fc.constantFrom('toString', 'valueOf', 'constructor', 'toJSON'), fc.jsonValue(), { minKeys: 1 });
    const request = fc.record(
      {
        id: fc.oneof(fc.integer(), fc.string(), fc.jsonValue(), shadowing),
        channel: fc.oneof(fc.constantFrom(...INVOKE_CHANNELS), fc.jsonValue(), shadowing),
        payload: fc.oneof(fc.jsonValue(), shadowing),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), request), async (value) => {
        const outcome = nextOutcome(ws);
        ws.send(JSON.stringify(value));
        expectWellFormed(await outcome);
        expect(await answersAppInfo(ws)).toBe(true);
      }),
      { numRuns: 200 },
    );
    ws.close();
  });

  it('any bytes, as a text or a binary frame, get a reply or close that socket alone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), async (bytes, binary) => {
        const ws = await openSocket(target);
        const outcome = nextOutcome(ws);
        ws.send(Buffer.from(bytes), { binary });
        const got = await outcome;
        if (got.kind === 'closed')
          expect(got.code).toBe(1007); // invalid UTF-8 in a text frame
        else expectWellFormed(got);
        ws.terminate();
        expect(await hostIsAlive(target)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses the values that used to kill it, with a reply', async () => {
    const ws = await openSocket(target);
    const replyTo = async (text: string) => {
      const outcome = nextOutcome(ws);
      ws.send(text);
      const got = await outcome;
      expectWellFormed(got);
      return got.kind === 'reply' ? got.data : undefined;
    };
    expect(await replyTo('null')).toEqual({
      reply: { ok: false, error: { code: 'ipc.bad-message', params: {}, detail: expect.any(String) } },
    });
    expect((await replyTo('{"id":7,"channel":{"toString":1}}'))?.reply.error?.code).toBe('ipc.unknown-channel');
    // An id nested 200,000 deep is not echoed: the request is refused without it.
    const deepId = await replyTo(`{"id":${'['.repeat(200_000)}${']'.repeat(200_000)},"channel":"app:info"}`);
    expect(deepId).toEqual({ reply: { ok: false, error: { code: 'ipc.bad-message', params: {}, detail: expect.any(String) } } });
    const deepPayload = await replyTo(
      `{"id":8,"channel":"settings:set","payload":{"language":${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}}}`,
    );
    expect(deepPayload?.id).toBe(8);
    expect(deepPayload?.reply.error?.code).toBe('ipc.invalid-payload');
    // A huge unknown key is not echoed whole.
    const hugeKey = await replyTo(JSON.stringify({ id: 9, channel: 'app:info', payload: { ['k'.repeat(1_000_000)]: 1 } }));
    expect(hugeKey?.reply.error?.code).toBe('ipc.invalid-payload');
    expect((hugeKey?.reply.error?.detail ?? '').length).toBeLessThanOrEqual(500);
    expect(await answersAppInfo(ws)).toBe(true);
    ws.close();
  });
});

describe('protocol errors on a raw socket', () => {
  const cases: [string, (size: number) => Buffer, number][] = [
    ['an invalid UTF-8 text frame', () => frame(0x1, Buffer.from([0xc3, 0x28, 0xff])), 1007],
    ['an unmasked frame', () => frame(0x1, Buffer.from('{}'), { masked: false }), 1002],
    ['a reserved opcode', () => frame(0x3, Buffer.from('x')), 1002],
    ['a message over the limit', (limit) => frame(0x1, Buffer.alloc(0), { claimedLength: limit + 1 }).subarray(0, 14), 1009],
  ];
  for (const [name, make, code] of cases) {
    it(`${name} closes that socket with ${code}; the host goes on`, async () => {
      const { socket, status, rest } = await rawUpgrade(target);
      expect(status).toBe(101);
      socket.write(make(MAX_REQUEST_BYTES));
      expect(await closeCodeFrom(socket, rest)).toBe(code);
      expect(await hostIsAlive(target)).toBe(true);
    });
  }

  it('a message over the limit in fragments closes with 1009 too', async () => {
    const { socket, status, rest } = await rawUpgrade(target);
    expect(status).toBe(101);
    const half = Math.ceil(MAX_REQUEST_BYTES / 2) + 1;
    // First fragment (text, no FIN) of `half` bytes, then a continuation claiming as much again.
    const first = frame(0x1, Buffer.alloc(half, 0x20));
    first[0] = 0x01;
    socket.write(first);
    socket.write(frame(0x0, Buffer.alloc(0), { claimedLength: half }).subarray(0, 14));
    expect(await closeCodeFrom(socket, rest)).toBe(1009);
    expect(await hostIsAlive(target)).toBe(true);
  });
});

describe('HTTP', () => {
  it('serves the page with its CSP, no referrer, no sniffing, and a cookie that carries the token', async () => {
    const page = await rawHttp(target, `/?token=${target.token}`, { cookie: '' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy({ socketOrigin: `ws://127.0.0.1:${target.host.port}` }));
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['set-cookie']?.[0]).toContain(`cdd_token=${target.token}`);
    // A reload without the token in the URL is served from the cookie.
    expect((await rawHttp(target, '/')).status).toBe(200);
    expect((await rawHttp(target, '/assets/app.js')).status).toBe(200);
  });

  it('answers only as 127.0.0.1:PORT: another Host is misdirected, for pages and for the socket', async () => {
    for (const host of ['attacker.example', `attacker.example:${target.host.port}`, `localhost:${target.host.port}`]) {
      const page = await rawHttp(target, `/?token=${target.token}`, { host });
      expect(page.status).toBe(421);
      expect(page.body).not.toContain('<div id="app">');
      const { socket, status } = await rawUpgrade(target, { host });
      expect(status).toBe(421);
      socket.destroy();
    }
    expect(await hostIsAlive(target)).toBe(true);
  });

  it('a malformed % escape or a path outside the renderer is a 400', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/assets/%zz.js', '/..%2f..%2fetc%2fpasswd', '/%00']) {
      expect((await rawHttp(target, path)).status).toBe(400);
    }
    expect((await rawHttp(target, '/missing.js')).status).toBe(404);
    expect(await hostIsAlive(target)).toBe(true);
  });

  it('garbage the HTTP parser refuses is answered and closed', async () => {
    for (const garbage of [
      '\u0000\u0001garbage\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: x\r\nbad header\r\n\r\n',
      `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n${'x-long: '.padEnd(90_000, 'y')}\r\n\r\n`,
    ]) {
      const raw = connect(target.host.port, '127.0.0.1');
      const answer = await new Promise<string>((resolve) => {
        let text = '';
        raw.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
        raw.on('close', () => resolve(text));
        raw.on('error', () => resolve(text));
        raw.write(garbage);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 (400|431) /);
    }
    expect(await hostIsAlive(target)).toBe(true);
  });
});
