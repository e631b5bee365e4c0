import { describe, expect, it } from 'vitest';
import { QueueSection } from '../../kiosk-config/queue.js';
import { QueueEngine } from '../queue/engine.js';
import { checkInVerdict, windowState, type CachedAppointment } from './rules.js';

const MIN = 60_000;
// 2026-03-02 10:00 in Shanghai: the slot start of the appointment under test.
const SLOT = Date.UTC(2026, 2, 2, 2, 0, 0);
const TODAY = '2026-03-02';
const W = { earlyMinutes: 30, lateMinutes: 15 };
const MINE = 'index-of-the-resident';

const appt = (over: Partial<CachedAppointment> = {}): CachedAppointment => ({
  id: 'AP-1',
  day: TODAY,
  serviceId: 'gen',
  slotStart: SLOT,
  slotEnd: SLOT + 30 * MIN,
  idIndex: MINE,
  state: 'booked',
  checkedInAt: null,
  ticketId: null,
  ticketNumber: null,
  ...over,
});

describe('check-in verdict', () => {
  it.each<[string, CachedAppointment | null, string, number, string, number | null]>([
    ['in the window, at the slot start', appt(), MINE, SLOT, 'ok', null],
    ['the window opens 30 min before (edge included)', appt(), MINE, SLOT - 30 * MIN, 'ok', null],
    [
      'one second before it opens: too early, with when',
      appt(),
      MINE,
      SLOT - 30 * MIN - 1000,
      'early',
      SLOT - 30 * MIN,
    ],
    ['two hours early', appt(), MINE, SLOT - 120 * MIN, 'early', SLOT - 30 * MIN],
    ['15 min after the start (edge included)', appt(), MINE, SLOT + 15 * MIN, 'ok', null],
    ['one second after the window: too late', appt(), MINE, SLOT + 15 * MIN + 1000, 'late', null],
    ['no such appointment', null, MINE, SLOT, 'unknown', null],
    ['someone else’s, in its window', appt({ idIndex: 'another' }), MINE, SLOT, 'notYours', null],
    [
      'someone else’s and cancelled: still only "not yours"',
      appt({ idIndex: 'x', state: 'cancelled' }),
      MINE,
      SLOT,
      'notYours',
      null,
    ],
    ['cancelled', appt({ state: 'cancelled' }), MINE, SLOT, 'cancelled', null],
    ['already checked in', appt({ checkedInAt: SLOT - MIN }), MINE, SLOT, 'checkedIn', null],
    ['tomorrow’s', appt({ day: '2026-03-03' }), MINE, SLOT, 'notToday', null],
  ])('%s', (_name, a, who, now, want, comeBackAt) => {
    const v = checkInVerdict(a, who, TODAY, now, W);
    expect(v.ok ? 'ok' : v.reason).toBe(want);
    expect(v.ok ? null : v.comeBackAt).toBe(comeBackAt);
  });

  it.each([
    [0, 0, SLOT, 'open'],
    [0, 0, SLOT + 1000, 'late'],
    [60, 0, SLOT - 59 * MIN, 'open'],
  ])('a configured window (%i before, %i after)', (earlyMinutes, lateMinutes, now, want) => {
    expect(windowState(appt(), now, { earlyMinutes, lateMinutes })).toBe(want);
  });

  it('a cancelled or checked-in appointment shows as closed whatever the time', () => {
    expect(windowState(appt({ state: 'cancelled' }), SLOT, W)).toBe('closed');
    expect(windowState(appt({ checkedInAt: SLOT }), SLOT, W)).toBe('closed');
  });
});

describe('a checked-in appointment in the calling rules', () => {
  const rules = QueueSection.parse({
    services: [{ id: 'gen', prefix: 'A', name: { 'zh-CN': '综合', en: 'General' } }],
    counters: [{ id: 'c1', number: 1, services: ['gen'] }],
  });
  // Each ticket: [kind, issued at (min from the slot start)]; kind a = the appointment checked
  // in (its time is SLOT), p = an elder, n = anyone. Then the counter calls at `callAt`.
  it.each<[string, [string, number][], number, string[]]>([
    [
      'checked in early, called before its time: waits behind those who came first',
      [
        ['n', -40],
        ['a', -20],
        ['n', -10],
      ],
      -5,
      ['n1', 'a', 'n2'],
    ],
    [
      'at its time: first, before an elder and earlier arrivals',
      [
        ['n', -40],
        ['p', -30],
        ['a', -20],
      ],
      0,
      ['a', 'p', 'n1'],
    ],
    [
      'checked in late (within the window): first at once',
      [
        ['n', -40],
        ['n', 0],
        ['a', 10],
      ],
      11,
      ['a', 'n1', 'n2'],
    ],
  ])('%s', (_name, tickets, callAt, order) => {
    const e = new QueueEngine(rules, 'Asia/Shanghai', SLOT - 60 * MIN);
    e.signIn('c1', 'staff', SLOT - 60 * MIN);
    const names = new Map<number, string>();
    let n = 0;
    for (const [kind, at] of tickets) {
      const extra =
        kind === 'a' ? { appointmentAt: SLOT } : kind === 'p' ? { birthDate: '1940-01-01' } : {};
      const [r] = e.reserve({ serviceId: 'gen', deviceId: 'k', ...extra }, SLOT + at * MIN);
      if (r?.type !== 'reserved') throw new Error('no reservation');
      e.confirm(r.ticketId, SLOT + at * MIN);
      names.set(r.ticketId, kind === 'n' ? `n${++n}` : kind);
    }
    const got: string[] = [];
    for (let i = 0; i < order.length; i++) {
      const t = SLOT + callAt * MIN + i * 1000;
      const ev = e.call('c1', t).find((x) => x.type === 'called');
      if (ev?.type !== 'called') throw new Error('nothing called');
      got.push(names.get(ev.ticketId)!);
      e.start('c1', ev.ticketId, t);
      e.finish('c1', ev.ticketId, t);
    }
    expect(got).toEqual(order);
  });
});
