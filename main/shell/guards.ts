/**
 * Every guard on the kiosk's web contents and session, in one file, so a security review reads
 * one file. The page is ours (app://kiosk/), but it renders data from residents, staff and the
 * city platform, so we assume it can be made to try anything a web page can try: leave our
 * origin, open windows, embed other content, ask for devices or permissions. Each guard
 * refuses one of those. The kiosk window also gets recovery (crash, hang) and lock-down
 * (devtools, shortcuts, closing) because a public kiosk has no one to press F5 for it.
 *
 * Only types come from `electron`: the guards act on the objects they are given, so tests
 * hand them fakes.
 */
import type { BrowserWindow, Input, Session, WebContents } from 'electron';
import { isAppUrl } from './trusted.js';

/** The part of a logger the shell needs (pino's shape). */
export interface ShellLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

// ─── Session: permissions and devices ──────────────────────────────────────────────────────

/**
 * The page gets no browser permission and no browser device access. Card readers, printers
 * and HID devices are the core's (drivers/), reached through the contract; a page that could
 * open a serial port or a HID device itself would bypass the audit log and the drivers' locks.
 */
export function guardSession(session: Session, log: ShellLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn({ permission }, 'permission request denied');
    callback(false);
  });
  // Checks are frequent and silent (feature detection), so they are denied without a log line.
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  // Without preventDefault Electron may pick a device itself; the empty answer cancels.
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    log.warn({ api: 'hid' }, 'device chooser cancelled');
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    log.warn({ api: 'serial' }, 'device chooser cancelled');
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    log.warn({ api: 'usb' }, 'device chooser cancelled');
    callback();
  });

  // A kiosk has no downloads folder a resident should fill.
  session.on('will-download', (event) => {
    event.preventDefault();
    log.warn({}, 'download refused');
  });
}

// ─── Any web contents: stay on our origin, no new windows, no embedded guests ─────────────

/** For every web contents the app creates (wired through app 'web-contents-created'). */
export function guardContents(contents: WebContents, log: ShellLog): void {
  const stayHome = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn({ kind, target: originOf(event.url) }, 'navigation away from the kiosk refused');
  };
  contents.on('will-navigate', stayHome('navigate'));
  // will-navigate covers only the main frame; a frame inside the page is held to the same rule.
  const frameStaysHome = stayHome('frame-navigate');
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) frameStaysHome(event);
  });
  // A redirect is checked on its own: an allowed start must not end somewhere else.
  contents.on('will-redirect', stayHome('redirect'));

  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ target: originOf(url) }, 'window.open refused');
    return { action: 'deny' };
  });

  // webviewTag is off in webPreferences; this holds even if that ever changes.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({}, 'webview refused');
  });

  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });

  // A page's beforeunload must not be able to block crash recovery or quitting.
  contents.on('will-prevent-unload', (event) => event.preventDefault());
}

// ─── The kiosk window: recovery and lock-down ──────────────────────────────────────────────

export interface RecoveryPolicy {
  /** Reloads allowed within `windowMs`; the crash after that gives up for `cooldownMs`. */
  crashBudget: number;
  windowMs: number;
  /** First reload waits this long, doubling per recent crash up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After giving up, the out-of-service page shows this long before one fresh start. */
  cooldownMs: number;
  /** After Chromium reports the page unresponsive, how long it may recover by itself. */
  hangGraceMs: number;
}

export const defaultRecovery: RecoveryPolicy = {
  crashBudget: 5,
  windowMs: 10 * 60_000,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  cooldownMs: 15 * 60_000,
  hangGraceMs: 10_000,
};

export type RecoveryStep = { action: 'reload'; delayMs: number } | { action: 'give-up' };

/**
 * What to do after a crash, given the times of the crashes so far (this one included).
 * Pure, so the budget arithmetic is tested without timers.
 */
export function nextRecoveryStep(
  crashTimes: readonly number[],
  now: number,
  policy: RecoveryPolicy,
): RecoveryStep {
  const recent = crashTimes.filter((t) => now - t < policy.windowMs).length;
  if (recent > policy.crashBudget) return { action: 'give-up' };
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, recent - 1));
  return { action: 'reload', delayMs };
}

/** Shown when the page keeps crashing: static, no script, so it cannot crash the same way. */
export const outOfServiceUrl =
  'data:text/html;charset=utf-8,' +
  encodeURIComponent(
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>暂停服务</title>' +
      '<body style="margin:0;height:100vh;display:flex;flex-direction:column;align-items:center;' +
      'justify-content:center;font-family:sans-serif;background:#fff;color:#222">' +
      '<p style="font-size:48px;margin:0 0 24px">本机暂停服务，请联系工作人员</p>' +
      '<p style="font-size:32px;margin:0">This kiosk is out of service — please ask staff</p>' +
      '</body></html>',
  );

type Shortcut = Pick<Input, 'code' | 'control' | 'meta' | 'alt' | 'shift'>;

const devToolsLetters = new Set(['KeyI', 'KeyJ', 'KeyC']);

/** F12, Ctrl+Shift+I/J/C (Windows, Linux), Cmd+Alt+I/J/C (macOS). */
export function isDevToolsShortcut(key: Shortcut): boolean {
  if (key.code === 'F12') return true;
  return (key.control || key.meta) && (key.shift || key.alt) && devToolsLetters.has(key.code);
}

/**
 * Keys a resident must not be able to use: devtools, reload (a reload mid-session would leave
 * a half-printed ticket), close and quit. `code` is the physical key, so the keyboard layout
 * or an input method cannot slip past. The application menu is removed, which already drops
 * Electron's own accelerators; this is the second lock.
 */
export function isBlockedShortcut(key: Shortcut): boolean {
  if (isDevToolsShortcut(key)) return true;
  if (key.code === 'F5') return true;
  if ((key.control || key.meta) && ['KeyR', 'KeyW', 'KeyQ', 'F4'].includes(key.code)) return true;
  return key.alt && key.code === 'F4';
}

export interface KioskGuardOptions {
  production: boolean;
  log: ShellLog;
  /** Where recovery starts the page again: the home screen, not wherever it crashed. */
  entryUrl: string;
  /** True once the app is quitting; until then production refuses to close the window. */
  canClose(): boolean;
  recovery?: Partial<RecoveryPolicy>;
}

export function guardKioskWindow(window: BrowserWindow, options: KioskGuardOptions): void {
  const { production, log } = options;
  const contents = window.webContents;
  const policy = { ...defaultRecovery, ...options.recovery };

  if (production) {
    // devTools:false in webPreferences already stops it; this closes any that slip through.
    contents.on('devtools-opened', () => {
      log.warn({}, 'devtools closed (production)');
      contents.closeDevTools();
    });
    // Alt+F4, a window manager's close button, xdotool: only quitting the app closes it.
    // A Windows shutdown or log-off must not be held up by the kiosk, though.
    let sessionEnding = false;
    window.on('session-end', () => {
      sessionEnding = true;
    });
    window.on('close', (event) => {
      if (options.canClose() || sessionEnding) return;
      event.preventDefault();
      log.warn({}, 'kiosk window close refused');
    });
  }

  contents.on('before-input-event', (event, input) => {
    if (production) {
      if (isBlockedShortcut(input)) event.preventDefault();
    } else if (input.type === 'keyDown' && isDevToolsShortcut(input)) {
      // The menu that carried this accelerator is gone; developers still want it.
      event.preventDefault();
      contents.toggleDevTools();
    }
  });

  installRecovery(contents, options, policy);
}

/**
 * A crashed page is started again after a growing delay; past the crash budget it gives up for
 * a cooldown (out-of-service page) instead of reloading hot, then tries once more from fresh.
 * A hung page is given a grace period, then its renderer is killed, which Electron reports as
 * render-process-gone, so hangs and crashes share one budget.
 */
function installRecovery(
  contents: WebContents,
  options: KioskGuardOptions,
  policy: RecoveryPolicy,
): void {
  const { log } = options;
  let crashTimes: number[] = [];
  let resting = false;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let hang: ReturnType<typeof setTimeout> | undefined;

  const clearHang = () => {
    if (hang !== undefined) clearTimeout(hang);
    hang = undefined;
  };
  const schedule = (delayMs: number, run: () => void) => {
    if (pending !== undefined) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      if (!contents.isDestroyed()) run();
    }, delayMs);
  };
  const start = () => {
    contents.loadURL(options.entryUrl).catch((err: unknown) => {
      log.error({ err }, 'kiosk page failed to load after recovery');
    });
  };

  contents.on('render-process-gone', (_event, details) => {
    clearHang();
    if (contents.isDestroyed()) return;
    const now = Date.now();
    crashTimes = [...crashTimes.filter((t) => now - t < policy.windowMs), now];
    const failure = {
      reason: details.reason,
      exitCode: details.exitCode,
      recent: crashTimes.length,
    };
    if (resting) {
      log.error(failure, 'kiosk renderer gone while out of service');
      return;
    }
    const step = nextRecoveryStep(crashTimes, now, policy);
    if (step.action === 'reload') {
      log.error({ ...failure, delayMs: step.delayMs }, 'kiosk renderer gone; reloading');
      schedule(step.delayMs, start);
      return;
    }
    resting = true;
    log.error(
      { ...failure, cooldownMs: policy.cooldownMs },
      'kiosk renderer keeps crashing; out of service until the cooldown ends',
    );
    contents.loadURL(outOfServiceUrl).catch(() => undefined);
    schedule(policy.cooldownMs, () => {
      resting = false;
      crashTimes = [];
      log.info({}, 'cooldown over; starting the kiosk page again');
      start();
    });
  });

  contents.on('unresponsive', () => {
    if (hang !== undefined) return;
    log.warn({ graceMs: policy.hangGraceMs }, 'kiosk page unresponsive');
    hang = setTimeout(() => {
      hang = undefined;
      if (contents.isDestroyed()) return;
      log.error({}, 'kiosk page still unresponsive; restarting its renderer');
      contents.forcefullyCrashRenderer();
    }, policy.hangGraceMs);
  });
  contents.on('responsive', () => {
    if (hang !== undefined) log.info({}, 'kiosk page responsive again');
    clearHang();
  });

  contents.on('destroyed', () => {
    clearHang();
    if (pending !== undefined) clearTimeout(pending);
    pending = undefined;
  });
}

/** Log only where a navigation pointed, never a full URL (it may carry a query with data). */
function originOf(url: string): string {
  try {
    const { protocol, host } = new URL(url);
    return host ? `${protocol}//${host}` : protocol;
  } catch {
    return '(invalid url)';
  }
}
