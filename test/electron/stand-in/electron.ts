/**
 * A thin stand-in for the `electron` module, for running the BUILT main bundle and preload in
 * plain Node where no Electron binary exists. It models what the shell uses - app (events,
 * whenReady, single-instance lock, paths), BrowserWindow + webContents + frames (events a test
 * fires), ipcMain, protocol, Menu, dialog (scripted answers), Notification, nativeTheme, net,
 * screen, shell, session, crashReporter, contextBridge / ipcRenderer - and records the calls.
 * It is not Electron: it checks what the shell asks for, not what Chromium would do with it.
 */
import { EventEmitter } from 'node:events';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A call the shell made, by its API name (e.g. `shell.openExternal`). */
export interface Call {
  api: string;
  args: unknown[];
}

/** Who holds the single-instance lock among the stand-ins of one test (one per "process"). */
export class InstanceLock {
  holder: StandIn | undefined;
}

export interface StandInOptions {
  /** Folders for app.getPath: userData (the data folder), logs, crashDumps, ... */
  paths: Record<string, string>;
  isPackaged?: boolean;
  version?: string;
  locale?: string;
  /** Work areas of the connected displays; default one 1920×1080 display. */
  displays?: Rect[];
  /** Answers dialog.showMessageBox with a button index; default 0. */
  answer?: (options: MessageBoxLike) => number | Promise<number>;
  /** Shared between the stand-ins of one test to model two launches. */
  lock?: InstanceLock;
  /** Whether the OS prefers dark colours (nativeTheme with themeSource 'system'). */
  systemDark?: boolean;
}

export interface MessageBoxLike {
  type?: string;
  title?: string;
  message: string;
  detail?: string;
  buttons?: string[];
  defaultId?: number;
  cancelId?: number;
}

/** An event with preventDefault, as Electron passes to will-* and before-quit listeners. */
export class PreventableEvent {
  defaultPrevented = false;
  constructor(readonly url?: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  constructor(
    public url: string,
    readonly parent: FakeFrame | null = null,
  ) {}
  get top(): FakeFrame {
    return this.parent ? this.parent.top : this;
  }
}

export type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('');
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: WindowOpenHandler | undefined;
  destroyed = false;

  constructor(readonly session: FakeSession) {
    super();
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isCrashed(): boolean {
    return false;
  }
  /** Fires a will-* event the way Electron does; true when the shell let it through. */
  fire(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect' | 'will-attach-webview', url: string): boolean {
    const preventable = new PreventableEvent(url);
    this.emit(event, preventable, url);
    return !preventable.defaultPrevented;
  }
}

export class FakeSession {
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  permissionCheck: ((contents: unknown, permission: string) => boolean) | undefined;
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']): void {
    this.permissionCheck = handler;
  }
}

interface MenuItemLike {
  label?: string;
  role?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: MenuItemLike[];
  type?: string;
}

/** Everything the shell did and what a test can fire; `module` is what `require('electron')` returns. */
export interface StandIn {
  module: Record<string, unknown>;
  calls: Call[];
  callsTo(api: string): unknown[][];
  windows: FakeBrowserWindowInstance[];
  notifications: FakeNotificationInstance[];
  /** The message boxes shown, in order. */
  dialogs: MessageBoxLike[];
  ipcHandlers: Map<string, (event: unknown, payload: unknown) => unknown>;
  protocolHandlers: Map<string, (request: Request) => Response | Promise<Response>>;
  applicationMenu(): MenuItemLike[] | null;
  defaultSession: FakeSession;
  /** Makes the app ready (fires `ready`, resolves whenReady). */
  ready(): void;
  /** What the app has been asked to end with: 'quit' (after before-quit passed), an exit code, or nothing yet. */
  ended(): { how: 'quit' } | { how: 'exit'; code: number } | undefined;
  /** Resolves when the app quits or exits. */
  whenEnded(): Promise<void>;
  /** A webContents the shell did not create (another window, a devtools page). */
  foreignWebContents(): FakeWebContents;
  /** Calls an ipcMain handler as a frame would; undefined sender means the main window's top frame. */
  invoke(channel: string, payload: unknown, from?: { sender: FakeWebContents; senderFrame: FakeFrame | null }): Promise<unknown>;
  /** The world the preload exposed through contextBridge. */
  exposed: Map<string, unknown>;
  /** Where ipcRenderer.invoke goes (a test sets it to route into ipcMain handlers). */
  rendererInvoke: (channel: string, payload: unknown) => Promise<unknown>;
  rendererListeners: EventEmitter;
  theme: { themeSource: string };
}

export type FakeBrowserWindowInstance = InstanceType<ReturnType<typeof createStandIn>['BrowserWindowClass']>;
export type FakeNotificationInstance = InstanceType<ReturnType<typeof createStandIn>['NotificationClass']>;

export function createStandIn(
  options: StandInOptions,
): StandIn & { BrowserWindowClass: ReturnType<typeof windowClass>; NotificationClass: ReturnType<typeof notificationClass> } {
  const calls: Call[] = [];
  const record = (api: string, ...args: unknown[]) => calls.push({ api, args });
  const displays = options.displays ?? [{ x: 0, y: 0, width: 1920, height: 1080 }];
  const defaultSession = new FakeSession();
  const dialogs: MessageBoxLike[] = [];
  const ipcHandlers = new Map<string, (event: unknown, payload: unknown) => unknown>();
  const protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  const exposed = new Map<string, unknown>();
  const rendererListeners = new EventEmitter();
  let menu: MenuItemLike[] | null = null;
  let isReady = false;
  let ending: { how: 'quit' } | { how: 'exit'; code: number } | undefined;
  let endedResolve!: () => void;
  const endedPromise = new Promise<void>((resolve) => (endedResolve = resolve));
  let readyResolve!: () => void;
  const readyPromise = new Promise<void>((resolve) => (readyResolve = resolve));
  let quitting = false;
  const end = (how: NonNullable<typeof ending>) => {
    if (ending) return;
    ending = how;
    endedResolve();
  };

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    whenReady: () => readyPromise,
    isReady: () => isReady,
    getPath(name: string): string {
      const path = options.paths[name];
      if (!path) throw new Error(`stand-in: no path for ${name}`);
      return path;
    },
    getVersion: () => options.version ?? '0.0.0-stand-in',
    getName: () => 'Cloud Disk Desk',
    getLocale: () => options.locale ?? 'en-US',
    requestSingleInstanceLock(): boolean {
      record('app.requestSingleInstanceLock');
      const lock = options.lock;
      if (!lock) return true;
      if (lock.holder && !lock.holder.ended()) {
        // Electron tells the first instance about the second launch.
        (lock.holder.module.app as EventEmitter).emit('second-instance', new PreventableEvent(), ['cloud-disk-desk'], process.cwd());
        return false;
      }
      lock.holder = standIn;
      return true;
    },
    quit(): void {
      record('app.quit');
      const event = new PreventableEvent();
      app.emit('before-quit', event);
      if (event.defaultPrevented) return;
      quitting = true;
      for (const window of [...windows]) window.close();
      quitting = false;
      if (windows.some((window) => !window.destroyed)) return; // a window refused to close
      app.emit('will-quit', new PreventableEvent());
      app.emit('quit', new PreventableEvent(), 0);
      end({ how: 'quit' });
    },
    exit(code = 0): void {
      record('app.exit', code);
      end({ how: 'exit', code });
    },
    focus: () => record('app.focus'),
    setAppUserModelId: (id: string) => record('app.setAppUserModelId', id),
    setBadgeCount: (count: number) => (record('app.setBadgeCount', count), true),
  });

  const windows: FakeBrowserWindowInstance[] = [];
  const allContents: FakeWebContents[] = [];
  const newContents = () => {
    const contents = new FakeWebContents(defaultSession);
    allContents.push(contents);
    app.emit('web-contents-created', new PreventableEvent(), contents);
    return contents;
  };
  // Electron says so when the user closed the last window (not while quitting).
  const onWindowClosed = () => {
    if (!quitting && windows.every((window) => window.destroyed)) app.emit('window-all-closed');
  };
  const BrowserWindowClass = windowClass(record, windows, newContents, onWindowClosed);
  const NotificationClass = notificationClass(record);
  const notifications: FakeNotificationInstance[] = NotificationClass.instances;
  const theme = new (class extends EventEmitter {
    themeSource = 'system';
    get shouldUseDarkColors(): boolean {
      return this.themeSource === 'dark' || (this.themeSource === 'system' && (options.systemDark ?? false));
    }
  })();

  const module: Record<string, unknown> = {
    app,
    BrowserWindow: BrowserWindowClass,
    webContents: { getAllWebContents: () => allContents.filter((contents) => !contents.destroyed) },
    ipcMain: Object.assign(new EventEmitter(), {
      handle(channel: string, handler: (event: unknown, payload: unknown) => unknown) {
        if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, handler);
      },
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    }),
    protocol: {
      registerSchemesAsPrivileged(schemes: unknown) {
        if (isReady) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
        record('protocol.registerSchemesAsPrivileged', schemes);
      },
      handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
        protocolHandlers.set(scheme, handler);
      },
    },
    Menu: {
      buildFromTemplate: (template: MenuItemLike[]) => ({ items: template }),
      setApplicationMenu(built: { items: MenuItemLike[] } | null) {
        record('Menu.setApplicationMenu', built);
        menu = built?.items ?? null;
      },
      getApplicationMenu: () => (menu ? { items: menu } : null),
    },
    dialog: {
      async showMessageBox(windowOrOptions: unknown, maybeOptions?: MessageBoxLike) {
        const box = (maybeOptions ?? windowOrOptions) as MessageBoxLike;
        dialogs.push(box);
        record('dialog.showMessageBox', box);
        return { response: await (options.answer ?? (() => 0))(box), checkboxChecked: false };
      },
      showErrorBox: (title: string, content: string) => {
        dialogs.push({ title, message: content });
        record('dialog.showErrorBox', title, content);
      },
    },
    Notification: NotificationClass,
    nativeTheme: theme,
    net: {
      fetch: (input: string | Request, init?: RequestInit) => {
        record('net.fetch', typeof input === 'string' ? input : input.url);
        return fetch(input, init);
      },
    },
    screen: {
      getAllDisplays: () => displays.map((workArea, id) => ({ id, bounds: workArea, workArea, scaleFactor: 1 })),
      getPrimaryDisplay: () => ({ id: 0, bounds: displays[0], workArea: displays[0], scaleFactor: 1 }),
    },
    shell: {
      openExternal: async (url: string) => void record('shell.openExternal', url),
      openPath: async (path: string) => (record('shell.openPath', path), ''),
      showItemInFolder: (path: string) => record('shell.showItemInFolder', path),
    },
    session: { defaultSession },
    crashReporter: { start: (config: unknown) => record('crashReporter.start', config) },
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        record('contextBridge.exposeInMainWorld', key);
        exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke: (channel: string, payload: unknown) => standIn.rendererInvoke(channel, payload),
      on: (channel: string, listener: (...args: unknown[]) => void) => rendererListeners.on(channel, listener),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => rendererListeners.removeListener(channel, listener),
    },
  };

  const standIn = {
    module,
    calls,
    callsTo: (api: string) => calls.filter((call) => call.api === api).map((call) => call.args),
    windows,
    notifications,
    dialogs,
    ipcHandlers,
    protocolHandlers,
    applicationMenu: () => menu,
    defaultSession,
    ready() {
      isReady = true;
      app.emit('ready', new PreventableEvent(), {});
      readyResolve();
    },
    ended: () => ending,
    whenEnded: () => endedPromise,
    foreignWebContents: newContents,
    async invoke(channel: string, payload: unknown, from?: { sender: FakeWebContents; senderFrame: FakeFrame | null }) {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const window = windows.find((w) => !w.destroyed);
      const sender = from?.sender ?? window?.webContents;
      if (!sender) throw new Error('stand-in: no window to send from');
      return handler({ sender, senderFrame: from ? from.senderFrame : sender.mainFrame, frameId: 1, processId: 1 }, payload);
    },
    exposed,
    rendererInvoke: async (channel: string, _payload?: unknown): Promise<unknown> => {
      throw new Error(`stand-in: rendererInvoke not set (invoke of ${channel})`);
    },
    rendererListeners,
    theme,
    BrowserWindowClass,
    NotificationClass,
  };
  return standIn;
}

function windowClass(
  record: (api: string, ...args: unknown[]) => void,
  windows: { destroyed: boolean }[],
  newContents: () => FakeWebContents,
  onClosed: () => void,
) {
  return class FakeBrowserWindow extends EventEmitter {
    static instances: FakeBrowserWindow[] = [];
    static getAllWindows(): FakeBrowserWindow[] {
      return FakeBrowserWindow.instances.filter((window) => !window.destroyed);
    }
    readonly webContents: FakeWebContents;
    bounds: Rect;
    normalBounds: Rect;
    maximized = false;
    minimized = false;
    visible = false;
    focused = false;
    destroyed = false;
    progress: number | undefined;
    loadedUrl: string | undefined;

    constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
      super();
      record('new BrowserWindow', options);
      const { x = 0, y = 0, width = 800, height = 600 } = options as Partial<Rect>;
      this.bounds = { x, y, width, height };
      this.normalBounds = { ...this.bounds };
      this.webContents = newContents();
      FakeBrowserWindow.instances.push(this);
      windows.push(this);
    }
    async loadURL(url: string): Promise<void> {
      record('BrowserWindow.loadURL', url);
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
    }
    /** What Chromium does once the page has painted. */
    paint(): void {
      this.emit('ready-to-show');
      this.webContents.emit('did-finish-load');
    }
    show(): void {
      this.visible = true;
      this.minimized = false;
    }
    hide(): void {
      this.visible = false;
    }
    focus(): void {
      this.focused = true;
      record('BrowserWindow.focus');
    }
    isVisible(): boolean {
      return this.visible;
    }
    isFocused(): boolean {
      return this.focused;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    minimize(): void {
      this.minimized = true;
      this.focused = false;
    }
    restore(): void {
      this.minimized = false;
      record('BrowserWindow.restore');
    }
    maximize(): void {
      this.maximized = true;
      this.emit('maximize');
    }
    unmaximize(): void {
      this.maximized = false;
      this.emit('unmaximize');
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    getBounds(): Rect {
      return { ...this.bounds };
    }
    getNormalBounds(): Rect {
      return { ...this.normalBounds };
    }
    /** What the user does by dragging or resizing the window. */
    setBounds(bounds: Partial<Rect>): void {
      this.bounds = { ...this.bounds, ...bounds };
      this.normalBounds = { ...this.bounds };
      this.emit('resize');
      this.emit('move');
    }
    setProgressBar(progress: number): void {
      this.progress = progress;
      record('BrowserWindow.setProgressBar', progress);
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    close(): void {
      if (this.destroyed) return;
      const event = new PreventableEvent();
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.destroy();
    }
    destroy(): void {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
      onClosed();
    }
  };
}

function notificationClass(record: (api: string, ...args: unknown[]) => void) {
  return class FakeNotification extends EventEmitter {
    static instances: FakeNotification[] = [];
    static isSupported(): boolean {
      return true;
    }
    shown = false;
    closed = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
      FakeNotification.instances.push(this);
    }
    show(): void {
      this.shown = true;
      record('Notification.show', this.options);
    }
    close(): void {
      this.closed = true;
      this.emit('close');
    }
  };
}
