import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../common/contract/contract.js';
import { createEventBus } from '../transport/events.js';
import { serveIpc, type IpcMainLike } from '../transport/ipc.js';
import { electron, fakeEvent, FakeBrowserWindow } from './fake-electron.js';
import { appEntryUrl } from './trusted.js';
import { createKioskWindow, kioskWindowOptions } from './window.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

const silent = { info() {}, warn() {}, error() {} };

describe('kioskWindowOptions', () => {
  const production = kioskWindowOptions({ production: true, preloadPath: '/app/preload.cjs' });
  const prefs = production.webPreferences ?? {};

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
    ['spellcheck', false],
    ['devTools', false],
    ['disableDialogs', true],
  ] as const)('sets %s to %s', (flag, value) => {
    expect(prefs[flag]).toBe(value);
  });

  it('uses the given preload and enables no Blink feature by hand', () => {
    expect(prefs.preload).toBe('/app/preload.cjs');
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('takes the whole screen, hidden until painted', () => {
    expect(production).toMatchObject({
      kiosk: true,
      fullscreen: true,
      autoHideMenuBar: true,
      show: false,
    });
    expect(production.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('allows devtools and a normal window only in development, with the same isolation', () => {
    const dev = kioskWindowOptions({ production: false, preloadPath: '/app/preload.cjs' });
    expect(dev.webPreferences?.devTools).toBe(true);
    expect(dev.kiosk).toBeFalsy();
    expect(dev.fullscreen).toBeFalsy();
    expect({ ...dev.webPreferences, devTools: false }).toEqual(prefs);
  });
});

describe('createKioskWindow', () => {
  const ipcServers: { close(): void }[] = [];
  afterEach(() => {
    for (const ipc of ipcServers.splice(0)) ipc.close();
  });
  beforeEach(async () => {
    electron.reset();
    await electron.app.whenReady();
  });

  function create(production = true) {
    const bus = createEventBus();
    const host = {
      bus,
      identify: () => ({ kind: 'local' as const, role: 'kiosk' as const }),
      dispatcher: { dispatch: () => Promise.reject(new Error('no calls in these tests')) },
    };
    const ipc = serveIpc(electron.ipcMain as unknown as IpcMainLike, host, {
      isTrustedFrame: () => true,
    });
    createKioskWindow({
      production,
      preloadPath: '/app/preload.cjs',
      connect: (contents) => ipc.attach(contents),
      log: silent,
      canClose: () => false,
    });
    const window = FakeBrowserWindow.instances.at(-1)!;
    ipcServers.push(ipc);
    return { bus, window };
  }

  it('loads app://kiosk/index.html and shows only when ready', () => {
    const { window } = create();
    expect(window.webContents.loaded).toEqual([appEntryUrl]);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('passes the production options to the window', () => {
    const { window } = create();
    expect(window.options).toEqual(
      kioskWindowOptions({ production: true, preloadPath: '/app/preload.cjs' }),
    );
  });

  it('installs the kiosk guards (production: devtools are closed)', () => {
    const { window } = create(true);
    window.webContents.openDevTools();
    expect(window.webContents.devToolsOpen).toBe(false);
    const event = fakeEvent();
    window.webContents.emit('before-input-event', event, {
      type: 'keyDown',
      code: 'F12',
      key: 'F12',
    });
    expect(event.defaultPrevented).toBe(true);
  });

  it('forwards core events to the page until the window is gone', () => {
    const { bus, window } = create(false);
    const notice = { code: 'TEST', message: { 'zh-CN': '测试', en: 'test' } };
    bus.publish('system.notice', notice);
    expect(window.webContents.sent).toEqual([[ipcChannels.event, 'system.notice', notice]]);
    window.close();
    bus.publish('system.notice', notice);
    expect(window.webContents.sent).toHaveLength(1);
  });
});
