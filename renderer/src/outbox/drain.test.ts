import { describe, expect, it } from 'vitest';
import type { OutboxStatusView } from '../../../common/contract/cases.js';
import type { EventData, EventName } from '../../../common/contract/contract.js';
import type { HallClient } from '../client/client.js';
import { PageLink } from '../link/link.svelte.js';
import { drainSummary, kioskPendingCount } from './drain.js';
import { OutboxWatch } from './watch.svelte.js';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const base: OutboxStatusView = {
  pending: 0,
  delivered: 12,
  parked: 0,
  discarded: 0,
  inFlight: 0,
  oldestPendingAt: null,
  online: true,
  lastError: null,
  deliveredThisRun: 12,
  openAlerts: 0,
  platform: 'configured',
};

describe('drainSummary', () => {
  it('is clear when nothing waits', () => {
    expect(drainSummary(base, NOW)).toEqual({
      pending: 0,
      parked: 0,
      oldestSeconds: null,
      tone: 'clear',
    });
  });

  it('gives the oldest pending age in whole seconds while draining', () => {
    const s = drainSummary({ ...base, pending: 3, oldestPendingAt: NOW - 125_400 }, NOW);
    expect(s).toMatchObject({ pending: 3, oldestSeconds: 125, tone: 'draining' });
  });

  it('says waiting while the platform cannot be reached or is not configured', () => {
    const pending = { ...base, pending: 2, oldestPendingAt: NOW - 1000 };
    expect(drainSummary({ ...pending, online: false }, NOW).tone).toBe('waiting');
    expect(drainSummary({ ...pending, platform: 'not-configured' }, NOW).tone).toBe('waiting');
  });

  it('puts a parked lane above everything else', () => {
    expect(drainSummary({ ...base, parked: 1 }, NOW).tone).toBe('parked');
    expect(drainSummary({ ...base, parked: 1, pending: 4, online: false }, NOW).tone).toBe(
      'parked',
    );
  });
});

describe('kioskPendingCount', () => {
  it('shows a count only when something waits', () => {
    expect(kioskPendingCount(null)).toBeNull();
    expect(kioskPendingCount(base)).toBeNull();
    expect(kioskPendingCount({ ...base, pending: 2 })).toBe(2);
  });
});

/** A core that answers outbox.status and lets the test push events. */
function fakeCore(initial: OutboxStatusView) {
  let status = initial;
  const listeners = new Map<string, Set<(data: unknown) => void>>();
  const client: HallClient = {
    async call(method) {
      if (method === 'outbox.status') return status as never;
      if (method === 'devices.status') return [] as never;
      throw new Error(`unexpected ${method}`);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (data: unknown) => void);
      return () => set.delete(listener as (data: unknown) => void);
    },
    onConnection(listener) {
      listener(true);
      return () => {};
    },
    close() {},
  };
  const emit = <E extends EventName>(event: E, data: EventData<E>) =>
    listeners.get(event)?.forEach((l) => l(data));
  return { client, emit, setStatus: (s: OutboxStatusView) => (status = s) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('OutboxWatch', () => {
  it('reads the status when the link is up, then follows outbox.changed', async () => {
    const core = fakeCore({ ...base, pending: 1, oldestPendingAt: NOW });
    const link = new PageLink(core.client);
    const stopLink = link.start();
    const watch = new OutboxWatch(link);
    const stop = watch.start();
    await settle();
    expect(watch.status?.pending).toBe(1);
    core.emit('outbox.changed', { ...base, pending: 0 });
    expect(kioskPendingCount(watch.status)).toBeNull();
    stop();
    core.emit('outbox.changed', { ...base, pending: 9 });
    expect(watch.status?.pending).toBe(0);
    stopLink();
  });

  it('on outbox.alert keeps the words and re-reads the parked count; clears when none is parked', async () => {
    const core = fakeCore(base);
    const link = new PageLink(core.client);
    const stopLink = link.start();
    const watch = new OutboxWatch(link);
    const stop = watch.start();
    await settle();
    core.setStatus({ ...base, parked: 1, openAlerts: 1 });
    const message = { 'zh-CN': '第 7 条被平台拒收', en: 'item 7 refused' };
    core.emit('outbox.alert', { code: 'outbox-parked', at: new Date(NOW).toISOString(), message });
    await settle();
    expect(watch.alert?.message).toEqual(message);
    expect(drainSummary(watch.status!, NOW).tone).toBe('parked');
    core.emit('outbox.changed', { ...base, parked: 0 });
    expect(watch.alert).toBeNull();
    stop();
    stopLink();
  });
});
