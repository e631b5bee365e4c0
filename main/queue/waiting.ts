/**
 * The waiting tickets, indexed so call-next looks only at the head of a few sorted lists
 * instead of every ticket: per service (or per counter, for tickets transferred to one
 * counter), one list each for priority and normal tickets by arrival, and one for tickets
 * with an appointment by appointment time (a ticket with an appointment is in both).
 */
import type { Ticket } from './types.js';

export type Kind = 'priority' | 'normal' | 'appointment';

const byArrival = (a: Ticket, b: Ticket): number => a.arrivedAt - b.arrivedAt || a.id - b.id;
const byAppointment = (a: Ticket, b: Ticket): number =>
  (a.appointmentAt ?? 0) - (b.appointmentAt ?? 0) || a.id - b.id;

/** Where a waiting ticket is called from: its counter if transferred to one, else its service. */
export function baseOf(t: Ticket): string {
  return t.counterId ? `@${t.counterId}` : t.serviceId;
}

export class WaitingIndex {
  readonly #lists = new Map<string, Ticket[]>();

  add(t: Ticket): void {
    this.#insert(`${baseOf(t)}|${t.priority.length > 0 ? 'priority' : 'normal'}`, t, byArrival);
    if (t.appointmentAt !== null) this.#insert(`${baseOf(t)}|appointment`, t, byAppointment);
  }

  /** Call before changing anything the lists are keyed or sorted by. */
  remove(t: Ticket): void {
    for (const kind of ['priority', 'normal', 'appointment'] as const) {
      const list = this.#lists.get(`${baseOf(t)}|${kind}`);
      const at = list?.indexOf(t) ?? -1;
      if (list && at >= 0) list.splice(at, 1);
    }
  }

  head(base: string, kind: Kind): Ticket | undefined {
    return this.#lists.get(`${base}|${kind}`)?.[0];
  }

  clear(): void {
    this.#lists.clear();
  }

  #insert(key: string, t: Ticket, order: (a: Ticket, b: Ticket) => number): void {
    let list = this.#lists.get(key);
    if (!list) this.#lists.set(key, (list = []));
    // Arrivals come in order, so this is almost always an append; transfers keep their
    // original arrival time and go back in place.
    let lo = 0;
    let hi = list.length;
    if (hi > 0 && order(list[hi - 1]!, t) < 0) lo = hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(list[mid]!, t) < 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, t);
  }
}
