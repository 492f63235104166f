import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAppCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/dispatch';
import { LABELS_FILE, LabelLimitError, LabelStore } from '../../../electron/core/labels/label-store';
import { DataNotices } from '../../../electron/core/storage/damaged-file';
import { LIMITS } from '../../../electron/shared/limits';

describe('label store', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'cdd-labels-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps trimmed labels per account across a restart, in a private file, and tells listeners', async () => {
    const store = await LabelStore.open(dir);
    const heard: string[] = [];
    store.onChange((accountId, labels) => heard.push(`${accountId}:${JSON.stringify(labels.server)}`));
    await store.set('acc-1', 'server', 'srv-a', '  Web front  ');
    await store.set('acc-1', 'image', 'img-9', 'Debian 12');
    await store.set('acc-2', 'server', 'srv-a', 'Other cloud');
    expect(heard[0]).toBe('acc-1:{"srv-a":"Web front"}');
    const reopened = await LabelStore.open(dir);
    expect(reopened.of('acc-1')).toEqual({ server: { 'srv-a': 'Web front' }, image: { 'img-9': 'Debian 12' } });
    expect(reopened.of('acc-2').server).toEqual({ 'srv-a': 'Other cloud' });
    expect(reopened.of('acc-3')).toEqual({ server: {}, image: {} });
    if (process.platform !== 'win32') expect((await stat(join(dir, LABELS_FILE))).mode & 0o777).toBe(0o600);
  });

  it('takes a label away with null, and forgets an account entirely', async () => {
    const store = await LabelStore.open(dir);
    await store.set('acc-1', 'server', 'srv-a', 'Web');
    await store.set('acc-2', 'server', 'srv-b', 'DB');
    await store.set('acc-1', 'server', 'srv-a', null);
    await store.forget('acc-2');
    expect(JSON.parse(await readFile(join(dir, LABELS_FILE), 'utf8'))).toEqual({});
  });

  it('refuses an empty or over-long label and a label past the count limit, leaving what was kept', async () => {
    const store = await LabelStore.open(dir);
    await expect(store.set('acc-1', 'server', 'srv-a', '   ')).rejects.toThrow();
    await expect(store.set('acc-1', 'server', 'srv-a', 'x'.repeat(LIMITS.labelLength + 1))).rejects.toThrow();
    await store.set('acc-1', 'server', 'srv-a', 'x'.repeat(LIMITS.labelLength));
    for (let i = 1; i < LIMITS.labelsPerAccount; i++) await store.set('acc-1', i % 2 ? 'image' : 'server', `id-${i}`, `L${i}`);
    await expect(store.set('acc-1', 'image', 'one-more', 'Too many')).rejects.toBeInstanceOf(LabelLimitError);
    // Renaming one that exists still works at the limit.
    await store.set('acc-1', 'server', 'srv-a', 'Renamed');
    const reopened = await LabelStore.open(dir);
    expect(reopened.of('acc-1').server['srv-a']).toBe('Renamed');
    expect(reopened.of('acc-1').image['one-more']).toBeUndefined();
  }, 60_000);

  it('runs changes made at once one after another, losing none', async () => {
    const store = await LabelStore.open(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set('acc-1', 'server', `srv-${i}`, `S${i}`)));
    expect(Object.keys((await LabelStore.open(dir)).of('acc-1').server)).toHaveLength(20);
  });

  it('sets a damaged file aside and keeps the accounts whose labels are still valid', async () => {
    await writeFile(
      join(dir, LABELS_FILE),
      JSON.stringify({ good: { server: { s: 'Kept' }, image: {} }, bad: { server: { s: '' }, image: {} } }),
    );
    const notices = new DataNotices();
    const store = await LabelStore.open(dir, undefined, notices);
    expect(store.list()).toEqual({ good: { server: { s: 'Kept' }, image: {} } });
    expect(notices.list()).toEqual([expect.objectContaining({ code: 'labels', file: LABELS_FILE, params: { kept: 1 } })]);
    expect((await readdir(dir)).some((name) => name.startsWith(`${LABELS_FILE}.damaged-`))).toBe(true);
  });

  it('sets a file that is not JSON aside and starts empty', async () => {
    await writeFile(join(dir, LABELS_FILE), '{"good": ');
    const notices = new DataNotices();
    expect((await LabelStore.open(dir, undefined, notices)).list()).toEqual({});
    expect(notices.list()[0]).toMatchObject({ code: 'labels', params: { kept: 0 } });
    expect(await readFile(join((await readdir(dir)).map((name) => join(dir, name)).find((p) => p.includes('.damaged-'))!), 'utf8')).toBe(
      '{"good": ',
    );
  });
});

describe('labels through the core', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'cdd-labels-core-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('sets a label for an account, sends it as an event, keeps it across a restart and forgets it with the account', async () => {
    let core = await startAppCore({ dataDir: dir });
    const [local] = await core.handlers['accounts:list']({});
    const events: unknown[] = [];
    core.onEvent((event, payload) => event === 'labels:changed' && events.push(payload));
    expect(
      await dispatch(core.handlers, 'labels:set', { accountId: local!.id, kind: 'server', id: 'srv-1', label: ' Build box ' }),
    ).toMatchObject({ ok: true, result: { server: { 'srv-1': 'Build box' } } });
    expect(events).toEqual([{ accountId: local!.id, labels: { server: { 'srv-1': 'Build box' }, image: {} } }]);
    expect(
      await dispatch(core.handlers, 'labels:set', { accountId: 'no-such-account', kind: 'server', id: 'srv-1', label: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'account.not-found' } });
    expect(await dispatch(core.handlers, 'labels:set', { accountId: local!.id, kind: 'volume', id: 'v', label: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'ipc.invalid-payload' },
    });
    await core.stop();

    core = await startAppCore({ dataDir: dir });
    expect(await core.handlers['labels:list']({})).toEqual({ [local!.id]: { server: { 'srv-1': 'Build box' }, image: {} } });
    await core.handlers['accounts:remove']({ accountId: local!.id });
    expect(await core.handlers['labels:list']({})).toEqual({});
    await core.stop();
  }, 30_000);
});
