// A member machine's pages and its link to the hall node: the banner state, the 取号 tile,
// and a whole reload when the hall link comes back (as after the page's own reconnect).
import { describe, expect, it } from 'vitest';
import type { KioskSettings } from '../../../common/contract/contract.js';
import type { HallLinkStatus } from '../../../common/contract/hall-link.js';
import type { HallClient } from '../client/client.js';
import { Kiosk } from '../kiosk/kiosk.svelte.js';
import { PageLink } from './link.svelte.js';

const settings: KioskSettings = {
  hallName: { 'zh-CN': '测试', en: 'Test' },
  timeZone: 'Asia/Shanghai',
  demo: false,
  defaultLanguage: 'zh-CN',
  tiles: [
    { id: 'ticket', enabled: true },
    { id: 'guide', enabled: true },
  ],
  idle: { seconds: 30, elderSeconds: 90, warnSeconds: 10 },
  elderModeDefault: false,
};

const status = (state: HallLinkStatus['state']): HallLinkStatus => ({
  state,
  since: '2026-11-28T08:00:00.000Z',
  pendingConfirms: 0,
});

function memberCore(initial: HallLinkStatus['state']) {
  let hall = status(initial);
  const listeners = new Set<(s: HallLinkStatus) => void>();
  const client: HallClient = {
    async call(method) {
      if (method === 'hallLink.status') return hall as never;
      if (method === 'kiosk.settings') return settings as never;
      if (method === 'devices.status') return [] as never;
      throw new Error(`unexpected ${method}`);
    },
    on(event, listener) {
      if (event !== 'hallLink.changed') return () => {};
      const l = listener as (s: HallLinkStatus) => void;
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onConnection(listener) {
      listener(true);
      return () => {};
    },
    close() {},
  };
  const change = (state: HallLinkStatus['state']) => {
    hall = status(state);
    for (const l of listeners) l(hall);
  };
  return { client, change };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the hall link on a member machine', () => {
  it('says the hall node is down, blocks only 取号, and reloads the page when it is back', async () => {
    const core = memberCore('up');
    const link = new PageLink(core.client);
    link.start();
    let reloads = 0;
    link.whenUp(() => (reloads += 1));
    await settle();
    const kiosk = new Kiosk(link);
    await kiosk.onLinkUp();
    expect(link.hall?.state).toBe('up');
    expect(link.hallDown).toBe(false);
    const before = reloads;

    core.change('down');
    expect(link.hallDown).toBe(true);
    expect(kiosk.blockedReason('ticket')).toBe('无法连接大厅主机');
    expect(kiosk.blockedReason('guide')).toBeNull();
    expect(reloads).toBe(before);

    core.change('up');
    expect(link.hallDown).toBe(false);
    expect(kiosk.blockedReason('ticket')).toBeNull();
    expect(reloads).toBe(before + 1);
  });

  it('a refused token or another hall’s node counts as down; the hall node itself has no link to lose', async () => {
    for (const state of ['refused', 'wrong-hall'] as const) {
      const member = new PageLink(memberCore(state).client);
      member.start();
      await settle();
      expect(member.hallDown).toBe(true);
    }

    const hallNode = memberCore('none');
    const own = new PageLink(hallNode.client);
    own.start();
    await settle();
    expect(own.hall?.state).toBe('none');
    expect(own.hallDown).toBe(false);
  });
});
