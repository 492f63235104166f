/**
 * The sandbox as a process: `npm run sandbox -- --port 8787 --data FILE --seed demo --speed 1`.
 * The first stdout line is one JSON object with the endpoint and credentials; every later line is
 * a request log without secrets. SIGINT/SIGTERM stop cleanly (the data file is complete).
 */
import { parseArgs } from 'node:util';
import { parseSeed } from './seed';
import { startSandbox, type SandboxOptions } from './index';

const USAGE = `usage: sandbox [--host 127.0.0.1] [--port 8787] [--data FILE] [--seed demo|empty|scale:N]
               [--speed 1] [--session-ttl SECONDS] [--random-seed N]`;

class UsageError extends Error {}

function number(name: string, text: string | undefined, check: (n: number) => boolean): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`invalid --${name}: ${text}`);
  return n;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function parseOptions(argv: string[]): SandboxOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      data: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      'session-ttl': { type: 'string' },
      'random-seed': { type: 'string' },
    },
  });
  const host = values.host ?? '127.0.0.1';
  if (!isLoopback(host)) process.stderr.write(`warning: listening on ${host}, reachable beyond this machine\n`);
  const seed = values.seed ?? 'demo';
  try {
    parseSeed(seed);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.data === '') throw new UsageError('invalid --data: empty path');
  return {
    host,
    port: number('port', values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535) ?? 8787,
    dataFile: values.data,
    seed,
    speed: number('speed', values.speed, (n) => n >= 0),
    sessionTtlSeconds: number('session-ttl', values['session-ttl'], (n) => n > 0),
    randomSeed: number('random-seed', values['random-seed'], Number.isInteger),
  };
}

async function main(): Promise<void> {
  // `npm run sandbox -- --x` and `tsx cli.ts -- --x` may pass the separator through.
  const argv = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
  let options: SandboxOptions;
  try {
    options = parseOptions(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const sandbox = await startSandbox({ ...options, log: (line) => process.stdout.write(`${line}\n`) });
  const { adminSession } = sandbox;
  process.stdout.write(
    `${JSON.stringify({
      endpoint: sandbox.endpoint,
      accessToken: sandbox.accessToken,
      sessionToken: adminSession.sessionToken,
      sessionSecret: adminSession.sessionSecret,
      userId: adminSession.userId,
      role: adminSession.role,
    })}\n`,
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    sandbox.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
