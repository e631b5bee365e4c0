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

export interface Ratio {
  priority: number;
  normal: number;
}

function earlier(a: Ticket | null, b: Ticket, key: (t: Ticket) => number): boolean {
  if (!a) return true;
  const ka = key(a);
  const kb = key(b);
  return kb < ka || (kb === ka && b.id < a.id);
}

const byArrival = (t: Ticket): number => t.arrivedAt;
const byAppointment = (t: Ticket): number => t.appointmentAt ?? 0;

export function pickNext(
  waiting: Iterable<Ticket>,
  counter: CounterState,
  ratio: Ratio,
  now: number,
): Ticket | null {
  let appointment: Ticket | null = null;
  let priority: Ticket | null = null;
  let normal: Ticket | null = null;
  for (const t of waiting) {
    if (t.counterId ? t.counterId !== counter.id : !counter.services.includes(t.serviceId)) {
      continue;
    }
    if (t.appointmentAt !== null && t.appointmentAt <= now) {
      if (earlier(appointment, t, byAppointment)) appointment = t;
    } else if (t.priority.length > 0) {
      if (earlier(priority, t, byArrival)) priority = t;
    } else if (earlier(normal, t, byArrival)) {
      normal = t;
    }
  }
  if (appointment) return appointment;
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
