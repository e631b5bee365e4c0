/**
 * Test support: a small stand-in for the parts of `electron` the shell uses, for
 * `vi.mock('electron', ...)` in plain Node. It keeps what the code did as plain state for
 * assertions, and keeps Electron's ordering rules that the shell depends on (privileged
 * schemes only before ready; protocol handlers and windows only after), so a wrong order
 * fails here as it would in the real app.
 *
 *   vi.mock('electron', async () => (await import('./fake-electron.js')).electron);
 *
 * No vitest import: the file is plain TypeScript.
 */
import { EventEmitter } from 'node:events';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

/** An Electron event object: `preventDefault` plus whatever fields the event carries. */
export function fakeEvent<T extends object = object>(fields?: T): T & FakeEvent {
  const event = {
    ...(fields as T),
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

type Handler = (...args: never[]) => unknown;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  devicePermissionHandler: Handler | null = null;
  setPermissionRequestHandler(handler: Handler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Handler | null): void {
    this.devicePermissionHandler = handler;
  }
  reset(): void {
    this.removeAllListeners();
    this.permissionRequestHandler =
      this.permissionCheckHandler =
      this.devicePermissionHandler =
        null;
  }
}

export class FakeWebContents extends EventEmitter {
  destroyed = false;
  loaded: string[] = [];
  sent: unknown[][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  devToolsOpen = false;
  crashRendererCalls = 0;
  constructor(readonly session: FakeSession) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  openDevTools(): void {
    this.devToolsOpen = true;
    this.emit('devtools-opened');
  }
  closeDevTools(): void {
    this.devToolsOpen = false;
  }
  toggleDevTools(): void {
    if (this.devToolsOpen) this.closeDevTools();
    else this.openDevTools();
  }
  /** Electron reports the kill as render-process-gone, reason "killed". */
  forcefullyCrashRenderer(): void {
    this.crashRendererCalls++;
    this.emit('render-process-gone', fakeEvent(), { reason: 'killed', exitCode: 9 });
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class FakeApp extends EventEmitter {
  ready = false;
  hasLock = true;
  quitCalls = 0;
  exitCode: number | undefined;
  sandboxEnabled = false;
  isPackaged = false;
  userData = '/nonexistent/user-data';
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app has no path ${name}`);
    return this.userData;
  }
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  enableSandbox(): void {
    if (this.ready) throw new Error('enableSandbox must be called before ready');
    this.sandboxEnabled = true;
  }
  whenReady(): Promise<void> {
    if (!this.ready) {
      this.ready = true;
      this.emit('ready');
    }
    return Promise.resolve();
  }
  isReady(): boolean {
    return this.ready;
  }
  /** Recorded only; tests drive the quit sequence with `quitNow()`. */
  quit(): void {
    this.quitCalls++;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  reset(): void {
    this.removeAllListeners();
    this.ready = false;
    this.hasLock = true;
    this.quitCalls = 0;
    this.exitCode = undefined;
    this.sandboxEnabled = false;
    this.isPackaged = false;
    this.userData = '/nonexistent/user-data';
  }
}

const app = new FakeApp();
const defaultSession = new FakeSession();

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents(defaultSession);
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    if (!app.ready) throw new Error('Cannot create BrowserWindow before app is ready');
    FakeBrowserWindow.instances.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  minimize(): void {
    this.minimized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like Electron: 'close' may be prevented; otherwise the window and its contents go. */
  close(): boolean {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
    if (FakeBrowserWindow.instances.every((w) => w.destroyed)) app.emit('window-all-closed');
    return true;
  }
}

type InvokeListener = (event: unknown, ...args: unknown[]) => unknown;

const ipcMain = {
  handlers: new Map<string, InvokeListener>(),
  handle(channel: string, listener: InvokeListener): void {
    // Electron refuses a second handler for a channel.
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

class FakeIpcRenderer extends EventEmitter {
  invocations: unknown[][] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push([channel, ...args]);
    return Promise.resolve({ ok: true, result: null });
  }
}
const ipcRenderer = new FakeIpcRenderer();

const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

const protocol = {
  privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(
    schemes: { scheme: string; privileges?: Record<string, boolean> }[],
  ): void {
    if (app.ready) throw new Error('registerSchemesAsPrivileged must be called before ready');
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    if (!app.ready) throw new Error('protocol.handle must be called after ready');
    this.handlers.set(scheme, handler);
  },
};

const powerSaveBlocker = {
  started: new Map<number, string>(),
  nextId: 1,
  start(type: string): number {
    const id = this.nextId++;
    this.started.set(id, type);
    return id;
  },
  stop(id: number): void {
    this.started.delete(id);
  },
  isStarted(id: number): boolean {
    return this.started.has(id);
  },
};

const Menu = {
  /** Electron starts with a default menu full of accelerators. */
  applicationMenu: 'default menu' as unknown,
  setApplicationMenu(menu: unknown): void {
    this.applicationMenu = menu;
  },
};

const dialog = {
  errorBoxes: [] as [title: string, content: string][],
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push([title, content]);
  },
};

const session = { defaultSession };

/**
 * Drive Electron's quit sequence: before-quit, every window asked to close, then will-quit.
 * Returns the will-quit event, so a test can see whether quitting was held for cleanup.
 */
function quitNow(): FakeEvent {
  app.emit('before-quit', fakeEvent());
  for (const window of FakeBrowserWindow.instances) if (!window.destroyed) window.close();
  const event = fakeEvent();
  app.emit('will-quit', event);
  return event;
}

/**
 * safeStorage: "encrypts" by prefixing and reversing (enough to show the plaintext is not
 * what is stored); the backend is settable so a test can choose Linux's plaintext basic_text.
 */
const safeStorage = {
  backend: 'gnome_libsecret',
  available: true,
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(plain: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.concat([Buffer.from('fake-os-wrap:'), Buffer.from(plain).reverse()]);
  },
  decryptString(sealed: Buffer): string {
    const prefix = Buffer.from('fake-os-wrap:');
    if (!sealed.subarray(0, prefix.length).equals(prefix))
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
      );
    return Buffer.from(sealed.subarray(prefix.length)).reverse().toString();
  },
  reset(): void {
    this.backend = 'gnome_libsecret';
    this.available = true;
  },
};

function reset(): void {
  app.reset();
  safeStorage.reset();
  defaultSession.reset();
  FakeBrowserWindow.instances = [];
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations = [];
  contextBridge.exposed.clear();
  protocol.privileged = [];
  protocol.handlers.clear();
  powerSaveBlocker.started.clear();
  Menu.applicationMenu = 'default menu';
  dialog.errorBoxes = [];
}

/** The module `vi.mock('electron')` returns, plus `reset` and `quitNow` for tests. */
export const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  reset,
  quitNow,
};
export type FakeElectron = typeof electron;
