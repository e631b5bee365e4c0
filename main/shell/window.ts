/**
 * The kiosk window: its options (every security flag spelled out, even where it is Electron's
 * default, so a reviewer need not know the defaults of this Electron version) and its start.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { WebContentsLike } from '../transport/ipc.js';
import { guardKioskWindow, type RecoveryPolicy, type ShellLog } from './guards.js';
import { appEntryUrl } from './trusted.js';

/**
 * Painted before the page's first frame, so a start or a crash restart flashes no other colour.
 * Keep it equal to --color-page in renderer/src/styles/tokens.css.
 */
export const kioskBackground = '#eaf0f6';

/** The machine's role (config.role) picks the page its window opens. */
export type ShellRole = 'hall-node' | 'kiosk' | 'counter' | 'display';

/** A counter PC opens the counter console, a hall display the display; a kiosk its home. */
export function entryUrlFor(role: ShellRole | undefined): string {
  if (role === 'display') return `${appEntryUrl}#/display`;
  if (role === 'counter') return `${appEntryUrl}#/counter`;
  return appEntryUrl;
}

export function kioskWindowOptions(options: {
  production: boolean;
  preloadPath: string;
  role?: ShellRole;
}): BrowserWindowConstructorOptions {
  const { production, preloadPath } = options;
  return {
    // A developer works beside an editor; only production takes the whole screen.
    ...(production ? { kiosk: true, fullscreen: true } : { width: 1280, height: 800 }),
    autoHideMenuBar: true,
    backgroundColor: kioskBackground,
    // Shown on ready-to-show, so a resident never sees an empty frame.
    show: false,
    title: 'hall-kiosk',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !production,
      // alert()/confirm() would put a native box in front of a resident with no keyboard;
      // the kiosk's own screens ask questions.
      disableDialogs: true,
      // The hall display announces calls by voice with nobody there to tap the screen first;
      // every other role keeps Chromium's rule (sound only after a user gesture).
      ...(options.role === 'display'
        ? { autoplayPolicy: 'no-user-gesture-required' as const }
        : {}),
    },
  };
}

export interface CreateKioskWindowOptions {
  production: boolean;
  preloadPath: string;
  /** Opens the window's connection to the core (its events start at once); returns its close. */
  connect(contents: WebContentsLike): () => void;
  log: ShellLog;
  canClose(): boolean;
  recovery?: Partial<RecoveryPolicy>;
  role?: ShellRole;
}

export function createKioskWindow(options: CreateKioskWindowOptions): BrowserWindow {
  const { log } = options;
  const window = new BrowserWindow(kioskWindowOptions(options));
  const entryUrl = entryUrlFor(options.role);
  guardKioskWindow(window, {
    production: options.production,
    log,
    entryUrl,
    canClose: options.canClose,
    recovery: options.recovery,
  });
  window.once('ready-to-show', () => window.show());
  const disconnect = options.connect(window.webContents);
  window.on('closed', () => disconnect());
  window.loadURL(entryUrl).catch((err: unknown) => {
    log.error({ err, url: entryUrl }, 'kiosk page failed to load');
  });
  return window;
}
