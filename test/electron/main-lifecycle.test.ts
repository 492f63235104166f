/**
 * The built main bundle under the stand-in `electron`: how the desktop app starts, fails, quits
 * and comes back, as a user sees it - one instance, a dialog when it cannot start, a question
 * before quitting with work running, its window where it was left, notifications that work, and
 * a log file without a secret in it.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView, AppInfo, VolumeListing } from '../../electron/shared/contract';
import type { BatchView } from '../../electron/shared/queue';
import { startSandbox } from '../../sandbox/index';
import { loadMain, tempPaths, until, type LoadedMain } from './load-main';
import { InstanceLock, type MessageBoxLike } from './stand-in/electron';

let root: string;
const running: LoadedMain[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cdd-main-life-'));
});

afterEach(async () => {
  for (const main of running.splice(0)) if (!main.electron.ended()) await main.quit();
  await rm(root, { recursive: true, force: true });
});

function launch(options: Partial<Parameters<typeof loadMain>[0]> = {}): LoadedMain {
  const main = loadMain({ paths: tempPaths(root), isPackaged: true, ...options });
  running.push(main);
  return main;
}

async function result<T>(main: LoadedMain, channel: string, payload: unknown): Promise<T> {
  const reply = (await main.electron.invoke(channel, payload)) as { ok: boolean; result: T; error?: unknown };
  if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply.error)}`);
  return reply.result;
}

/** Queues work on the Local sandbox: a create (it takes the sandbox seconds) or renames of `count` volumes. */
async function queueWork(main: LoadedMain, op: 'create' | 'update', count = 1): Promise<BatchView> {
  const [account] = await result<AccountView[]>(main, 'accounts:list', {});
  const volumes = op === 'update' ? (await result<VolumeListing>(main, 'volumes:list', { accountId: account!.id })).volumes : [];
  const items = Array.from({ length: count }, (_, i) =>
    op === 'create'
      ? { op, accountId: account!.id, params: { name: `quit-test-${i}`, size: 10 } }
      : { op, accountId: account!.id, params: { unique: volumes[i]!.unique, name: `renamed-${i}` } },
  );
  return result<BatchView>(main, 'queue:submit', { title: 'quit test', items });
}

interface MenuItem {
  label?: string;
  click?: () => void;
  submenu?: MenuItem[];
}

const quitPrompts = (main: LoadedMain) => main.electron.dialogs.filter((box) => box.buttons?.length === 3);

describe('single instance', () => {
  it('a second launch quits without a window and brings the first one forward', async () => {
    const lock = new InstanceLock();
    const first = launch({ lock });
    await first.start();
    first.window.paint();
    first.window.minimize();
    const second = launch({ lock, paths: tempPaths(join(root, 'second')) });
    await second.start();
    expect(second.electron.ended()).toEqual({ how: 'quit' });
    expect(second.electron.windows).toEqual([]);
    expect(second.electron.ipcHandlers.size).toBe(0);
    expect(first.window.isMinimized()).toBe(false);
    expect(first.window.focused).toBe(true);
    expect(first.electron.ended()).toBeUndefined();
  });
});

describe('a failed start', () => {
  it('when the data folder is a file: a dialog with the reason and the path, which can show it, then exit 1', async () => {
    const paths = tempPaths(root);
    await writeFile(paths.userData!, 'not a folder');
    const main = launch({ paths, answer: () => 0 });
    await main.start();
    await until(() => main.electron.ended() !== undefined, 'the app to exit');
    expect(main.electron.ended()).toEqual({ how: 'exit', code: 1 });
    expect(main.electron.windows).toEqual([]);
    const [box] = main.electron.dialogs;
    expect(box).toMatchObject({ type: 'error', title: 'Cloud Disk Desk could not start' });
    expect(box!.detail).toContain(paths.userData);
    expect(box!.detail).toContain('not a folder');
    expect(main.electron.callsTo('shell.showItemInFolder')).toEqual([[paths.userData]]);
    expect(await readFile(join(paths.logs!, 'main.log'), 'utf8')).toContain('start failed');
  });

  it('when another process holds the data folder: its message, in the language of the OS', async () => {
    const first = launch();
    await first.start();
    const second = launch({ locale: 'zh-CN', answer: () => 1 });
    await second.start();
    await until(() => second.electron.ended() !== undefined, 'the second app to exit');
    expect(second.electron.ended()).toEqual({ how: 'exit', code: 1 });
    expect(second.electron.dialogs[0]).toMatchObject({ title: 'Cloud Disk Desk 无法启动' });
    expect(second.electron.dialogs[0]!.detail).toMatch(/数据文件夹正被另一个 Cloud Disk Desk 使用/);
    expect(second.electron.callsTo('shell.openPath')).toEqual([]);
    expect(first.electron.ended()).toBeUndefined();
  });
});

describe('quitting with queue work running', () => {
  let answer: number;
  const answering = (box: MessageBoxLike) => (box.buttons?.length === 3 ? answer : 0);

  it('Cancel keeps the app and its window; nothing is stopped', async () => {
    const main = launch({ answer: answering });
    await main.start();
    await queueWork(main, 'create');
    answer = 2;
    (main.electron.module.app as { quit(): void }).quit();
    await until(() => quitPrompts(main).length === 1, 'the quit prompt');
    await new Promise((done) => setTimeout(done, 20));
    expect(quitPrompts(main)[0]).toMatchObject({
      message: '1 operations are queued or running.',
      buttons: ['Quit Now', 'Wait for Them to Finish', 'Cancel'],
    });
    expect(main.electron.ended()).toBeUndefined();
    expect(main.window.isDestroyed()).toBe(false);
    expect(await result(main, 'app:info', {})).toBeTruthy();
    answer = 0;
  });

  it('closing the last window asks too (Windows, Linux), and Quit Now stops; the journal resumes the work at the next launch', async () => {
    const main = launch({ answer: answering });
    await main.start();
    const batch = await queueWork(main, 'create');
    answer = 0;
    main.window.close();
    await main.electron.whenEnded();
    expect(quitPrompts(main)).toHaveLength(1);
    expect(main.electron.ended()).toEqual({ how: 'quit' });
    const again = launch();
    await again.start();
    const [resumed] = await result<BatchView[]>(again, 'queue:list', {});
    expect(resumed!.id).toBe(batch.id);
    expect(['pending', 'running', 'waiting', 'done']).toContain(resumed!.items[0]!.state);
  });

  it('Wait for Them to Finish quits once the queue is empty', async () => {
    const main = launch({ answer: answering });
    await main.start();
    await queueWork(main, 'update');
    answer = 1;
    await main.quit();
    expect(quitPrompts(main)).toHaveLength(1);
    expect(await readFile(join(root, 'data', 'queue.jsonl'), 'utf8')).toContain('"done"');
  });

  it('with nothing queued, quits without asking', async () => {
    const main = launch({ answer: answering });
    await main.start();
    await main.quit();
    expect(quitPrompts(main)).toEqual([]);
  });
});

/** Runs `body` with process.platform reading `platform` (the bundle reads it at run time). */
async function asPlatform(platform: NodeJS.Platform, body: () => Promise<void>): Promise<void> {
  const real = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { ...real, value: platform });
  try {
    await body();
  } finally {
    Object.defineProperty(process, 'platform', real);
  }
}

describe('desktop conventions per OS', () => {
  it('macOS: an app menu, the app stays when its window closes, activate reopens it, Cmd+Q still asks', () =>
    asPlatform('darwin', async () => {
      let answer = 0;
      const main = launch({ answer: (box) => (box.buttons?.length === 3 ? answer : 0) });
      await main.start();
      expect(main.electron.applicationMenu()![0]).toMatchObject({ role: 'appMenu' });
      main.window.close();
      expect(main.window.isDestroyed()).toBe(true);
      expect(main.electron.ended()).toBeUndefined();
      (main.electron.module.app as EventEmitter).emit('activate');
      await until(() => main.electron.windows.length === 2, 'a new window');
      // A menu command with no window open opens one and gives it the command once it has loaded.
      main.window.close();
      const refresh = (items: MenuItem[]): MenuItem | undefined =>
        items.map((item) => (item.label === 'Refresh' ? item : refresh(item.submenu ?? []))).find(Boolean);
      refresh(main.electron.applicationMenu() as MenuItem[])!.click!();
      await until(() => main.electron.windows.length === 3, 'a window for the command');
      main.window.paint();
      expect(main.window.webContents.sent).toContainEqual({ channel: 'app:command', payload: { command: 'refresh' } });
      await queueWork(main, 'create');
      answer = 0;
      await main.quit();
      expect(quitPrompts(main)).toHaveLength(1);
    }));

  it('Windows: the AppUserModelID is the app id, and logging off stops without asking', () =>
    asPlatform('win32', async () => {
      const main = launch({ answer: () => 2 });
      await main.start();
      expect(main.electron.callsTo('app.setAppUserModelId')).toEqual([['io.github.cloud-disk-desk']]);
      await queueWork(main, 'create');
      main.window.emit('session-end');
      await main.electron.whenEnded();
      expect(quitPrompts(main)).toEqual([]);
      expect(main.electron.ended()).toEqual({ how: 'quit' });
    }));
});

describe('settings the shell follows', () => {
  it('the theme colours the next window before it paints; the update check at start can be switched off', async () => {
    const first = launch();
    await first.start();
    expect(await readFile(join(root, 'logs', 'main.log'), 'utf8')).toContain('no update server is configured');
    await result(first, 'settings:set', { theme: 'dark', checkForUpdates: false });
    await first.quit();
    const logged = (await readFile(join(root, 'logs', 'main.log'), 'utf8')).length;
    const second = launch();
    await second.start();
    expect(second.window.options.backgroundColor).toBe('#0a0a0a');
    expect(second.electron.theme.themeSource).toBe('dark');
    await second.quit();
    expect((await readFile(join(root, 'logs', 'main.log'), 'utf8')).slice(logged)).not.toContain('updates:');
  });
});

describe('taskbar progress', () => {
  it('shows the running batch and clears when it is done', async () => {
    const main = launch();
    await main.start();
    // A create keeps its batch running for the sandbox's 3 s of "creating".
    await queueWork(main, 'create');
    const progress = () => main.electron.callsTo('BrowserWindow.setProgressBar').map(([value]) => value as number);
    await until(() => progress().at(-1) === 0, 'the progress of the running batch');
    await until(() => progress().at(-1) === -1, 'the progress bar to clear');
    expect(main.electron.callsTo('app.setBadgeCount').at(-1)).toEqual([0]);
  });
});

describe('notifications', () => {
  it('are held until clicked; the click brings the window to the batch', async () => {
    const main = launch();
    await main.start();
    main.window.paint();
    main.window.minimize();
    const batch = await queueWork(main, 'update', 2);
    await until(() => main.electron.notifications.some((n) => n.shown), 'the batch notification');
    const [shown] = main.electron.notifications;
    expect(shown!.options.title).toBeTruthy();
    expect(shown!.listenerCount('click')).toBe(1);
    shown!.emit('click');
    expect(main.window.isMinimized()).toBe(false);
    expect(main.window.focused).toBe(true);
    expect(main.window.webContents.sent).toContainEqual({ channel: 'app:navigate', payload: { kind: 'batch', batchId: batch.id } });
    expect(shown!.closed).toBe(true);
  });

  it('are toasts in the window, not the OS, while the user looks at the window', async () => {
    const main = launch();
    await main.start();
    main.window.paint();
    main.window.focus();
    const batch = await queueWork(main, 'update', 2);
    await until(() => main.window.webContents.sent.some((m) => m.channel === 'notification'), 'the notification sent to the page');
    const toast = main.window.webContents.sent.find((m) => m.channel === 'notification');
    expect(toast!.payload).toMatchObject({ kind: 'batch-finished', target: { kind: 'batch', batchId: batch.id } });
    expect(main.electron.notifications).toEqual([]);
  });
});

describe('window state', () => {
  it('is saved at quit and restored, fitted to the displays connected now', async () => {
    const first = launch({
      displays: [
        { x: 0, y: 0, width: 1920, height: 1080 },
        { x: 1920, y: 0, width: 2560, height: 1440 },
      ],
    });
    await first.start();
    first.window.paint();
    first.window.setBounds({ x: 2200, y: 100, width: 1600, height: 1000 });
    first.window.maximize();
    await first.quit();
    expect(JSON.parse(await readFile(join(root, 'data', 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 2200, y: 100, width: 1600, height: 1000 },
      maximized: true,
    });

    // The second monitor is gone: the window comes back whole on the one left.
    const second = launch({ displays: [{ x: 0, y: 0, width: 1440, height: 900 }] });
    await second.start();
    expect(second.window.getBounds()).toEqual({ x: 0, y: 0, width: 1440, height: 900 });
    expect(second.window.isMaximized()).toBe(false);
    second.window.paint();
    expect(second.window.isMaximized()).toBe(true);
  });

  it('a damaged state file: default size, the file kept aside', async () => {
    await mkdir(join(root, 'data'), { recursive: true });
    await writeFile(join(root, 'data', 'window-state.json'), '{"bounds": {"x": 1');
    const main = launch();
    await main.start();
    expect(main.window.getBounds()).toEqual({ x: 320, y: 140, width: 1280, height: 800 });
    const names = await readdir(join(root, 'data'));
    expect(names.some((name) => name.startsWith('window-state.json.damaged-'))).toBe(true);
    // The window is told, as for every other damaged data file.
    const info = await result<AppInfo>(main, 'app:info', {});
    expect(info.notices).toEqual([
      expect.objectContaining({
        code: 'window-state',
        file: 'window-state.json',
        keptAt: expect.stringContaining('window-state.json.damaged-'),
      }),
    ]);
  });
});

describe('the log and the network', () => {
  it('a log file in the logs folder with the start and the stop and no secret of any account; API calls through net.fetch', async () => {
    const cloud = await startSandbox({ speed: 0 });
    try {
      const main = launch();
      await main.start();
      const secrets = {
        accessToken: cloud.accessToken,
        sessionToken: cloud.adminSession.sessionToken,
        sessionSecret: cloud.adminSession.sessionSecret,
      };
      const added = await result<AccountView>(main, 'accounts:add', {
        name: 'Cloud',
        endpoint: cloud.endpoint,
        colour: '#3366ff',
        secrets,
        sessionOnly: true,
      });
      await result(main, 'volumes:list', { accountId: added.id });
      await result(main, 'accounts:test', { accountId: added.id });
      await main.quit();
      const log = await readFile(join(root, 'logs', 'main.log'), 'utf8');
      expect(log).toContain('starting');
      expect(log).toContain('local sandbox started');
      expect(log).toContain('stopped');
      for (const secret of Object.values(secrets)) expect(log).not.toContain(secret);
      // The API calls went through Chromium's network stack (net.fetch), not Node's own fetch.
      expect(main.electron.callsTo('net.fetch').some(([url]) => String(url).startsWith(cloud.endpoint))).toBe(true);
    } finally {
      await cloud.stop();
    }
  });
});
