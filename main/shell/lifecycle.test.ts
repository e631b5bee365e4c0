import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels, type Envelope } from '../../common/contract/contract.js';
import type { Core, CoreOptions } from '../core/core.js';
import type { KioskConfig } from '../../kiosk-config/schema.js';
import { createEventBus } from '../transport/events.js';
import { electron, fakeEvent, FakeBrowserWindow } from './fake-electron.js';
import { appKeySource, runShell, type ShellDeps } from './lifecycle.js';
import { appEntryUrl } from './trusted.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

/** The parts of a core the shell touches, recording what was done to it. */
function fakeCore() {
  const dispatched: unknown[][] = [];
  const core = {
    config: { lan: { host: '0.0.0.0', port: 18080 }, mode: 'production' },
    bus: createEventBus(),
    identify: () => ({ kind: 'local' as const, role: 'kiosk' as const }),
    log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
    dispatcher: {
      dispatch: vi.fn(async (...args: unknown[]): Promise<Envelope> => {
        dispatched.push(args);
        return { ok: true, result: { nonce: 'n', serverTime: '2024-01-01T00:00:00.000Z' } };
      }),
    },
    closed: false,
    async close() {
      core.closed = true;
    },
  };
  return { core, dispatched };
}

function setup(overrides: Partial<ShellDeps> = {}) {
  const { core, dispatched } = fakeCore();
  const server = {
    url: 'http://127.0.0.1:18080',
    closed: false,
    close: vi.fn(async () => void (server.closed = true)),
  };
  const deps: ShellDeps = {
    startCore: vi.fn(async () => core as unknown as Core),
    startLanServer: vi.fn(async () => server),
    argv: [
      '/opt/hall-kiosk/hall-kiosk',
      '--config',
      '/etc/hall-kiosk/config.yaml',
      '--data',
      '/var/lib/hall-kiosk',
    ],
    env: {},
    rendererDir: '/app/dist/renderer',
    preloadPath: '/app/dist/main/shell/preload.cjs',
    ...overrides,
  };
  return { deps, core, server, dispatched };
}

/** Lets the close chain started in will-quit run to its end. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => electron.reset());
afterEach(() => vi.useRealTimers());

describe('single instance', () => {
  it('quits at once without the lock, starting nothing', async () => {
    electron.app.hasLock = false;
    const { deps } = setup();
    const shell = await runShell(deps);
    expect(electron.app.quitCalls).toBe(1);
    expect(deps.startCore).not.toHaveBeenCalled();
    expect(shell.window).toBeNull();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('focuses (and restores) the first window when a second instance starts', async () => {
    const { deps } = setup();
    await runShell(deps);
    const window = FakeBrowserWindow.instances[0]!;
    window.minimize();
    electron.app.emit('second-instance', fakeEvent(), [], '/');
    expect(window.isMinimized()).toBe(false);
    expect(window.focused).toBe(true);
  });
});

describe('start-up', () => {
  it('registers the app scheme as privileged before ready, and sandboxes every renderer', async () => {
    // The fake throws like Electron if this came after ready; reaching the window proves the order.
    const { deps } = setup();
    await runShell(deps);
    expect(electron.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(electron.app.sandboxEnabled).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('removes the application menu', async () => {
    await runShell(setup().deps);
    expect(electron.Menu.applicationMenu).toBeNull();
  });

  it('starts the core for electron with the config and data from the command line', async () => {
    const { deps } = setup();
    await runShell(deps);
    expect(deps.startCore).toHaveBeenCalledExactlyOnceWith({
      runtime: 'electron',
      configFile: '/etc/hall-kiosk/config.yaml',
      dataDir: '/var/lib/hall-kiosk',
      keySource: appKeySource,
    });
  });

  it('takes config and data from the environment when no flag is given', async () => {
    const { deps } = setup({
      argv: ['/opt/hall-kiosk/hall-kiosk'],
      env: { HALL_KIOSK_CONFIG: '/env/config.yaml', HALL_KIOSK_DATA: '/env/data' },
    });
    await runShell(deps);
    expect(deps.startCore).toHaveBeenCalledWith({
      runtime: 'electron',
      configFile: '/env/config.yaml',
      dataDir: '/env/data',
      keySource: appKeySource,
    });
  });

  it("keeps an installed demo's data in the user's app-data folder, a checkout's in ./.data", async () => {
    const checkout = setup({ argv: ['/opt/hall-kiosk/hall-kiosk'], env: {} });
    await runShell(checkout.deps);
    expect(checkout.deps.startCore).toHaveBeenCalledWith({
      runtime: 'electron',
      configFile: undefined,
      dataDir: undefined,
      keySource: appKeySource,
    });

    electron.app.reset();
    const userData = mkdtempSync(join(tmpdir(), 'hall-user-data-'));
    electron.app.isPackaged = true;
    electron.app.userData = userData;
    const installed = setup({ argv: ['/opt/hall-kiosk/hall-kiosk'], env: {} });
    await runShell(installed.deps);
    expect(installed.deps.startCore).toHaveBeenCalledWith({
      runtime: 'electron',
      configFile: undefined,
      dataDir: join(userData, 'data'),
      keySource: appKeySource,
    });
    expect(existsSync(join(userData, 'data'))).toBe(true);
    rmSync(userData, { recursive: true, force: true });
  });

  it("starts the LAN server on the config's address with the renderer folder", async () => {
    const { deps, core } = setup();
    await runShell(deps);
    expect(deps.startLanServer).toHaveBeenCalledExactlyOnceWith(core, {
      host: '0.0.0.0',
      port: 18080,
      rendererDir: '/app/dist/renderer',
    });
  });

  it('serves the app protocol and keeps the display awake', async () => {
    await runShell(setup().deps);
    expect([...electron.protocol.handlers.keys()]).toEqual(['app']);
    expect([...electron.powerSaveBlocker.started.values()]).toEqual(['prevent-display-sleep']);
  });

  it('opens one kiosk window on app://kiosk/index.html, in production by default', async () => {
    const shell = await runShell(setup().deps);
    const window = FakeBrowserWindow.instances[0]!;
    expect(shell.window).toBe(window);
    expect(window.webContents.loaded).toEqual([appEntryUrl]);
    expect(window.options).toMatchObject({ kiosk: true, webPreferences: { devTools: false } });
  });

  // A hall display speaks calls with nobody there to tap it first.
  it('a display machine opens the hall display, which may play the voice without a gesture', async () => {
    const { deps, core } = setup();
    Object.assign(core.config, { role: 'display' });
    await runShell(deps);
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.webContents.loaded).toEqual([`${appEntryUrl}#/display`]);
    expect(window.options).toMatchObject({
      webPreferences: { autoplayPolicy: 'no-user-gesture-required', sandbox: true },
    });
  });

  it.each([
    ['kiosk', appEntryUrl],
    ['counter', `${appEntryUrl}#/counter`],
  ])('a %s keeps the gesture rule and opens its own page', async (role, url) => {
    const { deps, core } = setup();
    Object.assign(core.config, { role });
    await runShell(deps);
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.webContents.loaded).toEqual([url]);
    expect(window.options.webPreferences).not.toHaveProperty('autoplayPolicy');
  });

  it('opens a development window with --dev', async () => {
    const { deps } = setup();
    await runShell({ ...deps, argv: [...deps.argv, '--dev'] });
    expect(FakeBrowserWindow.instances[0]!.options).toMatchObject({
      webPreferences: { devTools: true },
    });
  });

  it('guards every web contents created, and the default session', async () => {
    await runShell(setup().deps);
    const contents = FakeBrowserWindow.instances[0]!.webContents;
    const away = fakeEvent({ url: 'https://example.com/', isMainFrame: true });
    contents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(electron.session.defaultSession.permissionCheckHandler).not.toBeNull();
    const callback = vi.fn();
    (electron.session.defaultSession.permissionRequestHandler as (...a: unknown[]) => void)(
      contents,
      'media',
      callback,
      {},
    );
    expect(callback).toHaveBeenCalledWith(false);
  });
});

describe('IPC', () => {
  const call = (url: string, parent: unknown = null) => {
    const handler = electron.ipcMain.handlers.get(ipcChannels.call)!;
    return handler({ senderFrame: { url, parent } }, 'system.ping', {
      nonce: 'n',
    }) as Promise<Envelope>;
  };

  it('answers our own page', async () => {
    const { deps, dispatched } = setup();
    await runShell(deps);
    expect(await call('app://kiosk/index.html')).toMatchObject({ ok: true });
    expect(dispatched).toEqual([
      [
        'system.ping',
        { nonce: 'n' },
        // The window's staff sign-in travels as credential + bind.
        expect.objectContaining({
          transport: 'ipc',
          peer: 'app://kiosk/index.html',
          credential: null,
        }),
      ],
    ]);
  });

  it.each([
    'https://example.com/',
    'app://kiosk.evil/index.html',
    'file:///etc/passwd',
    'data:text/html,x',
  ])('refuses a frame showing %s', async (url) => {
    const { deps, dispatched } = setup();
    await runShell(deps);
    expect(await call(url)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatched).toEqual([]);
  });

  it('refuses a subframe, even of our origin', async () => {
    const { deps, dispatched } = setup();
    await runShell(deps);
    expect(await call('app://kiosk/index.html', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(dispatched).toEqual([]);
  });
});

describe('quitting', () => {
  it('holds the quit until the server and core are closed, then exits 0', async () => {
    const { deps, core, server } = setup();
    await runShell(deps);
    const willQuit = electron.quitNow();
    expect(willQuit.defaultPrevented).toBe(true);
    await settle();
    expect(server.closed).toBe(true);
    expect(core.closed).toBe(true);
    expect(electron.ipcMain.handlers.size).toBe(0);
    expect(electron.powerSaveBlocker.started.size).toBe(0);
    expect(electron.app.exitCode).toBe(0);
  });

  it('closes the server before the core (reverse start order)', async () => {
    const order: string[] = [];
    const { deps, core, server } = setup();
    server.close.mockImplementation(async () => void order.push('server'));
    core.close = async () => void order.push('core');
    await runShell(deps);
    electron.quitNow();
    await settle();
    expect(order).toEqual(['server', 'core']);
  });

  it('lets the kiosk window close only once quitting has begun', async () => {
    await runShell(setup().deps);
    const window = FakeBrowserWindow.instances[0]!;
    expect(window.close()).toBe(false);
    electron.quitNow();
    expect(window.isDestroyed()).toBe(true);
    await settle();
  });

  it('exits 1 when closing fails or hangs', async () => {
    const { deps, server } = setup({ shutdownTimeoutMs: 50 });
    server.close.mockImplementation(() => new Promise(() => {}));
    await runShell(deps);
    electron.quitNow();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(electron.app.exitCode).toBe(1);
  });

  it('a second will-quit after cleanup passes through', async () => {
    await runShell(setup().deps);
    electron.quitNow();
    await settle();
    const again = fakeEvent();
    electron.app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });
});

describe('start-up failure', () => {
  it('shows why and exits 1 when the core cannot start, opening no window', async () => {
    const { deps } = setup({
      startCore: vi.fn(async () => {
        throw new Error('a production config needs a data directory: pass --data DIR');
      }),
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await runShell(deps);
    expect(electron.dialog.errorBoxes).toHaveLength(1);
    expect(electron.dialog.errorBoxes[0]![1]).toContain('pass --data DIR');
    expect(electron.app.exitCode).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('closes the core when the LAN server cannot start', async () => {
    const { deps, core } = setup({
      startLanServer: vi.fn(async () => {
        throw new Error('port 18080 is in use');
      }),
    });
    await runShell(deps);
    expect(core.closed).toBe(true);
    expect(electron.dialog.errorBoxes[0]![1]).toContain('port 18080 is in use');
    expect(electron.app.exitCode).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});

describe("residents' data key", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'hall-app-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** A core start that loads its key the way the real core does (startCases). */
  function keyLoadingCore(core: Core) {
    return vi.fn(async (options: CoreOptions) => {
      const source = options.keySource?.(dataDir, {} as KioskConfig);
      if (!source) throw new Error('the app started its core without a key source');
      source.load();
      return core;
    });
  }

  it("gives the app's core the safeStorage key source, never the plain key file", async () => {
    const { deps, core } = setup();
    deps.startCore = keyLoadingCore(core as unknown as Core);
    await runShell(deps);
    const source = appKeySource(dataDir);
    expect(source.describe()).toMatch(/safeStorage/);
    const wrapped = readFileSync(join(dataDir, 'data.key.safestorage'));
    // The fake keystore's wrapping is visible: the stored bytes are not the base64 key.
    expect(wrapped.includes(Buffer.from(source.load().toString('base64')))).toBe(false);
    expect(existsSync(join(dataDir, 'data.key'))).toBe(false);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('refuses to start on the plaintext basic_text backend, saying why', async () => {
    electron.safeStorage.backend = 'basic_text';
    const { deps, core } = setup();
    deps.startCore = keyLoadingCore(core as unknown as Core);
    await runShell(deps);
    expect(electron.dialog.errorBoxes).toHaveLength(1);
    expect(electron.dialog.errorBoxes[0]![1]).toMatch(/plaintext "basic_text" backend/);
    expect(electron.app.exitCode).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(existsSync(join(dataDir, 'data.key.safestorage'))).toBe(false);
  });
});
