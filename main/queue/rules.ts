/**
 * Who a counter calls next. In order:
 * 1. an appointment whose time has come (checked in, appointment time ≤ now), earliest first;
 * 2. priority (elder by age, 绿色通道, disability) against normal by the hall's ratio — with
 *    1 : 2, while both kinds wait, each cycle calls one priority ticket then two normal ones;
 *    when only one kind waits it is called and the cycle goes on counting;
 * 3. within a kind, the longest wait across every service the counter serves (original
 *    arrival time, kept through transfers), ties by ticket order.
 * A ticket transferred to one counter is called only there.
 */
import type { CounterState, Ticket } from './types.js';
import type { Kind } from './waiting.js';

export interface Ratio {
  priority: number;
  normal: number;
}

/** The first of each list's head, by the list's own order (`key`, then ticket order). */
function first(
  bases: string[],
  head: (base: string, kind: Kind) => Ticket | undefined,
  kind: Kind,
  key: (t: Ticket) => number,
): Ticket | null {
  let best: Ticket | null = null;
  for (const base of bases) {
    const t = head(base, kind);
    if (t && (!best || key(t) < key(best) || (key(t) === key(best) && t.id < best.id))) best = t;
  }
  return best;
}

export function pickNext(
  head: (base: string, kind: Kind) => Ticket | undefined,
  counter: CounterState,
  ratio: Ratio,
  now: number,
): Ticket | null {
  const bases = [`@${counter.id}`, ...counter.services];
  const appointment = first(bases, head, 'appointment', (t) => t.appointmentAt ?? 0);
  // The earliest appointment not yet due means none is due.
  if (appointment && (appointment.appointmentAt ?? 0) <= now) return appointment;
  const priority = first(bases, head, 'priority', (t) => t.arrivedAt);
  const normal = first(bases, head, 'normal', (t) => t.arrivedAt);
  if (!priority || !normal) return priority ?? normal;
  return priorityTurn(counter.cycle, ratio) ? priority : normal;
}

/** Whether the cycle owes a priority call now (priority calls come first in a cycle). */
export function priorityTurn(cycle: Ratio, ratio: Ratio): boolean {
  const full = cycle.priority >= ratio.priority && cycle.normal >= ratio.normal;
  const c = full ? { priority: 0, normal: 0 } : cycle;
  if (c.priority < ratio.priority) return true;
  return c.normal >= ratio.normal;
}
