import type { BrowserWindow, Session, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  electron,
  fakeEvent,
  FakeBrowserWindow,
  FakeSession,
  FakeWebContents,
} from './fake-electron.js';
import {
  defaultRecovery,
  guardContents,
  guardKioskWindow,
  guardSession,
  isBlockedShortcut,
  isDevToolsShortcut,
  nextRecoveryStep,
  outOfServiceUrl,
  type KioskGuardOptions,
  type ShellLog,
} from './guards.js';
import { appEntryUrl } from './trusted.js';

function recordingLog(): ShellLog & { lines: { level: string; msg: string }[] } {
  const lines: { level: string; msg: string }[] = [];
  return {
    lines,
    info: (_o, msg) => lines.push({ level: 'info', msg }),
    warn: (_o, msg) => lines.push({ level: 'warn', msg }),
    error: (_o, msg) => lines.push({ level: 'error', msg }),
  };
}

const asContents = (c: FakeWebContents) => c as unknown as WebContents;
const asSession = (s: FakeSession) => s as unknown as Session;
const asWindow = (w: FakeBrowserWindow) => w as unknown as BrowserWindow;

describe('guardContents: every web contents stays on app://kiosk', () => {
  let contents: FakeWebContents;
  let log: ReturnType<typeof recordingLog>;
  beforeEach(() => {
    contents = new FakeWebContents(new FakeSession());
    log = recordingLog();
    guardContents(asContents(contents), log);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://kiosk.evil/index.html',
    'app://other/index.html',
    'javascript:alert(1)',
  ])('prevents navigating to %s', (url) => {
    const event = fakeEvent({ url, isMainFrame: true });
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('allows navigating within our origin', () => {
    const event = fakeEvent({ url: 'app://kiosk/index.html#/guide', isMainFrame: true });
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(false);
  });

  it('logs where a refused navigation pointed, not the full URL', () => {
    contents.emit(
      'will-navigate',
      fakeEvent({ url: 'https://example.com/q?id=110101199003077777' }),
    );
    expect(log.lines).toEqual([{ level: 'warn', msg: 'navigation away from the kiosk refused' }]);
  });

  it('prevents a redirect away from our origin and lets one within it pass', () => {
    const away = fakeEvent({ url: 'https://example.com/', isMainFrame: true });
    contents.emit('will-redirect', away);
    expect(away.defaultPrevented).toBe(true);
    const home = fakeEvent({ url: 'app://kiosk/index.html', isMainFrame: true });
    contents.emit('will-redirect', home);
    expect(home.defaultPrevented).toBe(false);
  });

  it('holds a frame inside the page to the same rule', () => {
    const away = fakeEvent({ url: 'https://example.com/', isMainFrame: false });
    contents.emit('will-frame-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const home = fakeEvent({ url: 'app://kiosk/help.html', isMainFrame: false });
    contents.emit('will-frame-navigate', home);
    expect(home.defaultPrevented).toBe(false);
  });

  it('denies window.open, even to our own origin', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: appEntryUrl })).toEqual({ action: 'deny' });
  });

  it('prevents attaching a webview', () => {
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://example.com/' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('cancels a bluetooth device chooser', () => {
    const event = fakeEvent();
    const callback = vi.fn();
    contents.emit(
      'select-bluetooth-device',
      event,
      [{ deviceId: 'b1', deviceName: 'x' }],
      callback,
    );
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledExactlyOnceWith('');
  });

  it("overrides a page's beforeunload", () => {
    const event = fakeEvent();
    contents.emit('will-prevent-unload', event);
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('guardSession: no permissions, no devices', () => {
  let session: FakeSession;
  beforeEach(() => {
    session = new FakeSession();
    guardSession(asSession(session), recordingLog());
  });

  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'fullscreen'])(
    'answers a %s permission request with false',
    (permission) => {
      const callback = vi.fn();
      (session.permissionRequestHandler as (...a: unknown[]) => void)({}, permission, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    },
  );

  it.each(['hid', 'serial', 'usb', 'media', 'clipboard-read'])(
    'fails a %s permission check',
    (p) => {
      expect(
        (session.permissionCheckHandler as (...a: unknown[]) => boolean)(
          null,
          p,
          'app://kiosk',
          {},
        ),
      ).toBe(false);
    },
  );

  it('denies device permissions', () => {
    const handler = session.devicePermissionHandler as (details: object) => boolean;
    expect(handler({ deviceType: 'hid', origin: 'app://kiosk', device: {} })).toBe(false);
    expect(handler({ deviceType: 'usb', origin: 'app://kiosk', device: {} })).toBe(false);
  });

  it('cancels the HID and USB choosers with no device', () => {
    for (const name of ['select-hid-device', 'select-usb-device']) {
      const event = fakeEvent();
      const callback = vi.fn();
      session.emit(name, event, { deviceList: [{ deviceId: 'd1' }], frame: null }, callback);
      expect(event.defaultPrevented, name).toBe(true);
      expect(callback, name).toHaveBeenCalledExactlyOnceWith();
    }
  });

  it('cancels the serial chooser with an empty port', () => {
    const event = fakeEvent();
    const callback = vi.fn();
    session.emit(
      'select-serial-port',
      event,
      [{ portId: 'p1', portName: 'ttyUSB0' }],
      {},
      callback,
    );
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledExactlyOnceWith('');
  });

  it('refuses downloads', () => {
    const event = fakeEvent();
    session.emit('will-download', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('shortcuts', () => {
  const key = (
    code: string,
    mods: Partial<Record<'control' | 'meta' | 'alt' | 'shift', boolean>> = {},
  ) => ({
    code,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...mods,
  });

  it.each([
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('KeyI', { control: true, shift: true })],
    ['Ctrl+Shift+J', key('KeyJ', { control: true, shift: true })],
    ['Ctrl+Shift+C', key('KeyC', { control: true, shift: true })],
    ['Cmd+Alt+I', key('KeyI', { meta: true, alt: true })],
    ['F5', key('F5')],
    ['Ctrl+R', key('KeyR', { control: true })],
    ['Ctrl+Shift+R', key('KeyR', { control: true, shift: true })],
    ['Ctrl+W', key('KeyW', { control: true })],
    ['Ctrl+F4', key('F4', { control: true })],
    ['Alt+F4', key('F4', { alt: true })],
    ['Ctrl+Q', key('KeyQ', { control: true })],
    ['Cmd+Q', key('KeyQ', { meta: true })],
  ])('blocks %s', (_name, input) => expect(isBlockedShortcut(input)).toBe(true));

  it.each([
    ['a letter', key('KeyA')],
    ['Shift+I (a capital I)', key('KeyI', { shift: true })],
    ['Ctrl+C (copy)', key('KeyC', { control: true })],
    ['Ctrl+V (paste)', key('KeyV', { control: true })],
    ['R', key('KeyR')],
    ['F4', key('F4')],
    ['Enter', key('Enter')],
  ])('lets %s through', (_name, input) => expect(isBlockedShortcut(input)).toBe(false));

  it('knows which are the devtools shortcuts', () => {
    expect(isDevToolsShortcut(key('F12'))).toBe(true);
    expect(isDevToolsShortcut(key('KeyR', { control: true }))).toBe(false);
  });
});

describe('nextRecoveryStep', () => {
  const policy = defaultRecovery;

  it('doubles the delay per recent crash, up to the cap', () => {
    const delays: number[] = [];
    const times: number[] = [];
    for (let i = 0; i < policy.crashBudget; i++) {
      times.push(i * 1000);
      const step = nextRecoveryStep(times, i * 1000, policy);
      if (step.action !== 'reload') throw new Error(`gave up at crash ${i + 1}`);
      delays.push(step.delayMs);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(nextRecoveryStep([1, 2, 3, 4, 5, 6, 7, 8], 8, { ...policy, crashBudget: 100 })).toEqual({
      action: 'reload',
      delayMs: policy.maxDelayMs,
    });
  });

  it('gives up on the crash after the budget', () => {
    const times = [0, 1, 2, 3, 4, 5];
    expect(nextRecoveryStep(times, 5, policy)).toEqual({ action: 'give-up' });
  });

  it('forgets crashes older than the window', () => {
    const old = [0, 1, 2, 3, 4];
    const now = policy.windowMs + 10;
    expect(nextRecoveryStep([...old, now], now, policy)).toEqual({
      action: 'reload',
      delayMs: 1000,
    });
  });
});

describe('guardKioskWindow', () => {
  let window: FakeBrowserWindow;
  let contents: FakeWebContents;
  let log: ReturnType<typeof recordingLog>;
  let closable: boolean;

  function guard(options: Partial<KioskGuardOptions> = {}): void {
    guardKioskWindow(asWindow(window), {
      production: true,
      log,
      entryUrl: appEntryUrl,
      canClose: () => closable,
      ...options,
    });
  }

  beforeEach(async () => {
    electron.reset();
    await electron.app.whenReady();
    window = new FakeBrowserWindow({});
    contents = window.webContents;
    log = recordingLog();
    closable = false;
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const input = (code: string, mods: object = {}) => ({
    type: 'keyDown',
    key: code,
    code,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...mods,
  });
  const press = (code: string, mods: object = {}) => {
    const event = fakeEvent();
    contents.emit('before-input-event', event, input(code, mods));
    return event.defaultPrevented;
  };
  const crash = (reason = 'crashed') =>
    contents.emit('render-process-gone', fakeEvent(), { reason, exitCode: 139 });

  describe('in production', () => {
    beforeEach(() => guard());

    it('closes devtools as soon as they open', () => {
      contents.openDevTools();
      expect(contents.devToolsOpen).toBe(false);
    });

    it('blocks the devtools, reload and close shortcuts and lets typing through', () => {
      expect(press('F12')).toBe(true);
      expect(press('KeyI', { control: true, shift: true })).toBe(true);
      expect(press('KeyR', { control: true })).toBe(true);
      expect(press('KeyW', { control: true })).toBe(true);
      expect(press('F4', { alt: true })).toBe(true);
      expect(press('KeyA')).toBe(false);
      expect(press('Digit1')).toBe(false);
      expect(contents.devToolsOpen).toBe(false);
    });

    it('refuses to close the window until the app is quitting', () => {
      expect(window.close()).toBe(false);
      expect(window.isDestroyed()).toBe(false);
      closable = true;
      expect(window.close()).toBe(true);
    });

    it('lets the window close when Windows ends the session', () => {
      window.emit('session-end');
      expect(window.close()).toBe(true);
    });
  });

  describe('in development', () => {
    beforeEach(() => guard({ production: false }));

    it('leaves devtools open and toggles them with F12, as the removed menu did', () => {
      contents.openDevTools();
      expect(contents.devToolsOpen).toBe(true);
      expect(press('F12')).toBe(true);
      expect(contents.devToolsOpen).toBe(false);
      expect(press('KeyI', { control: true, shift: true })).toBe(true);
      expect(contents.devToolsOpen).toBe(true);
    });

    it('does not block reload or close', () => {
      expect(press('KeyR', { control: true })).toBe(false);
      expect(window.close()).toBe(true);
    });
  });

  describe('crash recovery', () => {
    beforeEach(() => guard());

    it('reloads the entry page after the first back-off delay', () => {
      crash();
      vi.advanceTimersByTime(defaultRecovery.baseDelayMs - 1);
      expect(contents.loaded).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(contents.loaded).toEqual([appEntryUrl]);
    });

    it('waits longer after each crash in the window', () => {
      crash();
      vi.advanceTimersByTime(1000);
      crash();
      vi.advanceTimersByTime(1999);
      expect(contents.loaded).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(contents.loaded).toHaveLength(2);
    });

    it('gives up after the crash budget, shows out-of-service, and does not loop', () => {
      for (let i = 0; i < defaultRecovery.crashBudget; i++) {
        crash();
        vi.advanceTimersByTime(defaultRecovery.maxDelayMs);
      }
      expect(contents.loaded).toEqual(Array(defaultRecovery.crashBudget).fill(appEntryUrl));
      crash();
      expect(contents.loaded.at(-1)).toBe(outOfServiceUrl);
      // Even if the out-of-service page dies too, nothing reloads during the cooldown.
      crash('oom');
      vi.advanceTimersByTime(defaultRecovery.cooldownMs - 1);
      expect(contents.loaded.filter((u) => u === appEntryUrl)).toHaveLength(
        defaultRecovery.crashBudget,
      );
      expect(log.lines.some((l) => l.msg.includes('keeps crashing'))).toBe(true);
    });

    it('tries once more from fresh after the cooldown, with a fresh budget', () => {
      for (let i = 0; i <= defaultRecovery.crashBudget; i++) {
        crash();
        vi.advanceTimersByTime(defaultRecovery.maxDelayMs);
      }
      const before = contents.loaded.length;
      vi.advanceTimersByTime(defaultRecovery.cooldownMs);
      expect(contents.loaded.slice(before)).toEqual([appEntryUrl]);
      crash();
      vi.advanceTimersByTime(defaultRecovery.baseDelayMs);
      expect(contents.loaded.at(-1)).toBe(appEntryUrl);
      expect(contents.loaded.slice(before)).toEqual([appEntryUrl, appEntryUrl]);
    });

    it('does not count crashes from long ago', () => {
      for (let i = 0; i < 20; i++) {
        crash();
        vi.advanceTimersByTime(defaultRecovery.windowMs);
      }
      expect(contents.loaded).toEqual(Array(20).fill(appEntryUrl));
    });

    it('does nothing once the contents are destroyed', () => {
      crash();
      contents.destroy();
      vi.advanceTimersByTime(defaultRecovery.maxDelayMs);
      expect(contents.loaded).toEqual([]);
    });
  });

  describe('hang recovery', () => {
    beforeEach(() => guard());

    it('restarts a page that stays unresponsive past the grace period', () => {
      contents.emit('unresponsive');
      vi.advanceTimersByTime(defaultRecovery.hangGraceMs - 1);
      expect(contents.crashRendererCalls).toBe(0);
      vi.advanceTimersByTime(1);
      expect(contents.crashRendererCalls).toBe(1);
      vi.advanceTimersByTime(defaultRecovery.baseDelayMs);
      expect(contents.loaded).toEqual([appEntryUrl]);
    });

    it('leaves a page alone that becomes responsive within the grace period', () => {
      contents.emit('unresponsive');
      vi.advanceTimersByTime(defaultRecovery.hangGraceMs - 1);
      contents.emit('responsive');
      vi.advanceTimersByTime(defaultRecovery.cooldownMs);
      expect(contents.crashRendererCalls).toBe(0);
      expect(contents.loaded).toEqual([]);
    });

    it('does not restart the grace period on a repeated unresponsive report', () => {
      contents.emit('unresponsive');
      vi.advanceTimersByTime(defaultRecovery.hangGraceMs / 2);
      contents.emit('unresponsive');
      vi.advanceTimersByTime(defaultRecovery.hangGraceMs / 2);
      expect(contents.crashRendererCalls).toBe(1);
    });
  });
});
