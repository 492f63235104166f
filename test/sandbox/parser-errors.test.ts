/**
 * What Node's HTTP parser refuses is answered like every other error, with the spec's envelope
 * (400, or 431 for oversize headers); a client that goes away mid-request is logged as an abort,
 * not as an internal 500. Over a raw socket, since no HTTP client sends such requests.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox';

let sandbox: RunningSandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function start(): Promise<{ sandbox: RunningSandbox; lines: string[]; port: number }> {
  const lines: string[] = [];
  sandbox = await startSandbox({ seed: 'empty', speed: 0, log: (line) => lines.push(line) });
  return { sandbox, lines, port: Number(new URL(sandbox.endpoint).port) };
}

/** Sends raw bytes and reads everything until the server closes the connection. */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.end(request);
  });
}

function parse(answer: string): { status: number; headers: string; body: unknown } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1]);
  return { status, headers: head.toLowerCase(), body: JSON.parse(body) as unknown };
}

describe('requests the HTTP parser refuses', () => {
  it.each([
    ['a garbage request line', 'HELLO THERE\r\n\r\n', 400, 'volumes.error.bad-request'],
    [
      'a header name with a space',
      'GET /services/openstack/volume/list HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n',
      400,
      'volumes.error.bad-request',
    ],
    ['a header line without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n', 400, 'volumes.error.bad-request'],
    [
      'a 20,000-character URL',
      `GET /services/openstack/volume/list?k=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      431,
      'volumes.error.header-too-large',
    ],
  ])('%s is answered with the error envelope', async (_name, request, status, message) => {
    const { port, lines } = await start();
    const answer = parse(await exchange(port, request));
    expect(answer.status).toBe(status);
    expect(answer.headers).toContain('content-type: application/json');
    expect(answer.body).toEqual({ status, message });
    expect(lines.some((line) => line.includes(`refused by the HTTP parser: ${status}`))).toBe(true);
  });

  it('leaves the server answering other requests', async () => {
    const { port, sandbox: running } = await start();
    await exchange(port, 'HELLO\r\n\r\n');
    const res = await fetch(`${running.endpoint}/services/openstack/volume/list`);
    expect(await res.json()).toEqual({ status: 403, message: 'volumes.error.access-denied' });
  });
});

describe('a client that goes away mid-request', () => {
  it('is logged as aborted, not as an internal error', async () => {
    const { port, lines } = await start();
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /services/openstack/volume/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n',
    );
    // Node answers 100 Continue once the request has reached the handler: then half a body, and hang up.
    await new Promise((resolve) => socket.once('data', resolve));
    socket.write('name=half');
    socket.destroy();
    for (let i = 0; i < 200 && !lines.some((line) => line.includes('aborted')); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(lines).toContainEqual(expect.stringMatching(/^POST \/services\/openstack\/volume\/create aborted \d+ms$/));
    expect(lines.join('\n')).not.toMatch(/internal error| 500 /);
  });
});
