import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannels, methods } from '../../common/contract/contract.js';
import type { KioskBridge } from '../../common/contract/bridge.js';
import { electron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

let bridge: KioskBridge;

beforeAll(async () => {
  await import('./preload.js');
  bridge = electron.contextBridge.exposed.get('hallKiosk') as KioskBridge;
});

describe('preload', () => {
  it('exposes hallKiosk and nothing else', () => {
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['hallKiosk']);
    expect(Object.keys(bridge).sort()).toEqual(['calls', 'onEvent']);
  });

  it("has exactly the contract's methods, and no raw ipcRenderer", () => {
    expect(Object.keys(bridge.calls).sort()).toEqual([...methods].sort());
    expect(Object.values(bridge.calls).every((f) => typeof f === 'function')).toBe(true);
    expect(Object.values(bridge).includes(electron.ipcRenderer)).toBe(false);
    expect(Object.isFrozen(bridge.calls)).toBe(true);
  });

  it('sends a call over the one call channel', async () => {
    await bridge.calls['system.ping']({ nonce: 'n1' });
    expect(electron.ipcRenderer.invocations.at(-1)).toEqual([
      ipcChannels.call,
      'system.ping',
      { nonce: 'n1' },
    ]);
  });

  it('delivers contract events by name until stopped, and never an unknown one', () => {
    const seen: unknown[] = [];
    const stop = bridge.onEvent((event, data) => seen.push([event, data]));
    electron.ipcRenderer.emit(ipcChannels.event, {}, 'system.notice', { code: 'X' });
    electron.ipcRenderer.emit(ipcChannels.event, {}, 'no.such.event', { code: 'Z' });
    stop();
    electron.ipcRenderer.emit(ipcChannels.event, {}, 'system.notice', { code: 'Y' });
    expect(seen).toEqual([['system.notice', { code: 'X' }]]);
  });
});

describe('the preload bundle', () => {
  it('is built the way scripts/build.mjs builds it, requires only electron, and carries no zod', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [new URL('./preload.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const text = result.outputFiles[0]!.text;
    expect([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(text).not.toMatch(/zod|ZodError/);
    expect(text.length).toBeLessThan(16 * 1024);
  });
});
