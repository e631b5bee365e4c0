/**
 * The indexed call-next against the rules written the slow, obvious way (scan every waiting
 * ticket), over random mornings: both must call the same ticket every time.
 */
import { describe, expect, it } from 'vitest';
import { QueueSection } from '../../kiosk-config/queue.js';
import { QueueEngine } from './engine.js';
import { priorityTurn } from './rules.js';
import type { CounterState, Ticket } from './types.js';

function reference(
  waiting: Iterable<Ticket>,
  c: CounterState,
  now: number,
  ratio = { priority: 1, normal: 2 },
) {
  const mine = [...waiting].filter((t) =>
    t.counterId ? t.counterId === c.id : c.services.includes(t.serviceId),
  );
  const order = (key: (t: Ticket) => number) => (a: Ticket, b: Ticket) =>
    key(a) - key(b) || a.id - b.id;
  const due = mine
    .filter((t) => t.appointmentAt !== null && t.appointmentAt <= now)
    .sort(order((t) => t.appointmentAt!));
  if (due[0]) return due[0];
  const p = mine.filter((t) => t.priority.length > 0).sort(order((t) => t.arrivedAt))[0];
  const n = mine.filter((t) => t.priority.length === 0).sort(order((t) => t.arrivedAt))[0];
  if (!p || !n) return p ?? n ?? null;
  return priorityTurn(c.cycle, ratio) ? p : n;
}

describe('the waiting index', () => {
  it.each([1, 2, 3, 4, 5])('agrees with a full scan over a random morning (seed %i)', (seed) => {
    let r = seed;
    const rand = () => (r = (r * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const e = new QueueEngine(
      QueueSection.parse({
        services: ['a', 'b', 'c'].map((id, i) => ({
          id,
          prefix: 'ABC'[i],
          name: { 'zh-CN': id, en: id },
        })),
        counters: [
          { id: 'c1', number: 1, services: ['a', 'b'] },
          { id: 'c2', number: 2, services: ['b', 'c'] },
          { id: 'c3', number: 3, services: ['a', 'c'] },
        ],
        recall: { cooldownSeconds: 0, max: 3 },
      }),
      'Asia/Shanghai',
      Date.UTC(2026, 2, 2, 1),
    );
    let now = Date.UTC(2026, 2, 2, 1);
    for (const c of ['c1', 'c2', 'c3']) e.signIn(c, c, now);
    let calls = 0;
    for (let step = 0; step < 400; step++) {
      now += Math.floor(rand() * 20_000);
      const x = rand();
      const counter = ['c1', 'c2', 'c3'][Math.floor(rand() * 3)]!;
      const c = e.counter(counter);
      if (x < 0.45) {
        const [res] = e.reserve(
          {
            serviceId: 'abc'[Math.floor(rand() * 3)]!,
            deviceId: 'k',
            birthDate: rand() < 0.3 ? '1940-01-01' : undefined,
            appointmentAt: rand() < 0.15 ? now + Math.floor((rand() - 0.5) * 600_000) : null,
          },
          now,
        );
        if (res?.type === 'reserved') e.confirm(res.ticketId, now);
      } else if (c.current !== null) {
        const t = e.ticket(c.current);
        if (x < 0.6)
          e.transfer(
            counter,
            t.id,
            rand() < 0.5
              ? { serviceId: 'abc'[Math.floor(rand() * 3)]! }
              : { counterId: counter === 'c1' ? 'c2' : 'c1' },
            now,
          );
        else if (t.state === 'called') e.start(counter, t.id, now);
        else e.finish(counter, t.id, now);
      } else {
        const waiting = [...e.waiting];
        if (rand() < 0.1 && waiting.length > 0)
          e.setPriority(waiting[Math.floor(rand() * waiting.length)]!.id, 'green', now);
        const expected = reference(e.waiting, c, now);
        const events = e.call(counter, now);
        const got = events[0]?.type === 'called' ? events[0].ticketId : null;
        expect(got, `step ${step}`).toBe(expected?.id ?? null);
        if (got !== null) calls += 1;
      }
    }
    expect(calls).toBeGreaterThan(30);
  });
});
