import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API, form } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');

interface Banner {
  endpoint: string;
  accessToken: string;
  sessionToken: string;
  sessionSecret: string;
  userId: number;
  role: string;
}

interface Cli {
  child: ChildProcessWithoutNullStreams;
  banner: Banner;
  /** everything written to stdout so far */
  stdout: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcessWithoutNullStreams[] = [];

function spawnCli(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...args], { cwd: ROOT });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function startCli(args: string[]): Promise<Cli> {
  const cli = spawnCli(args);
  const deadline = Date.now() + 20_000;
  while (!cli.stdout().includes('\n')) {
    if (Date.now() > deadline || cli.child.exitCode !== null) throw new Error(`CLI did not start: ${cli.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const banner = JSON.parse(cli.stdout().split('\n')[0]!) as Banner;
  return { ...cli, banner };
}

function call(banner: Banner, path: string, params: Record<string, string | number>): Promise<Response> {
  return fetch(`${banner.endpoint}${API}${path}`, {
    method: 'POST',
    headers: {
      'HT-ACCESS-TOKEN': banner.accessToken,
      'IMR-SESSION-TOKEN': banner.sessionToken,
      'IMR-SESSION-SECRET': banner.sessionSecret,
    },
    body: form(params),
  });
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('the CLI', () => {
  it('prints one JSON line first, logs requests without secrets, stops cleanly on SIGTERM', async () => {
    const file = join(dir, 'state.json');
    const cli = await startCli(['--port', '0', '--data', file, '--speed', '0', '--seed', 'demo']);
    expect(Object.keys(cli.banner).sort()).toEqual(['accessToken', 'endpoint', 'role', 'sessionSecret', 'sessionToken', 'userId']);
    expect(cli.banner.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await call(cli.banner, '/create', { name: 'from-cli', size: 5 })).status).toBe(200);
    expect((await call(cli.banner, '/1/get', {})).status).toBe(200);
    await fetch(`${cli.banner.endpoint}${API}/list?keywords=pg`, { headers: { 'HT-ACCESS-TOKEN': cli.banner.accessToken } });
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);

    const [, ...rest] = cli.stdout().split('\n');
    const log = rest.join('\n');
    expect(log).toMatch(/POST \/services\/openstack\/volume\/create 200 \d+ms/);
    expect(log).toMatch(/GET \/services\/openstack\/volume\/list 403 \d+ms/);
    for (const secret of [cli.banner.accessToken, cli.banner.sessionToken, cli.banner.sessionSecret]) expect(log).not.toContain(secret);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { volumes: { name: string }[] };
    expect(saved.volumes.some((v) => v.name === 'from-cli')).toBe(true);
  });

  it('rejects bad arguments with exit code 2', async () => {
    for (const args of [['--speed', 'fast'], ['--port', '99999'], ['--seed', 'lots'], ['--bogus']]) {
      const cli = spawnCli(args);
      expect(await cli.exited).toBe(2);
      expect(cli.stderr()).toMatch(/usage: sandbox/);
    }
  });

  it('survives a SIGKILL in the middle of a burst: the file parses and every answered create is there', async () => {
    const file = join(dir, 'state.json');
    // A few thousand volumes make each write take a while, so the burst spans several group commits.
    const cli = await startCli(['--port', '0', '--data', file, '--speed', '0', '--seed', 'scale:3000']);
    const answered: number[] = [];
    let killed = false;
    const burst = Array.from(
      { length: 200 },
      (_, i) =>
        call(cli.banner, '/create', { name: `burst-${i}`, size: 1 })
          .then(async (res) => {
            const body = (await res.json()) as { status: number; result?: { unique: number } };
            if (body.status === 200 && body.result) answered.push(body.result.unique);
            if (answered.length >= 1 && !killed) {
              killed = true;
              cli.child.kill('SIGKILL');
            }
          })
          .catch(() => undefined), // requests cut off by the kill
    );
    await Promise.all(burst);
    await cli.exited;
    expect(killed).toBe(true);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(answered.length).toBeLessThan(200); // the kill did land mid-burst

    const saved = JSON.parse(await readFile(file, 'utf8')) as { volumes: { unique: number }[] };
    const onDisk = new Set(saved.volumes.map((v) => v.unique));
    for (const unique of answered) expect(onDisk.has(unique)).toBe(true);

    const again = await startCli(['--port', '0', '--data', file, '--speed', '0']);
    expect(again.banner.accessToken).not.toBe(cli.banner.accessToken); // issued afresh, never kept in the file
    for (const unique of answered) {
      const res = await call(again.banner, `/${unique}/get`, {});
      expect(res.status).toBe(200);
    }
    const list = await fetch(`${again.banner.endpoint}${API}/list?offset=1000`, {
      headers: {
        'HT-ACCESS-TOKEN': again.banner.accessToken,
        'IMR-SESSION-TOKEN': again.banner.sessionToken,
        'IMR-SESSION-SECRET': again.banner.sessionSecret,
      },
    });
    const page = (await list.json()) as { result: { total: number } };
    expect(page.result.total).toBe(onDisk.size);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});
