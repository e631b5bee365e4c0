/**
 * The queue engine: the hall's tickets and counters for one queue day, and every rule that
 * moves them. No I/O — each command checks its rules against the state, returns the events
 * it decided, and applies them; `apply` alone rebuilds the same state from a stored log.
 */
import type { QueueConfig } from '../../kiosk-config/queue.js';
import { yearsOn } from '../../common/identity/id-number.js';
import { clockMinutes, localMinutes, queueDay } from './clock.js';
import { pickNext } from './rules.js';
import { refusals } from './refusals.js';
import { WaitingIndex } from './waiting.js';
import {
  QueueRefusal,
  type CounterState,
  type PriorityReason,
  type QueueEvent,
  type Ticket,
} from './types.js';

export type QueueRules = Omit<QueueConfig, 'staff' | 'devices' | 'rateLimit' | 'sessionHours'>;

export interface IssueInput {
  serviceId: string;
  /** From the resident's identity; only the age is derived, nothing is kept. */
  birthDate?: string;
  appointmentAt?: number | null;
  deviceId: string;
}

const open = new Set(['reserved', 'waiting', 'called', 'serving']);

export class QueueEngine {
  readonly tickets = new Map<number, Ticket>();
  readonly counters = new Map<string, CounterState>();
  /** Waiting tickets only: what call-next looks through. */
  readonly waiting = new Set<Ticket>();
  readonly #index = new WaitingIndex();
  day: string;
  #nextId = 1;
  #numbers = new Map<string, { next: number; free: number[] }>();

  constructor(
    readonly rules: QueueRules,
    readonly timeZone: string,
    now: number,
  ) {
    this.day = queueDay(now, timeZone, rules.dailyResetHour);
    for (const c of rules.counters) {
      this.counters.set(c.id, {
        id: c.id,
        number: c.number,
        services: c.services,
        staffId: null,
        pausedReason: null,
        current: null,
        cycle: { priority: 0, normal: 0 },
      });
    }
  }

  dayOf(now: number): string {
    return queueDay(now, this.timeZone, this.rules.dailyResetHour);
  }

  service(id: string) {
    const service = this.rules.services.find((s) => s.id === id);
    if (!service) throw refusals.unknownService(id);
    return service;
  }

  counter(id: string): CounterState {
    const counter = this.counters.get(id);
    if (!counter) throw refusals.unknownCounter(id);
    return counter;
  }

  ticket(id: number): Ticket {
    const ticket = this.tickets.get(id);
    if (!ticket) throw refusals.unknownTicket(id);
    return ticket;
  }

  /** Why a service cannot issue now, or null. */
  closedReason(serviceId: string, now: number): 'closed' | 'full' | null {
    const service = this.service(serviceId);
    const minute = localMinutes(now, this.timeZone);
    const inHours = service.hours.some(
      (h) => minute >= clockMinutes(h.from) && minute < clockMinutes(h.to),
    );
    if (!inHours) return 'closed';
    return this.issuedCount(serviceId) >= service.dailyCap ? 'full' : null;
  }

  issuedCount(serviceId: string): number {
    const numbers = this.#numbers.get(this.service(serviceId).prefix);
    return numbers ? numbers.next - 1 - numbers.free.length : 0;
  }

  // ── kiosk: reserve → (print) → confirm | void ──

  reserve(input: IssueInput, now: number): QueueEvent[] {
    const service = this.service(input.serviceId);
    const closed = this.closedReason(service.id, now);
    if (closed === 'closed') throw refusals.closed(service.name);
    if (closed === 'full') throw refusals.full(service.name);
    const priority: PriorityReason[] = [];
    if (input.birthDate) {
      const today = queueDay(now, this.timeZone, 0);
      if (yearsOn(input.birthDate, today) >= this.rules.elderAge) priority.push('elder');
    }
    const seq = this.#peekNumber(service.prefix);
    return this.commit({
      type: 'reserved',
      at: now,
      ticketId: this.#nextId,
      number: `${service.prefix}${String(seq).padStart(3, '0')}`,
      serviceId: service.id,
      priority,
      appointmentAt: input.appointmentAt ?? null,
      deviceId: input.deviceId,
    });
  }

  confirm(ticketId: number, now: number): QueueEvent[] {
    const ticket = this.ticket(ticketId);
    if (ticket.state !== 'reserved') throw refusals.notReserved(ticket);
    return this.commit({ type: 'confirmed', at: now, ticketId });
  }

  /**
   * A print that failed. Nothing printed: the number goes to the next ticket. Maybe printed
   * (the job was sent): the number is retired for the day, so two slips never share it.
   */
  void(ticketId: number, reason: string, now: number, mayHavePrinted = false): QueueEvent[] {
    const ticket = this.ticket(ticketId);
    if (ticket.state !== 'reserved') throw refusals.notReserved(ticket);
    return this.commit({
      type: 'voided',
      at: now,
      ticketId,
      reason: reason.slice(0, 120),
      ...(mayHavePrinted ? { retired: true as const } : {}),
    });
  }

  /**
   * Reservations nobody confirmed in time (a kiosk died mid-print, a member kiosk lost its
   * link): the slip may exist, so the number is retired for the day, never handed out again.
   */
  expireReservations(now: number): QueueEvent[] {
    const limit = now - this.rules.reservationSeconds * 1000;
    const events: QueueEvent[] = [];
    for (const t of this.tickets.values()) {
      if (t.state === 'reserved' && t.reservedAt <= limit) {
        events.push(
          ...this.commit({
            type: 'voided',
            at: now,
            ticketId: t.id,
            reason: 'timeout',
            retired: true,
          }),
        );
      }
    }
    return events;
  }

  // ── counters ──

  signIn(counterId: string, staffId: string, now: number): QueueEvent[] {
    const events: QueueEvent[] = [];
    for (const c of this.counters.values()) {
      if (c.staffId === staffId && c.id !== counterId) {
        events.push(...this.commit({ type: 'signedOut', at: now, counterId: c.id, staffId }));
      }
    }
    const counter = this.counter(counterId);
    if (counter.staffId === staffId) return events;
    if (counter.staffId) {
      events.push(
        ...this.commit({ type: 'signedOut', at: now, counterId, staffId: counter.staffId }),
      );
    }
    return [...events, ...this.commit({ type: 'signedIn', at: now, counterId, staffId })];
  }

  signOut(counterId: string, staffId: string, now: number): QueueEvent[] {
    const counter = this.counter(counterId);
    if (counter.staffId !== staffId) return [];
    return this.commit({ type: 'signedOut', at: now, counterId, staffId });
  }

  /** 叫号: the next ticket by the rules, or a given waiting ticket. Null when nobody waits. */
  call(counterId: string, now: number, ticketId?: number): QueueEvent[] {
    const counter = this.#ready(counterId);
    if (counter.current !== null) throw refusals.busy(this.ticket(counter.current));
    let ticket: Ticket | null;
    if (ticketId === undefined) {
      ticket = pickNext(
        (base, kind) => this.#index.head(base, kind),
        counter,
        this.rules.ratio,
        now,
      );
    } else {
      ticket = this.ticket(ticketId);
      if (ticket.state !== 'waiting') throw refusals.notWaiting(ticket);
      if (!canServe(counter, ticket)) throw refusals.notThisCounter(ticket);
    }
    if (!ticket) return [];
    return this.commit({
      type: 'called',
      at: now,
      ticketId: ticket.id,
      counterId,
      staffId: counter.staffId ?? '',
    });
  }

  /** 重呼; past the no-show limit it marks 过号 instead. */
  recall(counterId: string, ticketId: number, now: number): QueueEvent[] {
    const ticket = this.#current(counterId, ticketId, ['called']);
    const { cooldownSeconds, max } = this.rules.recall;
    const waited = now - (ticket.lastCallAt ?? 0);
    if (waited < cooldownSeconds * 1000) {
      throw refusals.cooldown(Math.ceil((cooldownSeconds * 1000 - waited) / 1000));
    }
    const limit = this.rules.noShowAfterRecalls;
    if (limit > 0 && ticket.recalls >= limit) {
      return this.commit({ type: 'noShow', at: now, ticketId, counterId, auto: true });
    }
    if (ticket.recalls >= max) throw refusals.recallLimit(max);
    return this.commit({ type: 'recalled', at: now, ticketId, counterId });
  }

  /** The resident arrived at the counter: service time starts. */
  start(counterId: string, ticketId: number, now: number): QueueEvent[] {
    this.#current(counterId, ticketId, ['called']);
    return this.commit({ type: 'started', at: now, ticketId, counterId });
  }

  finish(counterId: string, ticketId: number, now: number): QueueEvent[] {
    this.#current(counterId, ticketId, ['serving']);
    return this.commit({ type: 'finished', at: now, ticketId, counterId });
  }

  /** 过号 by hand. */
  noShow(counterId: string, ticketId: number, now: number): QueueEvent[] {
    this.#current(counterId, ticketId, ['called']);
    return this.commit({ type: 'noShow', at: now, ticketId, counterId, auto: false });
  }

  /** 转移: to another service (any counter serving it) or to one counter; same number, same arrival. */
  transfer(
    counterId: string,
    ticketId: number,
    to: { serviceId?: string; counterId?: string },
    now: number,
  ): QueueEvent[] {
    const ticket = this.#current(counterId, ticketId, ['called', 'serving']);
    if (to.counterId === counterId) throw refusals.transferToSelf();
    const target = to.counterId ? this.counter(to.counterId) : null;
    let serviceId = to.serviceId ?? ticket.serviceId;
    this.service(serviceId);
    if (target && !target.services.includes(serviceId)) {
      if (to.serviceId) throw refusals.counterLacksService(target.number, serviceId);
      serviceId = target.services[0]!;
    }
    if (!target && !to.serviceId) throw refusals.transferNowhere();
    return this.commit({
      type: 'transferred',
      at: now,
      ticketId,
      counterId,
      toServiceId: serviceId,
      toCounterId: target?.id ?? null,
    });
  }

  pause(counterId: string, reason: string, now: number): QueueEvent[] {
    const counter = this.#ready(counterId);
    const why = reason.trim();
    if (!why) throw refusals.pauseReason();
    if (counter.current !== null) throw refusals.busy(this.ticket(counter.current));
    return this.commit({ type: 'paused', at: now, counterId, reason: why.slice(0, 60) });
  }

  resume(counterId: string, now: number): QueueEvent[] {
    const counter = this.counter(counterId);
    if (counter.pausedReason === null) return [];
    return this.commit({ type: 'resumed', at: now, counterId });
  }

  /** 绿色通道 / disability flag, set by staff on a waiting ticket. */
  setPriority(ticketId: number, flag: 'green' | 'disability', now: number): QueueEvent[] {
    const ticket = this.ticket(ticketId);
    if (ticket.state !== 'waiting') throw refusals.notWaiting(ticket);
    if (ticket.priority.includes(flag)) return [];
    return this.commit({ type: 'prioritySet', at: now, ticketId, flag });
  }

  cancel(ticketId: number, now: number): QueueEvent[] {
    const ticket = this.ticket(ticketId);
    if (ticket.state !== 'waiting' && ticket.state !== 'reserved') {
      throw refusals.notWaiting(ticket);
    }
    return this.commit({ type: 'cancelled', at: now, ticketId, reason: 'staff' });
  }

  /**
   * The overnight rule: at the reset hour every ticket still open is cancelled (reason
   * dayEnded) in the old day's log; counters keep their staff and pause into the new day,
   * and numbers restart at 001. Returns the old day's closing events and the new day's
   * opening events; the caller stores each under its day.
   */
  rollover(now: number): { closing: QueueEvent[]; opening: QueueEvent[]; newDay: string } | null {
    const newDay = this.dayOf(now);
    if (newDay === this.day) return null;
    const closing: QueueEvent[] = [];
    for (const t of this.tickets.values()) {
      if (open.has(t.state)) {
        closing.push(
          ...this.commit({ type: 'cancelled', at: now, ticketId: t.id, reason: 'dayEnded' }),
        );
      }
    }
    const carried = [...this.counters.values()].map((c) => ({ ...c }));
    this.reset(newDay);
    const opening: QueueEvent[] = [];
    for (const c of carried) {
      if (c.staffId) {
        opening.push(
          ...this.commit({ type: 'signedIn', at: now, counterId: c.id, staffId: c.staffId }),
        );
      }
      if (c.pausedReason) {
        opening.push(
          ...this.commit({ type: 'paused', at: now, counterId: c.id, reason: c.pausedReason }),
        );
      }
    }
    return { closing, opening, newDay };
  }

  reset(day: string): void {
    this.day = day;
    this.tickets.clear();
    this.waiting.clear();
    this.#index.clear();
    this.#numbers.clear();
    this.#nextId = 1;
    for (const c of this.counters.values()) {
      Object.assign(c, {
        staffId: null,
        pausedReason: null,
        current: null,
        cycle: { priority: 0, normal: 0 },
      });
    }
  }

  /** Apply one decided event and hand it back for storing. */
  commit(event: QueueEvent): QueueEvent[] {
    this.apply(event);
    return [event];
  }

  /** The only place state changes: replaying a stored log goes through here too. */
  apply(e: QueueEvent): void {
    switch (e.type) {
      case 'reserved': {
        const prefix = e.number[0]!;
        this.#takeNumber(prefix, Number(e.number.slice(1)));
        this.#nextId = Math.max(this.#nextId, e.ticketId + 1);
        this.tickets.set(e.ticketId, {
          id: e.ticketId,
          number: e.number,
          serviceId: e.serviceId,
          counterId: null,
          state: 'reserved',
          arrivedAt: e.at,
          reservedAt: e.at,
          priority: [...e.priority],
          appointmentAt: e.appointmentAt,
          calledAt: null,
          lastCallAt: null,
          calledBy: null,
          recalls: 0,
          transfers: 0,
        });
        return;
      }
      case 'confirmed':
        return this.#toWaiting(this.ticket(e.ticketId), e.at, true);
      case 'voided': {
        const t = this.ticket(e.ticketId);
        t.state = 'voided';
        if (!e.retired) this.#freeNumber(t.number);
        return;
      }
      case 'called': {
        const t = this.ticket(e.ticketId);
        const c = this.counter(e.counterId);
        this.waiting.delete(t);
        this.#index.remove(t);
        Object.assign(t, { state: 'called', calledAt: e.at, lastCallAt: e.at });
        t.calledBy = c.id;
        c.current = t.id;
        countCycle(c, t, this.rules.ratio);
        return;
      }
      case 'recalled': {
        const t = this.ticket(e.ticketId);
        t.recalls += 1;
        t.lastCallAt = e.at;
        return;
      }
      case 'started':
        this.ticket(e.ticketId).state = 'serving';
        return;
      case 'finished':
      case 'noShow':
        this.ticket(e.ticketId).state = e.type === 'finished' ? 'done' : 'noShow';
        this.counter(e.counterId).current = null;
        return;
      case 'transferred': {
        const t = this.ticket(e.ticketId);
        this.counter(e.counterId).current = null;
        Object.assign(t, { serviceId: e.toServiceId, counterId: e.toCounterId });
        t.transfers += 1;
        return this.#toWaiting(t, e.at, false);
      }
      case 'cancelled': {
        const t = this.ticket(e.ticketId);
        if (this.waiting.delete(t)) this.#index.remove(t);
        if (t.calledBy && this.counters.get(t.calledBy)?.current === t.id) {
          this.counter(t.calledBy).current = null;
        }
        t.state = 'cancelled';
        return;
      }
      case 'prioritySet': {
        const t = this.ticket(e.ticketId);
        const queued = this.waiting.has(t);
        if (queued) this.#index.remove(t);
        t.priority.push(e.flag);
        if (queued) this.#index.add(t);
        return;
      }
      case 'signedIn':
        this.counter(e.counterId).staffId = e.staffId;
        return;
      case 'signedOut': {
        const c = this.counter(e.counterId);
        if (c.staffId === e.staffId) c.staffId = null;
        return;
      }
      case 'paused':
        this.counter(e.counterId).pausedReason = e.reason;
        return;
      case 'resumed':
        this.counter(e.counterId).pausedReason = null;
        return;
    }
  }

  #toWaiting(t: Ticket, at: number, arriving: boolean): void {
    if (arriving) t.arrivedAt = at;
    Object.assign(t, { state: 'waiting', calledAt: null, lastCallAt: null, calledBy: null });
    t.recalls = 0;
    this.waiting.add(t);
    this.#index.add(t);
  }

  #ready(counterId: string): CounterState {
    const counter = this.counter(counterId);
    if (!counter.staffId) throw refusals.notSignedIn(counter.number);
    if (counter.pausedReason !== null) throw refusals.paused(counter.pausedReason);
    return counter;
  }

  /** The counter's own active ticket in one of the given states, or a refusal. */
  #current(counterId: string, ticketId: number, states: Ticket['state'][]): Ticket {
    const counter = this.counter(counterId);
    const ticket = this.ticket(ticketId);
    if (counter.current !== ticketId) throw refusals.notYours(ticket);
    if (!states.includes(ticket.state)) throw refusals.wrongState(ticket, states);
    return ticket;
  }

  #peekNumber(prefix: string): number {
    const n = this.#numbers.get(prefix);
    if (!n) return 1;
    if (n.free.length > 0) return Math.min(...n.free);
    if (n.next > 999) throw new QueueRefusal('FULL', refusals.numbersUsedUp);
    return n.next;
  }

  #takeNumber(prefix: string, seq: number): void {
    const n = this.#numbers.get(prefix) ?? { next: 1, free: [] };
    this.#numbers.set(prefix, n);
    n.free = n.free.filter((f) => f !== seq);
    if (seq >= n.next) {
      for (let s = n.next; s < seq; s++) n.free.push(s);
      n.next = seq + 1;
    }
  }

  #freeNumber(number: string): void {
    const n = this.#numbers.get(number[0]!);
    n?.free.push(Number(number.slice(1)));
  }
}

function canServe(counter: CounterState, t: Ticket): boolean {
  return t.counterId ? t.counterId === counter.id : counter.services.includes(t.serviceId);
}

function countCycle(c: CounterState, t: Ticket, ratio: QueueRules['ratio']): void {
  if (t.appointmentAt !== null && t.appointmentAt <= t.calledAt!) return;
  if (c.cycle.priority >= ratio.priority && c.cycle.normal >= ratio.normal) {
    c.cycle = { priority: 0, normal: 0 };
  }
  if (t.priority.length > 0) c.cycle.priority += 1;
  else c.cycle.normal += 1;
}

export { canServe };
