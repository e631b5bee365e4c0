import { describe, expect, it, vi } from 'vitest';
import type { DeviceStatus, KioskSettings } from '../../../common/contract/contract.js';
import type { HallClient } from '../client/client.js';
import { ClientError } from '../client/client.js';
import { PageLink } from '../link/link.svelte.js';
import { Kiosk } from './kiosk.svelte.js';

const settings: KioskSettings = {
  hallName: { 'zh-CN': '测试', en: 'Test' },
  timeZone: 'Asia/Shanghai',
  demo: true,
  defaultLanguage: 'zh-CN',
  tiles: [
    { id: 'ticket', enabled: true },
    { id: 'caseQuery', enabled: false },
    { id: 'guide', enabled: true },
  ],
  idle: { seconds: 30, elderSeconds: 90, warnSeconds: 10 },
  elderModeDefault: false,
};

const paperOut: DeviceStatus = {
  kind: 'printer',
  adapter: 'simulated',
  state: 'fault',
  simulated: true,
  message: { 'zh-CN': '打印机缺纸，请联系工作人员', en: 'Printer out of paper — please ask staff' },
};

const diskFull: DeviceStatus = {
  kind: 'storage',
  adapter: 'data-folder',
  state: 'fault',
  simulated: false,
  message: { 'zh-CN': '存储空间已满，暂停取号', en: 'The data disk is full' },
};

/** A core on the other end of a link the test can cut. */
function fakeCore(devices: DeviceStatus[] = [paperOut]) {
  const ended: unknown[] = [];
  const connection = new Set<(up: boolean) => void>();
  let up = true;
  const client: HallClient = {
    async call(method, params) {
      if (!up) throw new ClientError('UNAVAILABLE', { 'zh-CN': '断开', en: 'down' });
      if (method === 'kiosk.settings') return settings as never;
      if (method === 'devices.status') return devices as never;
      if (method === 'kiosk.endSession') {
        ended.push(params);
        return { endedAt: 'now' } as never;
      }
      throw new Error(`unexpected ${method}`);
    },
    on: () => () => {},
    onConnection(listener) {
      connection.add(listener);
      listener(up);
      return () => connection.delete(listener);
    },
    close() {},
  };
  const setUp = (value: boolean) => {
    up = value;
    for (const listener of connection) listener(value);
  };
  return { client, ended, setUp };
}

async function started(devices?: DeviceStatus[]) {
  const core = fakeCore(devices);
  const link = new PageLink(core.client);
  link.start();
  const kiosk = new Kiosk(link);
  await kiosk.onLinkUp();
  await link.refreshDevices();
  return { core, link, kiosk };
}

describe('Kiosk', () => {
  it('shows only the enabled tiles, in order', async () => {
    const { kiosk } = await started();
    expect(kiosk.tiles).toEqual(['ticket', 'guide']);
  });

  it('times out only a session in use, and gives elder mode its longer time', async () => {
    const { kiosk } = await started();
    expect(kiosk.idleSeconds).toBe(0);
    kiosk.session.choose('guide');
    expect(kiosk.idleSeconds).toBe(30);
    kiosk.session.toggleElder();
    expect(kiosk.idleSeconds).toBe(90);
    expect(kiosk.warnSeconds).toBe(10);
    kiosk.session.end('idle');
    expect(kiosk.idleSeconds).toBe(0);
  });

  it('the idle timeout wipes an identity read from a card', async () => {
    vi.useFakeTimers();
    try {
      const { kiosk } = await started();
      kiosk.session.choose('ticket');
      kiosk.session.identify({
        idNumber: '11010519491231002X',
        name: '张桂英',
        birthDate: '1949-12-31',
        source: 'id-card',
        readAt: '2026-11-28T05:00:00.000Z',
      });
      expect(kiosk.session.identity?.name).toBe('张桂英');
      kiosk.idle.arm({ idleSeconds: kiosk.idleSeconds, warnSeconds: kiosk.warnSeconds });
      vi.advanceTimersByTime(30_000);
      expect(kiosk.idle.phase).toBe('warning');
      expect(kiosk.session.identity).not.toBeNull(); // still there while the warning asks
      vi.advanceTimersByTime(10_000);
      expect(kiosk.session.identity).toBeNull();
      expect(kiosk.session.identified).toBe(false);
      expect(kiosk.session.pristine).toBe(true);
      expect(JSON.stringify(kiosk.session.snapshot())).not.toMatch(/11010519491231002X|张/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says why 取号 cannot be used, in the resident’s language', async () => {
    const { kiosk } = await started();
    expect(kiosk.blockedReason('ticket')).toBe('打印机缺纸，请联系工作人员');
    expect(kiosk.blockedReason('guide')).toBeNull();
    kiosk.session.toggleLanguage();
    expect(kiosk.blockedReason('ticket')).toBe('Printer out of paper — please ask staff');
  });

  it('greys 取号 and 申报 out with the full disk’s reason before the printer’s', async () => {
    const { kiosk } = await started([paperOut, diskFull]);
    expect(kiosk.blockedReason('ticket')).toBe('存储空间已满，暂停取号');
    expect(kiosk.blockedReason('caseSubmit')).toBe('存储空间已满，暂停取号');
    expect(kiosk.blockedReason('guide')).toBeNull();
  });

  it('tells the core a session ended, and retells it after a lost link comes back', async () => {
    const { core, kiosk } = await started();
    kiosk.session.choose('guide');
    kiosk.session.end('cancel');
    await Promise.resolve();
    expect(core.ended).toEqual([{ reason: 'cancel' }]);

    core.setUp(false);
    expect(kiosk.blockedReason('guide')).toBe('正在重新连接，请稍候');
    kiosk.session.choose('guide');
    kiosk.session.end('idle');
    await new Promise((r) => setTimeout(r, 0));
    expect(core.ended).toHaveLength(1);

    core.setUp(true);
    await kiosk.onLinkUp();
    expect(core.ended).toEqual([{ reason: 'cancel' }, { reason: 'idle' }]);
  });
});
