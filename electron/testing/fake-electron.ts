/**
 * A small in-memory stand-in for the `electron` module (vitest aliases `electron` to this file;
 * the real binary cannot run in CI). It behaves like Electron where the shell depends on it —
 * events fire, handlers are called, quit can be prevented, a second ipcMain.handle throws — and
 * records what the shell did so tests can assert on it. Tests import `fake` for the records and
 * the drivers (navigate, invoke, fetch…) and call `fake.reset()` between cases.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type AnyFn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Electron's preventable event object. */
export class FakeEvent<T extends object = object> {
  defaultPrevented = false;
  constructor(params?: T) {
    Object.assign(this, params);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

// ---------------------------------------------------------------- session, protocol, webRequest

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  cb: AnyFn,
) => void;

class FakeWebRequest {
  headersListener: HeadersListener | null = null;
  onHeadersReceived(filterOrListener: unknown, maybeListener?: HeadersListener): void {
    this.headersListener = (
      typeof filterOrListener === 'function' ? filterOrListener : maybeListener
    ) as HeadersListener | null;
  }
  /** Drives the hook like Chromium does for a response; resolves with what the listener answered. */
  receive(url: string, responseHeaders: Record<string, string[]> = {}): Promise<Record<string, unknown>> {
    const listener = this.headersListener;
    if (!listener) return Promise.resolve({});
    return new Promise((resolve) => listener({ url, responseHeaders }, resolve));
  }
}

class FakeProtocol {
  privileged: Array<{ scheme: string; privileges?: Record<string, boolean> }> = [];
  handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  registerSchemesAsPrivileged(
    schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  ): void {
    if (state.ready)
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (!state.ready) throw new Error('protocol.handle must be called after app is ready');
    if (this.handlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
  /** Requests a URL through the registered handler, as the renderer would. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME (${url})`);
    return handler(new Request(url, init));
  }
}

type PermissionRequestHandler = (
  wc: unknown,
  permission: string,
  cb: (granted: boolean) => void,
  details: object,
) => void;
type PermissionCheckHandler = (wc: unknown, permission: string, origin: string, details: object) => boolean;

class FakeSession {
  readonly webRequest = new FakeWebRequest();
  readonly protocol = protocol;
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
  /** Electron grants every permission when no handler is set. */
  requestPermission(permission: string, requestingUrl: string): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(null, permission, resolve, { requestingUrl, isMainFrame: true }));
  }
  checkPermission(permission: string, origin: string): boolean {
    return this.permissionCheckHandler ? this.permissionCheckHandler(null, permission, origin, {}) : true;
  }
}

// ---------------------------------------------------------------- webContents, windows

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly session: FakeSession = state.defaultSession;
  url = '';
  destroyed = false;
  windowOpenHandler: WindowOpenHandler | null = null;
  /** Everything sent with webContents.send, in order. */
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];

  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args: structuredClone(args) });
    ipcRenderer.deliver(channel, structuredClone(args));
  }
  /** A navigation the page starts: runs will-navigate/will-frame-navigate; commits unless prevented. */
  navigate(url: string): boolean {
    const allowed =
      this.emitPreventable('will-frame-navigate', url) && this.emitPreventable('will-navigate', url);
    if (allowed) this.url = url;
    return allowed;
  }
  /** A server redirect during a load: runs will-redirect; follows it unless prevented. */
  redirect(url: string): boolean {
    const allowed = this.emitPreventable('will-redirect', url);
    if (allowed) this.url = url;
    return allowed;
  }
  /** window.open / target=_blank: the handler decides; with none, Electron allows. */
  openWindow(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler ? this.windowOpenHandler({ url }).action : 'allow';
  }
  /** A <webview> about to attach: true when it would be attached. */
  attachWebview(src: string): boolean {
    const event = new FakeEvent();
    this.emit('will-attach-webview', event, {}, { src });
    return !event.defaultPrevented;
  }
  private emitPreventable(name: string, url: string): boolean {
    const event = new FakeEvent({ url, isMainFrame: true, isSameDocument: false, frame: null });
    this.emit(name, event, url);
    return !event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return [...state.windows];
  }
  static fromWebContents(contents: FakeWebContents): FakeBrowserWindow | null {
    return state.windows.find((w) => w.webContents === contents) ?? null;
  }

  readonly id = nextId++;
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  focused = false;
  destroyed = false;
  /** Failure loadURL should report, to test load errors. */
  static failNextLoad: Error | null = null;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = structuredClone(options);
    this.visible = options.show !== false;
    state.windows.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    const failure = FakeBrowserWindow.failNextLoad;
    FakeBrowserWindow.failNextLoad = null;
    if (failure) throw failure;
    this.webContents.url = url;
    this.webContents.emit('did-navigate', new FakeEvent(), url);
  }
  show(): void {
    this.visible = true;
    this.focused = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.minimized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Real destroy() skips 'close' handlers; the fake models neither, so it closes the same way. */
  destroy(): void {
    this.close();
  }
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    state.windows = state.windows.filter((w) => w !== this);
    this.emit('closed');
    if (state.windows.length === 0) app.emit('window-all-closed');
  }
}

// ---------------------------------------------------------------- app

class FakeApp extends EventEmitter {
  name = 'Electron';
  isPackaged = false;
  paths = new Map<string, string>();
  singleInstanceLock = true;
  sandboxEnabled = false;
  appUserModelId: string | null = null;
  quitRequests = 0;
  quitted = false;
  exitCode: number | null = null;
  readyWaiters: Array<() => void> = [];

  setName(name: string): void {
    this.name = name;
  }
  getName(): string {
    return this.name;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  getAppPath(): string {
    return path.resolve(__dirname, '../..');
  }
  getPath(name: string): string {
    const found = this.paths.get(name);
    if (!found) throw new Error(`Failed to get '${name}' path`);
    return found;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }
  enableSandbox(): void {
    if (state.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  isReady(): boolean {
    return state.ready;
  }
  whenReady(): Promise<void> {
    if (state.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  /** Test driver: Electron finished initialising. */
  becomeReady(): void {
    state.ready = true;
    this.emit('ready', new FakeEvent());
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
  /** Like Electron: before-quit (preventable), then will-quit, then quit. */
  quit(): void {
    this.quitRequests += 1;
    if (this.quitted) return;
    const beforeQuit = new FakeEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    const willQuit = new FakeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.quitted = true;
    this.emit('quit', new FakeEvent(), 0);
  }
  /** Exits at once, without quit events (Electron's app.exit). */
  exit(code = 0): void {
    this.exitCode = code;
    this.quitted = true;
  }
}

// ---------------------------------------------------------------- IPC

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /**
   * Calls a handler as a renderer frame at `frameUrl` would (null: the frame is gone). Arguments are
   * structured-cloned both ways, like real IPC.
   */
  async invokeFrom(frameUrl: string | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler)
      throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
    return structuredClone(await handler(ipcEvent(frameUrl), ...structuredClone(args)));
  }
  /** Delivers an ipcRenderer.send from a frame at `frameUrl` to the ipcMain.on listeners. */
  sendFrom(frameUrl: string | null, channel: string, ...args: unknown[]): void {
    this.emit(channel, ipcEvent(frameUrl), ...structuredClone(args));
  }
}

/** The event ipcMain listeners get: the sending frame and the webContents it lives in. */
function ipcEvent(frameUrl: string | null) {
  const senderFrame = frameUrl === null ? null : { url: frameUrl, origin: safeOrigin(frameUrl) };
  return { senderFrame, sender: ipcRenderer.sender, processId: 1, frameId: 1 };
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

/** The renderer side: ipcRenderer as the preload sees it, wired to ipcMain and webContents.send. */
class FakeIpcRenderer extends EventEmitter {
  /** URL of the frame the preload runs in; ipcMain handlers see it as senderFrame.url. */
  frameUrl = 'keel://app/index.html';
  /** The webContents the preload runs in (a window's, to test per-window behaviour). */
  sender: FakeWebContents = new FakeWebContents();
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return ipcMain.invokeFrom(this.frameUrl, channel, ...args);
  }
  send(channel: string, ...args: unknown[]): void {
    ipcMain.sendFrom(this.frameUrl, channel, ...args);
  }
  deliver(channel: string, args: unknown[]): void {
    this.emit(channel, { sender: this, senderId: 0, ports: [] }, ...args);
  }
}

// ---------------------------------------------------------------- shell, dialogs, menus, tray

class FakeMenu {
  constructor(readonly items: Array<Record<string, unknown>>) {}
  static buildFromTemplate(template: Array<Record<string, unknown>>): FakeMenu {
    return new FakeMenu(template);
  }
  static setApplicationMenu(menu: FakeMenu | null): void {
    state.applicationMenu = menu;
  }
  static getApplicationMenu(): FakeMenu | null {
    return state.applicationMenu;
  }
}

class FakeNativeImage {
  templateImage = false;
  size = { width: 32, height: 32 };
  constructor(readonly sourcePath: string | null) {}
  isEmpty(): boolean {
    return this.sourcePath === null || !existsSync(this.sourcePath);
  }
  resize(size: { width: number; height: number }): FakeNativeImage {
    const copy = new FakeNativeImage(this.sourcePath);
    copy.size = size;
    return copy;
  }
  setTemplateImage(value: boolean): void {
    this.templateImage = value;
  }
}

export class FakeTray extends EventEmitter {
  toolTip = '';
  contextMenu: FakeMenu | null = null;
  destroyed = false;
  constructor(readonly image: FakeNativeImage) {
    super();
    state.trays.push(this);
  }
  setToolTip(text: string): void {
    this.toolTip = text;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.contextMenu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

// ---------------------------------------------------------------- state and exports

function freshState() {
  return {
    ready: false,
    windows: [] as FakeBrowserWindow[],
    trays: [] as FakeTray[],
    applicationMenu: null as FakeMenu | null,
    openedExternal: [] as string[],
    openedPaths: [] as string[],
    errorBoxes: [] as Array<{ title: string; content: string }>,
    exposed: new Map<string, unknown>(),
    defaultSession: null as unknown as FakeSession,
  };
}

let state = freshState();

export const app = new FakeApp();
export const protocol = new FakeProtocol();
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
state.defaultSession = new FakeSession();

export const session = {
  get defaultSession(): FakeSession {
    return state.defaultSession;
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    state.openedExternal.push(url);
  },
  async openPath(target: string): Promise<string> {
    state.openedPaths.push(target);
    return '';
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    state.errorBoxes.push({ title, content });
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    if (state.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property "${key}"`);
    state.exposed.set(key, api);
  },
};

export const nativeImage = {
  createFromPath: (filePath: string) => new FakeNativeImage(filePath),
  createEmpty: () => new FakeNativeImage(null),
};

export { FakeBrowserWindow as BrowserWindow, FakeMenu as Menu, FakeTray as Tray };

/** Test-side handle: records, drivers and reset. */
export const fake = {
  app,
  protocol,
  ipcMain,
  ipcRenderer,
  get session(): FakeSession {
    return state.defaultSession;
  },
  get windows(): FakeBrowserWindow[] {
    return state.windows;
  },
  get trays(): FakeTray[] {
    return state.trays;
  },
  get applicationMenu(): FakeMenu | null {
    return state.applicationMenu;
  },
  get openedExternal(): string[] {
    return state.openedExternal;
  },
  get openedPaths(): string[] {
    return state.openedPaths;
  },
  get errorBoxes(): Array<{ title: string; content: string }> {
    return state.errorBoxes;
  },
  get exposed(): Map<string, unknown> {
    return state.exposed;
  },
  /** Forget everything: a brand-new, not-yet-ready Electron. */
  reset(): void {
    state = freshState();
    state.defaultSession = new FakeSession();
    for (const emitter of [app, ipcMain, ipcRenderer] as EventEmitter[]) emitter.removeAllListeners();
    Object.assign(app, {
      name: 'Electron',
      isPackaged: false,
      singleInstanceLock: true,
      sandboxEnabled: false,
      appUserModelId: null,
      quitRequests: 0,
      quitted: false,
      exitCode: null,
      readyWaiters: [],
    });
    app.paths = new Map([['userData', path.join(os.tmpdir(), 'keel-fake-userData')]]);
    ipcRenderer.frameUrl = 'keel://app/index.html';
    ipcRenderer.sender = new FakeWebContents();
    ipcRenderer.sender.url = ipcRenderer.frameUrl;
    ipcMain.handlers.clear();
    protocol.privileged = [];
    protocol.handlers.clear();
    FakeBrowserWindow.failNextLoad = null;
  },
};

fake.reset();

export default {
  app,
  protocol,
  ipcMain,
  ipcRenderer,
  session,
  shell,
  dialog,
  contextBridge,
  nativeImage,
  BrowserWindow: FakeBrowserWindow,
  Menu: FakeMenu,
  Tray: FakeTray,
};
