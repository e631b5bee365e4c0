/**
 * The Electron app's life: one instance, start-up in a fixed order, a clean stop.
 * main.ts hands in the core and the LAN server, so tests run this whole sequence against a
 * fake `electron` without opening a database or a port.
 */
import {
  app,
  dialog,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  session,
  type BrowserWindow,
} from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Core, CoreOptions } from '../core/core.js';
import type { KeySource } from '../privacy/key-source.js';
import type { LanServer, LanServerOptions } from '../server/lan-server.js';
import { serveIpc } from '../transport/ipc.js';
import { guardContents, guardSession, type ShellLog } from './guards.js';
import { parseShellOptions } from './options.js';
import { appSchemePrivileges, registerAppProtocol } from './protocol.js';
import { isTrustedFrame } from './trusted.js';
import { createKioskWindow } from './window.js';
import { safeStorageKeySource, type KeyLog } from './safe-storage-key.js';

export interface ShellDeps {
  startCore(options: CoreOptions): Promise<Core>;
  startLanServer(core: Core, options: LanServerOptions): Promise<Pick<LanServer, 'url' | 'close'>>;
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  rendererDir: string;
  /** The bundled CommonJS preload (dist/main/shell/preload.cjs), absolute. */
  preloadPath: string;
  /** How long quitting may take before the process exits anyway. */
  shutdownTimeoutMs?: number;
}

/**
 * An installed app lives in a read-only folder (asar): with no --data, its demo keeps its
 * database in the user's app-data folder instead. From a source checkout, ./.data as usual.
 */
function packagedDataDir(): string | undefined {
  if (!app.isPackaged) return undefined;
  const dir = join(app.getPath('userData'), 'data');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface Shell {
  window: BrowserWindow | null;
}

interface Resource {
  name: string;
  close(): Promise<void> | void;
}

/** Until the core's logger exists, errors still need somewhere to go. */
const consoleLog: ShellLog = {
  info: (obj, msg) => console.log(msg, obj),
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};

export async function runShell(deps: ShellDeps): Promise<Shell> {
  const shell: Shell = { window: null };
  const options = parseShellOptions(deps.argv, deps.env);

  // A second copy would fight the first for the card readers, the printer and the database.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return shell;
  }
  // Chromium fixes scheme privileges at start-up: this must precede 'ready'.
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  // Every renderer sandboxed, including any we did not create ourselves.
  app.enableSandbox();

  let log: ShellLog = consoleLog;
  let quitting = false;
  // Started things, closed in reverse order; a partial start-up closes only what it started.
  const resources: Resource[] = [];

  app.on('second-instance', () => {
    const window = shell.window;
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    quitting = true;
  });
  // will-quit comes after the windows have closed, so no call is in flight when the core stops.
  app.on('will-quit', (event) => {
    if (resources.length === 0) return;
    event.preventDefault();
    void closeAll(resources, log, deps.shutdownTimeoutMs ?? 5_000).then((clean) =>
      app.exit(clean ? 0 : 1),
    );
  });

  await app.whenReady();
  // No menu: no accelerators (reload, devtools, zoom, quit) for a resident to stumble on.
  Menu.setApplicationMenu(null);

  try {
    const core = await deps.startCore({
      runtime: 'electron',
      configFile: options.configFile,
      dataDir: options.dataDir ?? packagedDataDir(),
      keySource: appKeySource,
    });
    resources.push({ name: 'core', close: () => core.close() });
    log = core.log;

    guardSession(session.defaultSession, log);
    // Registered before the first window, so no web contents ever exists unguarded.
    app.on('web-contents-created', (_event, contents) => guardContents(contents, log));
    registerAppProtocol(protocol, deps.rendererDir);

    const server = await deps.startLanServer(core, {
      host: core.config.lan.host,
      port: core.config.lan.port,
      rendererDir: deps.rendererDir,
    });
    resources.push({ name: 'lan server', close: () => server.close() });

    const ipc = serveIpc(ipcMain, core, { isTrustedFrame });
    resources.push({ name: 'ipc', close: () => ipc.close() });

    // The screen is the kiosk's face: it must not blank while the hall waits.
    const blocker = powerSaveBlocker.start('prevent-display-sleep');
    resources.push({
      name: 'power save blocker',
      close: () => {
        if (powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
      },
    });

    shell.window = createKioskWindow({
      production: options.production,
      preloadPath: deps.preloadPath,
      connect: (contents) => ipc.attach(contents),
      log,
      canClose: () => quitting,
      role: core.config.role,
    });
    log.info({ production: options.production, lan: server.url }, 'kiosk shell started');
  } catch (error) {
    await closeAll(resources, log, deps.shutdownTimeoutMs ?? 5_000);
    failStartup(error, log);
  }
  return shell;
}

/**
 * The app keeps residents' data key wrapped by the OS keystore (safeStorage), never the
 * plain key file the headless host uses (a key file already there is adopted, so its cases stay
 * readable, then erased once the wrapped copy reads back; the core's log says what happened);
 * a plaintext keystore backend stops the start-up.
 */
export function appKeySource(dataDir: string, _config?: unknown, log?: KeyLog): KeySource {
  return safeStorageKeySource(
    join(dataDir, 'data.key.safestorage'),
    join(dataDir, 'data.key'),
    log,
  );
}

/**
 * A kiosk that cannot start says why on its own screen (a technician is usually the one
 * watching) and exits non-zero, rather than showing an empty window.
 */
function failStartup(error: unknown, log: ShellLog): void {
  const reason = error instanceof Error ? error.message : String(error);
  log.error({ err: error }, 'kiosk shell failed to start');
  dialog.showErrorBox('hall-kiosk 无法启动 / cannot start', reason);
  app.exit(1);
}

async function closeAll(resources: Resource[], log: ShellLog, timeoutMs: number): Promise<boolean> {
  let clean = true;
  const closing = (async () => {
    for (let r = resources.pop(); r; r = resources.pop()) {
      try {
        await r.close();
      } catch (err) {
        clean = false;
        log.error({ err, resource: r.name }, 'close failed');
      }
    }
  })();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([closing.then(() => 'done' as const), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    log.error({ timeoutMs }, 'shutdown took too long; exiting anyway');
    return false;
  }
  return clean;
}
