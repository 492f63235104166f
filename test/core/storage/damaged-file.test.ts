/** A damaged file is moved aside untouched, beside itself, and never over an earlier one. */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataNotices, keepDamaged, setAside } from '../../../electron/core/storage/damaged-file';
import { silentLogger } from '../../../electron/core/ports';

describe('setAside', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cdd-aside-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('moves a file to <name>.damaged-<UTC time> with its bytes unchanged', async () => {
    const file = join(dir, 'settings.json');
    await writeFile(file, '{"trunc');
    const aside = await setAside(file, new Date('2024-05-01T10:20:30.123Z'));
    expect(aside).toBe(join(dir, 'settings.json.damaged-2024-05-01T10-20-30-123Z'));
    expect(await readFile(aside, 'utf8')).toBe('{"trunc');
    expect(await readdir(dir)).toEqual(['settings.json.damaged-2024-05-01T10-20-30-123Z']);
  });

  it('never replaces an earlier one set aside in the same millisecond', async () => {
    const file = join(dir, 'queue.jsonl');
    const now = new Date('2024-05-01T10:20:30.123Z');
    const kept: string[] = [];
    for (const text of ['first', 'second', 'third']) {
      await writeFile(file, text);
      kept.push(await setAside(file, now));
    }
    expect(kept.map((path) => path.slice(dir.length + 1))).toEqual([
      'queue.jsonl.damaged-2024-05-01T10-20-30-123Z',
      'queue.jsonl.damaged-2024-05-01T10-20-30-123Z.1',
      'queue.jsonl.damaged-2024-05-01T10-20-30-123Z.2',
    ]);
    expect(await Promise.all(kept.map((path) => readFile(path, 'utf8')))).toEqual(['first', 'second', 'third']);
  });

  it('moves a folder that stands where a file belongs', async () => {
    const file = join(dir, 'accounts.json');
    await mkdir(join(file, 'inner'), { recursive: true });
    const aside = await setAside(file);
    expect((await stat(join(aside, 'inner'))).isDirectory()).toBe(true);
  });

  it('records a notice with where it went, or null when it could not be moved', async () => {
    const notices = new DataNotices();
    const file = join(dir, 'settings.json');
    await writeFile(file, 'garbage');
    const keptAt = await keepDamaged(
      file,
      { code: 'settings', file: 'settings.json', params: { kept: 0 } },
      { notices, logger: silentLogger },
    );
    await keepDamaged(join(dir, 'missing.json'), { code: 'settings', file: 'missing.json', params: {} }, { notices, logger: silentLogger });
    expect(notices.list()).toEqual([
      { code: 'settings', file: 'settings.json', keptAt, params: { kept: 0 } },
      { code: 'settings', file: 'missing.json', keptAt: null, params: {} },
    ]);
  });
});
