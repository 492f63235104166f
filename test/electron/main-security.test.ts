/**
 * The built main bundle under the stand-in `electron`: what a security reviewer checks - the
 * window's webPreferences, which URLs a webContents may reach, who gets IPC answers, what the
 * app:// handler serves, and that a packaged build's menu has no developer tools or reload.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/shared/content-security-policy';
import { INVOKE_CHANNELS } from '../../electron/shared/contract';
import { loadMain, tempPaths, type LoadedMain } from './load-main';
import { FakeFrame } from './stand-in/electron';

interface MenuItem {
  label?: string;
  role?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: MenuItem[];
}

const flatten = (items: MenuItem[]): MenuItem[] => items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);
const APP_URL = 'app://cloud-disk-desk/index.html';

let root: string;
let main: LoadedMain;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cdd-main-security-'));
  main = loadMain({ paths: tempPaths(root), isPackaged: true, version: '1.2.3' });
  await main.start();
  main.window.paint();
});

afterAll(async () => {
  await main?.quit();
  await rm(root, { recursive: true, force: true });
});

describe('the window', () => {
  it('is locked down, preloads only the built preload, and shows once painted on the theme colour', () => {
    const options = main.window.options;
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(options.webPreferences?.preload).toBe(join(process.cwd(), 'dist/electron/preload.cjs'));
    expect(options).toMatchObject({ show: false, backgroundColor: '#f2f3f5' });
    expect(options.minWidth).toBeGreaterThanOrEqual(1024);
    expect(options.minHeight).toBeGreaterThanOrEqual(640);
    expect(main.window.loadedUrl).toBe(APP_URL);
    expect(main.window.visible).toBe(true);
  });

  it('registers app:// as a privileged standard scheme before ready', () => {
    expect(main.electron.callsTo('protocol.registerSchemesAsPrivileged')).toEqual([
      [[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]],
    ]);
  });

  it('keeps crash dumps local', () => {
    expect(main.electron.callsTo('crashReporter.start')).toEqual([[{ uploadToServer: false }]]);
  });
});

describe('navigation', () => {
  const foreign = [
    'file:///etc/passwd',
    'file:///tmp/dropped.html',
    'data:text/html,<script>alert(1)</script>',
    'javascript:alert(1)',
    'https://example.com/',
    'about:blank',
    'app://other-host/index.html',
    'app://user:pw@cloud-disk-desk/index.html',
  ];

  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
    it(`${event}: the app's own documents only`, () => {
      const contents = main.window.webContents;
      for (const url of foreign) expect(contents.fire(event, url), url).toBe(false);
      expect(contents.fire(event, APP_URL)).toBe(true);
      expect(contents.fire(event, 'app://cloud-disk-desk/index.html#/volumes')).toBe(true);
    });
  }

  it('guards every webContents, not only the window, and refuses webviews', () => {
    const other = main.electron.foreignWebContents();
    expect(other.fire('will-navigate', 'file:///etc/passwd')).toBe(false);
    expect(other.fire('will-attach-webview', APP_URL)).toBe(false);
    expect(main.window.webContents.fire('will-attach-webview', APP_URL)).toBe(false);
  });

  it('denies new windows; http(s) links go to the browser, other schemes nowhere', () => {
    const open = main.window.webContents.windowOpenHandler!;
    const before = main.electron.callsTo('shell.openExternal').length;
    expect(open({ url: 'https://docs.example.com/volumes' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(main.electron.callsTo('shell.openExternal').slice(before)).toEqual([['https://docs.example.com/volumes']]);
  });

  it('denies every permission request and check', () => {
    const session = main.electron.defaultSession;
    let granted: boolean | undefined;
    session.permissionRequest!(main.window.webContents, 'media', (answer) => (granted = answer));
    expect(granted).toBe(false);
    expect(session.permissionCheck!(main.window.webContents, 'notifications')).toBe(false);
  });
});

describe('IPC', () => {
  it("answers the window's top frame on the app's page", async () => {
    expect(await main.electron.invoke('app:info', {})).toMatchObject({ ok: true, result: { version: expect.any(String) } });
  });

  it('refuses a foreign frame, a subframe, and another webContents', async () => {
    const contents = main.window.webContents;
    const refused = { ok: false, error: { code: 'ipc.forbidden-sender', params: {}, detail: expect.any(String) } };
    // The window's own top frame, but on a file: page (a dropped .html file).
    contents.mainFrame.url = 'file:///tmp/dropped.html';
    try {
      expect(await main.electron.invoke('app:info', {})).toEqual(refused);
    } finally {
      contents.mainFrame.url = APP_URL;
    }
    // An iframe inside the app's page, even one on an app:// URL.
    expect(
      await main.electron.invoke('app:info', {}, { sender: contents, senderFrame: new FakeFrame(APP_URL, contents.mainFrame) }),
    ).toEqual(refused);
    // A frame that is gone.
    expect(await main.electron.invoke('app:info', {}, { sender: contents, senderFrame: null })).toEqual(refused);
    const other = main.electron.foreignWebContents();
    other.mainFrame.url = APP_URL;
    expect(await main.electron.invoke('app:info', {}, { sender: other, senderFrame: other.mainFrame })).toEqual(refused);
  });

  it('registers the contract channels only', () => {
    expect([...main.electron.ipcHandlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(main.electron.ipcHandlers.has('secrets:dump')).toBe(false);
  });
});

describe('the app:// handler', () => {
  const get = (url: string) => main.electron.protocolHandlers.get('app')!(new Request(url));

  it('serves the built index.html with the CSP header', async () => {
    const response = await get(APP_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<div id="app">');
  });

  it('serves the page icon the built index names, and no CSP in a <meta> (Chromium logs an error for its frame-ancestors)', async () => {
    const html = await (await get(APP_URL)).text();
    expect(html).not.toMatch(/http-equiv=["']?content-security-policy/i);
    const icon = /<link rel="icon"[^>]*href="\.\/([^"]+)"/.exec(html)?.[1];
    expect(icon).toMatch(/\.svg$/);
    const response = await get(`app://cloud-disk-desk/${icon}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('refuses paths out of the renderer folder, malformed escapes, other hosts and folders', async () => {
    for (const url of [
      'app://cloud-disk-desk/..%2f..%2fpackage.json',
      'app://cloud-disk-desk/%2e%2e/%2e%2e/package.json',
      'app://cloud-disk-desk/assets/..%2f..%2f..%2fpackage.json',
      'app://cloud-disk-desk/%E0%A4%A',
      'app://cloud-disk-desk/index.html%00.png',
      'app://elsewhere/index.html',
      'app://cloud-disk-desk/assets',
      'app://cloud-disk-desk/missing.js',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
  });
});

describe('the menu', () => {
  it('of a packaged build: edit roles, the app commands, no developer tools and no reload', () => {
    const items = flatten(main.electron.applicationMenu()!);
    const roles = items.map((item) => item.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']));
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
    // Ctrl/Cmd+R is the page's refresh: the menu shows it without taking the key.
    const refresh = items.find((item) => item.label === 'Refresh')!;
    expect(refresh).toMatchObject({ accelerator: 'CmdOrCtrl+R', registerAccelerator: false });
    expect(items.filter((item) => item.accelerator?.match(/^CmdOrCtrl\+R$/) && item.registerAccelerator !== false)).toEqual([]);
  });

  it("sends the page's commands to the window and opens the folders", () => {
    const items = flatten(main.electron.applicationMenu()!);
    const click = (label: string) => items.find((item) => item.label === label)!.click!();
    const sent = main.window.webContents.sent;
    const before = sent.length;
    click('New Volume…');
    click('Refresh');
    click('Activity Panel');
    click('Settings…');
    expect(sent.slice(before).filter((message) => message.channel === 'app:command')).toEqual(
      ['new-volume', 'refresh', 'toggle-activity', 'open-settings'].map((command) => ({ channel: 'app:command', payload: { command } })),
    );
    click('Open Data Folder');
    click('Open Logs Folder');
    expect(main.electron.callsTo('shell.openPath').slice(-2)).toEqual([[join(root, 'data')], [join(root, 'logs')]]);
  });

  it('follows the language setting and says when no update server is configured', async () => {
    await main.electron.invoke('settings:set', { language: 'zh-CN', theme: 'dark' });
    const items = flatten(main.electron.applicationMenu()!);
    expect(items.map((item) => item.label)).toEqual(expect.arrayContaining(['文件', '编辑', '刷新', '检查更新…']));
    expect(main.electron.theme.themeSource).toBe('dark');
    items.find((item) => item.label === '检查更新…')!.click!();
    await new Promise((done) => setTimeout(done, 50));
    expect(main.electron.dialogs.at(-1)?.detail).toBe('此版本没有配置更新服务器，无法检查更新。');
  });
});

describe('a development build', () => {
  it('keeps reload and developer tools in its menu', async () => {
    const devRoot = await mkdtemp(join(tmpdir(), 'cdd-main-dev-'));
    const dev = loadMain({ paths: tempPaths(devRoot), isPackaged: false });
    try {
      await dev.start();
      const roles = flatten(dev.electron.applicationMenu()!).map((item) => item.role);
      expect(roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'copy', 'paste']));
    } finally {
      await dev.quit();
      await rm(devRoot, { recursive: true, force: true });
    }
  });
});
