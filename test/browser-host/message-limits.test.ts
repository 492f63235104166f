/**
 * The socket's size limit is the contract's largest legal request: a `queue:submit` of 10,000
 * items with every field at its limit, in characters that JSON writes longest. Such a request
 * reaches the core (which refuses it only because its account does not exist), not a 1009.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../electron/shared/contract';
import { MAX_REQUEST_BYTES, requestBytesBound } from '../../electron/shared/message-limits';
import type { QueueRequest } from '../../electron/shared/queue';
import { hostIsAlive, nextOutcome, openSocket, startHostUnderTest, type HostUnderTest } from './host-fixture';

/** `n` code units that JSON writes as `\u0001` each (6 bytes), and that trimming leaves alone. */
function longest(n: number): string {
  return '\u0001'.repeat(n);
}

function maximalSubmit(): string {
  const item: QueueRequest = {
    op: 'create',
    accountId: longest(100),
    params: { userid: Number.MAX_SAFE_INTEGER, name: longest(255), description: longest(1000), size: 65_536, image: longest(100) },
    label: longest(300),
  };
  return JSON.stringify({
    id: longest(64),
    channel: 'queue:submit',
    payload: { title: longest(300), items: Array.from({ length: 10_000 }, () => item) },
  });
}

describe('message limits', () => {
  let target: HostUnderTest;

  beforeAll(async () => {
    target = await startHostUnderTest();
  });

  afterAll(() => target?.close());

  it('the limit is the largest bounded request, queue:submit with 10,000 items', () => {
    expect(MAX_REQUEST_BYTES).toBe(requestBytesBound('queue:submit'));
    for (const channel of INVOKE_CHANNELS) {
      const bound = requestBytesBound(channel);
      expect(bound === Infinity || bound <= MAX_REQUEST_BYTES, channel).toBe(true);
    }
    // About 102 MiB: 10,000 items of about 10.7 KB at worst.
    expect(MAX_REQUEST_BYTES).toBeGreaterThan(100 * 1024 * 1024);
  });

  it('a maximal legal submit is within the bound, close to it, and reaches the core', async () => {
    const text = maximalSubmit();
    const bytes = Buffer.byteLength(text);
    expect(bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    expect(bytes).toBeGreaterThan(MAX_REQUEST_BYTES * 0.99);
    const ws = await openSocket(target);
    const outcome = nextOutcome(ws);
    ws.send(text);
    const got = await outcome;
    // Past the transport and the contract's validation: the core's own answer.
    expect(got).toMatchObject({ kind: 'reply', data: { id: longest(64), reply: { ok: false, error: { code: 'account.not-found' } } } });
    ws.close();
    expect(await hostIsAlive(target)).toBe(true);
  });
});
