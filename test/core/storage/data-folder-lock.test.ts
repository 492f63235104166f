/**
 * One process per data folder: a second core on the same folder is refused with who holds it,
 * a lock left by a killed process is taken over, and a stopped core frees the folder.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAppCore } from '../../../electron/core/app-core';
import { DataFolderLockedError, lockDataFolder } from '../../../electron/core/storage/data-folder-lock';

describe('the data folder lock', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdd-lock-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a second core on the same folder, naming the process, and frees it on stop', async () => {
    const first = await startAppCore({ dataDir, program: 'desktop app', sandbox: { speed: 0, seed: 'empty' } });
    try {
      const refused = await startAppCore({ dataDir, program: 'npm run web', sandbox: { speed: 0, seed: 'empty' } }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(DataFolderLockedError);
      expect((refused as Error).message).toContain(`desktop app, process ${process.pid} on ${hostname()}`);
      expect((refused as Error).message).toContain(dataDir);
    } finally {
      await first.stop();
    }
    const again = await startAppCore({ dataDir, sandbox: { speed: 0, seed: 'empty' } });
    await again.stop();
  });

  it('takes over a lock whose process was killed', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await writeFile(join(dataDir, '.lock'), JSON.stringify({ pid: child.pid, host: hostname(), program: 'crashed', since: 'earlier' }));
    await expect(lockDataFolder(dataDir, 'second')).rejects.toThrow(/crashed, process \d+/);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const lock = await lockDataFolder(dataDir, 'second');
    expect(JSON.parse(await readFile(join(dataDir, '.lock'), 'utf8'))).toMatchObject({ pid: process.pid, program: 'second' });
    await lock.release();
  });

  it('takes over an unreadable lock file, and respects one from another machine', async () => {
    await writeFile(join(dataDir, '.lock'), 'not json');
    const lock = await lockDataFolder(dataDir, 'here');
    await lock.release();
    await writeFile(join(dataDir, '.lock'), JSON.stringify({ pid: 1, host: 'another-machine', program: 'desktop app', since: 'now' }));
    await expect(lockDataFolder(dataDir, 'here')).rejects.toThrow(/process 1 on another-machine/);
  });
});
