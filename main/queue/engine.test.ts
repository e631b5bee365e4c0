import { describe, expect, it } from 'vitest';
import { QueueSection } from '../../kiosk-config/queue.js';
import { QueueEngine } from './engine.js';
import { QueueRefusal, type QueueEvent } from './types.js';

const TZ = 'Asia/Shanghai';
// 2026-03-02 09:00 in Shanghai.
const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
const s = (n: number) => T0 + n * 1000;

function engine(over: object = {}): QueueEngine {
  const rules = QueueSection.parse({
    services: [
      { id: 'gen', prefix: 'A', name: { 'zh-CN': '综合', en: 'General' } },
      { id: 'soc', prefix: 'B', name: { 'zh-CN': '社保', en: 'Social' } },
    ],
    counters: [
      { id: 'c1', number: 1, services: ['gen'] },
      { id: 'c2', number: 2, services: ['gen', 'soc'] },
      { id: 'c3', number: 3, services: ['soc'] },
    ],
    recall: { cooldownSeconds: 10, max: 2 },
    noShowAfterRecalls: 2,
    ...over,
  });
  const e = new QueueEngine(rules, TZ, T0);
  for (const c of e.counters.keys()) e.signIn(c, `staff-${c}`, T0);
  return e;
}

/** Issue and confirm one ticket; returns its id. */
function take(e: QueueEngine, serviceId: string, at: number, extra: object = {}): number {
  const [reserved] = e.reserve({ serviceId, deviceId: 'k1', ...extra }, at);
  if (reserved?.type !== 'reserved') throw new Error('no reservation');
  e.confirm(reserved.ticketId, at);
  return reserved.ticketId;
}

function called(events: QueueEvent[]): string | null {
  const e = events.find((x) => x.type === 'called');
  return e && e.type === 'called' ? e.ticketId.toString() : null;
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof QueueRefusal) return error.code;
    throw error;
  }
  return 'ACCEPTED';
}

describe('numbers', () => {
  it.each([
    ['first ticket of a service', ['gen'], ['A001']],
    ['prefix per service', ['gen', 'soc', 'gen'], ['A001', 'B001', 'A002']],
  ])('%s', (_name, services, numbers) => {
    const e = engine();
    const got = services.map((sv, i) => e.ticket(take(e, sv, s(i))).number);
    expect(got).toEqual(numbers);
  });

  it('a ticket that did not print holds no number: voided, and the next ticket reuses it', () => {
    const e = engine();
    take(e, 'gen', s(0));
    const [r] = e.reserve({ serviceId: 'gen', deviceId: 'k1' }, s(1));
    expect(r?.type === 'reserved' && r.number).toBe('A002');
    e.void(r?.type === 'reserved' ? r.ticketId : 0, 'paper out', s(2));
    expect(e.waiting.size).toBe(1);
    const next = take(e, 'gen', s(3));
    expect(e.ticket(next).number).toBe('A002');
    expect(e.issuedCount('gen')).toBe(2);
  });

  it('a print that may have left a slip retires its number: the next ticket does not share it', () => {
    const e = engine();
    const [r] = e.reserve({ serviceId: 'gen', deviceId: 'k1' }, s(0));
    const id = r?.type === 'reserved' ? r.ticketId : 0;
    const [voided] = e.void(id, 'paper out mid-job', s(1), true);
    expect(voided).toMatchObject({ type: 'voided', retired: true });
    expect(e.ticket(take(e, 'gen', s(2))).number).toBe('A002');
    // The retired number is used up for the day, like any number handed out.
    expect(e.issuedCount('gen')).toBe(2);
  });

  it('an unconfirmed reservation expires after reservationSeconds and retires its number', () => {
    const e = engine({ reservationSeconds: 30 });
    e.reserve({ serviceId: 'gen', deviceId: 'k1' }, s(0));
    expect(e.expireReservations(s(29))).toEqual([]);
    const voided = e.expireReservations(s(30));
    expect(voided).toMatchObject([{ type: 'voided', reason: 'timeout', retired: true }]);
    // The kiosk may have printed A001 before it went quiet: the next slip must not share it.
    expect(e.ticket(take(e, 'gen', s(31))).number).toBe('A002');
  });

  it.each([
    ['within hours', [{ from: '08:30', to: '11:30' }], 9 * 60, null],
    ['before opening', [{ from: '09:30', to: '11:30' }], 9 * 60, 'CLOSED'],
    [
      'lunch gap',
      [
        { from: '08:00', to: '08:59' },
        { from: '13:00', to: '17:00' },
      ],
      9 * 60,
      'CLOSED',
    ],
  ])('issuing hours: %s', (_n, hours, _minute, code) => {
    const e = engine({
      services: [{ id: 'gen', prefix: 'A', name: { 'zh-CN': '综合', en: 'G' }, hours }],
      counters: [{ id: 'c1', number: 1, services: ['gen'] }],
    });
    expect(refusal(() => e.reserve({ serviceId: 'gen', deviceId: 'k' }, T0))).toBe(
      code ?? 'ACCEPTED',
    );
  });

  it('the daily cap makes a service full; voided tickets do not count', () => {
    const e = engine({
      services: [{ id: 'gen', prefix: 'A', name: { 'zh-CN': '综合', en: 'G' }, dailyCap: 2 }],
      counters: [{ id: 'c1', number: 1, services: ['gen'] }],
    });
    take(e, 'gen', s(0));
    const [r] = e.reserve({ serviceId: 'gen', deviceId: 'k' }, s(1));
    expect(e.closedReason('gen', s(1))).toBe('full');
    e.void(r?.type === 'reserved' ? r.ticketId : 0, 'jam', s(2));
    expect(e.closedReason('gen', s(2))).toBeNull();
    take(e, 'gen', s(3));
    expect(refusal(() => e.reserve({ serviceId: 'gen', deviceId: 'k' }, s(4)))).toBe('FULL');
  });
});

describe('calling rules', () => {
  // Each row: tickets (service, kind, seconds after T0) and the order counter c2 calls them.
  const cases: [string, object, [string, string, number][], number[]][] = [
    [
      'oldest wait first across the counter services',
      {},
      [
        ['soc', 'n', 0],
        ['gen', 'n', 1],
        ['soc', 'n', 2],
      ],
      [1, 2, 3],
    ],
    [
      'ratio 1:2 while both kinds wait',
      {},
      [
        ['gen', 'n', 0],
        ['gen', 'n', 1],
        ['gen', 'n', 2],
        ['gen', 'n', 3],
        ['gen', 'p', 4],
        ['gen', 'p', 5],
      ],
      [5, 1, 2, 6, 3, 4],
    ],
    [
      'ratio 1:1',
      { ratio: { priority: 1, normal: 1 } },
      [
        ['gen', 'n', 0],
        ['gen', 'n', 1],
        ['gen', 'p', 2],
        ['gen', 'p', 3],
      ],
      [3, 1, 4, 2],
    ],
    [
      'ratio 0:1 — priority only when nobody else waits',
      { ratio: { priority: 0, normal: 1 } },
      [
        ['gen', 'p', 0],
        ['gen', 'n', 1],
        ['gen', 'n', 2],
      ],
      [2, 3, 1],
    ],
    [
      'an appointment whose time has come goes first',
      {},
      [
        ['gen', 'p', 0],
        ['gen', 'n', 1],
        ['gen', 'a-10', 2],
      ],
      [3, 1, 2],
    ],
    [
      'an appointment before its time waits like anyone',
      {},
      [
        ['gen', 'n', 0],
        ['gen', 'a+9999', 1],
      ],
      [1, 2],
    ],
  ];

  it.each(cases)('%s', (_name, over, tickets, order) => {
    const e = engine(over);
    for (const [service, kind, at] of tickets) {
      const extra =
        kind === 'p'
          ? { birthDate: '1950-01-01' }
          : kind.startsWith('a')
            ? { appointmentAt: s(Number(kind.slice(1))) }
            : {};
      take(e, service, s(at), extra);
    }
    const got: number[] = [];
    for (let i = 0; i < order.length; i++) {
      const id = Number(called(e.call('c2', s(100 + i * 10))));
      got.push(id);
      e.start('c2', id, s(101 + i * 10));
      e.finish('c2', id, s(102 + i * 10));
    }
    expect(got).toEqual(order);
  });

  it.each([
    ['70 on the day', '1956-03-02', true],
    ['69, birthday tomorrow', '1956-03-03', false],
    ['young', '1990-05-05', false],
  ])('elder priority by age: %s', (_n, birthDate, elder) => {
    const e = engine();
    const id = take(e, 'gen', s(0), { birthDate });
    expect(e.ticket(id).priority.includes('elder')).toBe(elder);
  });

  it('green channel and disability, set by staff, make a ticket priority', () => {
    const e = engine();
    take(e, 'gen', s(0));
    const late = take(e, 'gen', s(1));
    e.setPriority(late, 'green', s(2));
    expect(called(e.call('c1', s(3)))).toBe(String(late));
  });

  it('a counter only calls its services; a ticket transferred to a counter only there', () => {
    const e = engine();
    const soc = take(e, 'soc', s(0));
    expect(e.call('c1', s(1))).toEqual([]);
    const gen = take(e, 'gen', s(2));
    e.call('c2', s(3));
    e.transfer('c2', soc, { counterId: 'c3' }, s(4));
    expect(called(e.call('c2', s(5)))).toBe(String(gen));
    expect(called(e.call('c3', s(6)))).toBe(String(soc));
  });
});

describe('counter actions', () => {
  type Step = [string, (e: QueueEngine, id: number) => unknown, string];
  const table: [string, Step[]][] = [
    [
      'one active ticket per counter',
      [
        ['call', (e) => e.call('c1', s(10)), 'ACCEPTED'],
        ['call again', (e) => e.call('c1', s(11)), 'BUSY'],
      ],
    ],
    [
      'a second call of the same ticket is refused',
      [
        ['c1 calls it', (e, id) => e.call('c1', s(10), id), 'ACCEPTED'],
        ['c2 calls it too', (e, id) => e.call('c2', s(11), id), 'NOT_WAITING'],
      ],
    ],
    [
      'recall: cooldown, then the limit turns into a no-show',
      [
        ['call', (e) => e.call('c1', s(10)), 'ACCEPTED'],
        ['too soon', (e, id) => e.recall('c1', id, s(15)), 'RECALL_COOLDOWN'],
        ['recall 1', (e, id) => e.recall('c1', id, s(20)), 'ACCEPTED'],
        ['recall 2', (e, id) => e.recall('c1', id, s(30)), 'ACCEPTED'],
        ['third press → no-show', (e, id) => e.recall('c1', id, s(40)), 'ACCEPTED'],
        ['state', (e, id) => expect(e.ticket(id).state).toBe('noShow'), 'ACCEPTED'],
      ],
    ],
    [
      'actions on another counter ticket are refused',
      [
        ['c1 calls', (e) => e.call('c1', s(10)), 'ACCEPTED'],
        ['c2 finishes it', (e, id) => e.finish('c2', id, s(11)), 'NOT_YOURS'],
        ['c2 no-shows it', (e, id) => e.noShow('c2', id, s(11)), 'NOT_YOURS'],
        [
          'c2 transfers it',
          (e, id) => e.transfer('c2', id, { serviceId: 'soc' }, s(11)),
          'NOT_YOURS',
        ],
      ],
    ],
    [
      'finish needs serving; no-show needs called',
      [
        ['call', (e) => e.call('c1', s(10)), 'ACCEPTED'],
        ['finish too early', (e, id) => e.finish('c1', id, s(11)), 'WRONG_STATE'],
        ['start', (e, id) => e.start('c1', id, s(12)), 'ACCEPTED'],
        ['no-show while serving', (e, id) => e.noShow('c1', id, s(13)), 'WRONG_STATE'],
        ['finish', (e, id) => e.finish('c1', id, s(14)), 'ACCEPTED'],
        ['finish twice (replay)', (e, id) => e.finish('c1', id, s(15)), 'NOT_YOURS'],
      ],
    ],
    [
      'pause needs a reason and no active ticket; a paused counter does not call',
      [
        ['empty reason', (e) => e.pause('c1', '  ', s(10)), 'PAUSE_REASON'],
        ['pause', (e) => e.pause('c1', '午休', s(11)), 'ACCEPTED'],
        ['call while paused', (e) => e.call('c1', s(12)), 'PAUSED'],
        ['resume', (e) => e.resume('c1', s(13)), 'ACCEPTED'],
        ['call', (e) => e.call('c1', s(14)), 'ACCEPTED'],
        ['pause while busy', (e) => e.pause('c1', '午休', s(15)), 'BUSY'],
      ],
    ],
    [
      'a counter nobody signed in to does not call',
      [
        ['sign out', (e) => e.signOut('c1', 'staff-c1', s(10)), 'ACCEPTED'],
        ['call', (e) => e.call('c1', s(11)), 'NOT_SIGNED_IN'],
      ],
    ],
    [
      'transfer keeps number and arrival; refuses self and a counter without the service',
      [
        ['call', (e) => e.call('c1', s(10)), 'ACCEPTED'],
        ['to self', (e, id) => e.transfer('c1', id, { counterId: 'c1' }, s(11)), 'TRANSFER_SELF'],
        [
          'gen to c3 (soc only)',
          (e, id) => e.transfer('c1', id, { counterId: 'c3', serviceId: 'gen' }, s(11)),
          'TRANSFER_TARGET',
        ],
        ['to soc', (e, id) => e.transfer('c1', id, { serviceId: 'soc' }, s(12)), 'ACCEPTED'],
        [
          'same number and arrival',
          (e, id) => {
            const t = e.ticket(id);
            expect([t.number, t.serviceId, t.arrivedAt, t.state]).toEqual([
              'A001',
              'soc',
              s(0),
              'waiting',
            ]);
          },
          'ACCEPTED',
        ],
        ['c1 is free', (e) => expect(e.counter('c1').current).toBeNull(), 'ACCEPTED'],
      ],
    ],
  ];

  it.each(table)('%s', (_name, steps) => {
    const e = engine();
    const id = take(e, 'gen', s(0));
    for (const [label, step, expected] of steps) {
      expect(
        refusal(() => step(e, id)),
        label,
      ).toBe(expected);
    }
  });
});

describe('the event log', () => {
  it('replaying the stored events rebuilds the same state', () => {
    const e = engine();
    const log: QueueEvent[] = [];
    const keep = (events: QueueEvent[]) => log.push(...events);
    keep(e.signIn('c1', 'x', s(0)));
    for (let i = 0; i < 5; i++) {
      keep(
        e.reserve(
          { serviceId: 'gen', deviceId: 'k', birthDate: i % 2 ? '1940-01-01' : undefined },
          s(i),
        ),
      );
      keep(e.confirm(i + 1, s(i)));
    }
    const first = e.call('c1', s(10));
    keep(first);
    keep(e.recall('c1', Number(called(first)), s(30)));
    keep(e.reserve({ serviceId: 'gen', deviceId: 'k' }, s(31)));
    keep(e.void(6, 'jam', s(32)));
    const copy = engine();
    copy.reset(copy.day);
    for (const ev of log) copy.apply(ev);
    expect([...copy.tickets.values()]).toEqual([...e.tickets.values()]);
    expect(copy.counter('c1')).toEqual(e.counter('c1'));
    expect(copy.ticket(take(copy, 'gen', s(40))).number).toBe(
      e.ticket(take(e, 'gen', s(40))).number,
    );
  });

  it('the daily reset: open tickets are cancelled (dayEnded), numbers restart, staff stays', () => {
    const e = engine({ dailyResetHour: 4 });
    take(e, 'gen', s(0));
    e.call('c1', s(1));
    take(e, 'gen', s(2));
    e.pause('c2', '会议', s(3));
    // 03:59 next morning is still the same queue day.
    expect(e.rollover(Date.UTC(2026, 2, 2, 19, 59))).toBeNull();
    const next = e.rollover(Date.UTC(2026, 2, 2, 20, 0));
    expect(next?.newDay).toBe('2026-03-03');
    expect(next?.closing.map((x) => x.type)).toEqual(['cancelled', 'cancelled']);
    expect(next?.opening.map((x) => x.type)).toEqual([
      'signedIn',
      'signedIn',
      'paused',
      'signedIn',
    ]);
    expect(e.counter('c1').current).toBeNull();
    expect(e.ticket(take(e, 'gen', Date.UTC(2026, 2, 2, 20, 1))).number).toBe('A001');
  });
});
