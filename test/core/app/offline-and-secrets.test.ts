/**
 * A full run of the core over the contract, as a window would drive it: a second cloud added
 * with keychain credentials, work queued while it is offline, the cloud back, the session expired
 * and renewed. Then every secret ever used is looked for in the data folder, the log and every
 * reply and event the window received: none may be there.
 */
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/dispatch';
import type { AccountView, InvokeChannel, VolumeListing } from '../../../electron/shared/contract';
import type { BatchView } from '../../../electron/shared/queue';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';

describe('offline work and secrets over a full run', () => {
  let dataDir: string;
  let core: AppCore;
  let cloud: RunningSandbox;
  let cloudFile: string;
  let port: number;
  let accountId: string;
  const seen: string[] = []; // every reply and event, as the window gets them
  const logLines: string[] = [];
  const secrets = new Set<string>();

  async function call<T>(channel: InvokeChannel, payload: object): Promise<T> {
    const reply = await dispatch(core.handlers, channel, payload);
    seen.push(JSON.stringify(reply));
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.detail ?? ''}`);
    return reply.result as T;
  }
  const stateOf = async () => (await call<AccountView[]>('accounts:list', {})).find((a) => a.id === accountId)!;
  const rememberSecrets = (sandbox: RunningSandbox, session = sandbox.adminSession) => {
    for (const secret of [sandbox.accessToken, session.sessionToken, session.sessionSecret]) secrets.add(secret);
    return { accessToken: sandbox.accessToken, sessionToken: session.sessionToken, sessionSecret: session.sessionSecret };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-full-'));
    const record = (level: string) => (message: string, fields?: object) =>
      logLines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    core = await startAppCore({
      dataDir,
      logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
      offlineRetryMs: 100,
      queueWait: { firstMs: 50, stepMs: 50, capMs: 200, timeoutMs: 60_000 },
    });
    core.onEvent((event, payload) => seen.push(JSON.stringify({ event, payload })));
    rememberSecrets(core.sandbox);
    cloudFile = join(dataDir, 'second-cloud.json');
    cloud = await startSandbox({ seed: 'demo', speed: 0, dataFile: cloudFile });
    port = Number(new URL(cloud.endpoint).port);
    // Kept in the OS keychain (a real Secret Service in the test run), not in memory.
    const added = await call<AccountView>('accounts:add', {
      name: 'Second cloud',
      endpoint: cloud.endpoint,
      colour: '#2266aa',
      secrets: rememberSecrets(cloud),
    });
    expect(added.secretsIn).toBe('keychain');
    accountId = added.id;
  });

  afterAll(async () => {
    await cloud.stop();
    await core.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the cached list while the cloud is down, holds queued work, and runs it when the cloud is back', async () => {
    const known = await call<VolumeListing>('volumes:list', { accountId });
    expect(known.source).toBe('live');
    await cloud.stop();

    const offline = await call<VolumeListing>('volumes:list', { accountId });
    expect(offline).toMatchObject({ source: 'cache', asOf: known.asOf, problem: { code: 'client.network' } });
    expect(offline.volumes).toEqual(known.volumes);
    expect((await stateOf()).state).toBe('offline');

    const batch = await call<BatchView>('queue:submit', {
      title: 'Create while offline',
      items: [{ op: 'create', accountId, params: { userid: 101, name: 'made-offline', size: 1 } }],
    });
    await new Promise((done) => setTimeout(done, 300));
    const held = (await call<BatchView[]>('queue:list', {})).find((b) => b.id === batch.id)!;
    expect(held.items[0]!.state).toBe('pending');

    // The same cloud coming back: its token and sessions are handed over (a sandbox keeps them only in memory).
    cloud = await startSandbox({ port, dataFile: cloudFile, speed: 0, credentials: cloud.credentials() });
    await expect.poll(async () => (await stateOf()).state, { timeout: 10_000 }).toBe('online');
    await expect
      .poll(async () => (await call<BatchView[]>('queue:list', {})).find((b) => b.id === batch.id)!.items[0]!.state, { timeout: 10_000 })
      .toBe('done');
    const after = await call<VolumeListing>('volumes:list', { accountId, keywords: 'made-offline' });
    expect(after.volumes.map((v) => v.name)).toEqual(['made-offline']);
  });

  it('tells the window once when the session expires, and goes on with new credentials', async () => {
    const notifications: string[] = [];
    core.onEvent((event, payload) => {
      if (event === 'notification') notifications.push((payload as { kind: string }).kind);
    });
    cloud.expireSessions();
    await call('accounts:refresh', { accountId });
    await call('accounts:refresh', { accountId });
    expect((await stateOf()).state).toBe('expired');
    await expect.poll(() => notifications, { timeout: 5_000 }).toEqual(['session-expired']);

    const renewed = rememberSecrets(cloud, cloud.createSession(100, 'admin'));
    await call('accounts:set-credentials', { accountId, secrets: renewed });
    const batch = await call<BatchView>('queue:submit', {
      title: 'Two creates',
      items: [1, 2].map((n) => ({ op: 'create', accountId, params: { userid: 101, name: `renewed-${n}`, size: 1 } })),
    });
    await expect.poll(() => notifications, { timeout: 10_000 }).toEqual(['session-expired', 'batch-finished']);
    const finished = seen
      .filter((line) => line.includes('"batch-finished"'))
      .map((line) => JSON.parse(line) as { payload: { body: string; target: object } });
    expect(finished.at(-1)!.payload).toMatchObject({ body: '2 done', target: { kind: 'batch', batchId: batch.id } });
    expect((await stateOf()).state).toBe('online');
  });

  it('never lets a secret into the data folder, the log, or anything the window received', async () => {
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        // The sandboxes' own data files are the cloud's side, which must know its sessions.
        else if (path !== cloudFile && !path.endsWith('local-sandbox.json')) files.push(path);
      }
    };
    await walk(dataDir);
    expect(files.map((f) => f.slice(dataDir.length))).toEqual(expect.arrayContaining(['/accounts.json', '/queue.jsonl']));
    const haystacks = [...(await Promise.all(files.map((f) => readFile(f, 'utf8')))), logLines.join('\n'), seen.join('\n')];
    expect(secrets.size).toBeGreaterThanOrEqual(7);
    expect(seen.length).toBeGreaterThan(10);
    for (const secret of secrets) for (const haystack of haystacks) expect(haystack.includes(secret)).toBe(false);
  });
});
