/**
 * The queue's read models: what a kiosk's 取号 answer, a counter's console and the hall
 * display show, computed from the engine's state and today's tally. Pure: no I/O, no clock of
 * their own (the time is in the read model).
 */
import type { KioskConfig } from '../../kiosk-config/schema.js';
import type { StaffConfig } from '../../kiosk-config/queue.js';
import type {
  CallView,
  CounterView,
  FigureRow,
  HallView,
  IssuedTicket,
  ServiceQueueView,
  TicketView,
} from '../../common/contract/queue.js';
import type { QueueEngine } from './engine.js';
import type { DayTally } from './figures.js';
import type { Ticket } from './types.js';

/** What the read models see of the queue at one moment. */
export interface ReadModel {
  engine: QueueEngine;
  config: KioskConfig;
  tally: DayTally;
  recent: readonly CallView[];
  seq: number;
  now: number;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The kiosk's 取号 menu: every service with its status, its line and the wait it may expect. */
export function serviceList(m: ReadModel): { day: string; services: ServiceQueueView[] } {
  return {
    day: m.engine.day,
    services: m.config.queue.services.map((s) => {
      const waiting = waitingIn(m.engine, s.id);
      return {
        id: s.id,
        prefix: s.prefix,
        name: s.name,
        status: m.engine.closedReason(s.id, m.now) ?? 'open',
        waiting,
        estimatedWaitMinutes: estimateWait(m, s.id, waiting),
      };
    }),
  };
}

/** The answer to 取号: the number, its place in the line and the wait it may expect. */
export function issuedTicket(m: ReadModel, ticket: Ticket): IssuedTicket {
  const ahead = aheadOf(m.engine, ticket);
  return {
    ticketId: ticket.id,
    number: ticket.number,
    service: m.engine.service(ticket.serviceId).name,
    state: ticket.state === 'waiting' ? 'waiting' : 'reserved',
    issuedAt: new Date(ticket.reservedAt).toISOString(),
    ahead,
    estimatedWaitMinutes: estimateWait(m, ticket.serviceId, ahead),
    priority: [...ticket.priority],
  };
}

function aheadOf(engine: QueueEngine, ticket: Ticket): number {
  let n = 0;
  for (const w of engine.waiting) {
    if (w.serviceId === ticket.serviceId && w.id !== ticket.id) n += 1;
  }
  return n;
}

function waitingIn(engine: QueueEngine, serviceId: string): number {
  let n = 0;
  for (const w of engine.waiting) if (w.serviceId === serviceId) n += 1;
  return n;
}

/** People ahead × the average service time ÷ the counters open for it now (minutes). */
function estimateWait(m: ReadModel, serviceId: string, ahead: number): number {
  const service = m.engine.service(serviceId);
  let open = 0;
  for (const c of m.engine.counters.values()) {
    if (c.staffId && c.pausedReason === null && c.services.includes(serviceId)) open += 1;
  }
  // Today's measured service time once there is one, else the configured estimate.
  const measured = m.tally.serviceAvgSeconds(serviceId);
  const minutes = measured > 0 ? measured / 60 : service.averageMinutes;
  return Math.ceil((ahead * minutes) / Math.max(1, open));
}

/** A counter's console: its current ticket, the lines it serves, its figures, its choices. */
export function counterView(
  m: ReadModel,
  counterId: string,
  staffId: string,
  staff: Pick<StaffConfig, 'name' | 'role'> | undefined,
  figures: FigureRow,
): CounterView {
  const counter = m.engine.counter(counterId);
  const q = m.config.queue;
  const waiting = counter.services.map((serviceId) => {
    const list = [...m.engine.waiting]
      .filter((w) => (w.counterId ? w.counterId === counterId : w.serviceId === serviceId))
      .sort((a, b) => a.arrivedAt - b.arrivedAt || a.id - b.id);
    return {
      serviceId,
      name: m.engine.service(serviceId).name,
      count: list.length,
      tickets: list.slice(0, 12).map(ticketView),
    };
  });
  const current = counter.current === null ? null : ticketView(m.engine.ticket(counter.current));
  return {
    counter: {
      id: counter.id,
      number: counter.number,
      services: counter.services,
      pausedReason: counter.pausedReason,
    },
    staff: { id: staffId, name: staff?.name ?? staffId, role: staff?.role ?? 'staff' },
    current,
    waiting,
    figures,
    targets: {
      services: q.services.map((s) => ({ id: s.id, name: s.name })),
      counters: q.counters
        .filter((c) => c.id !== counterId)
        .map((c) => ({ id: c.id, number: c.number })),
    },
    recall: {
      cooldownSeconds: q.recall.cooldownSeconds,
      max: q.recall.max,
      noShowAfter: q.noShowAfterRecalls,
    },
  };
}

/** The hall display: every service's line, every counter, the latest calls. */
export function hallView(m: ReadModel): HallView {
  const q = m.config.queue;
  const now = m.now;
  const waiting = new Map<string, number>();
  for (const w of m.engine.waiting) waiting.set(w.serviceId, (waiting.get(w.serviceId) ?? 0) + 1);
  return {
    day: m.engine.day,
    hallName: m.config.hall.name,
    timeZone: m.config.hall.timezone,
    serverTime: new Date(now).toISOString(),
    seq: m.seq,
    services: q.services.map((s) => ({
      id: s.id,
      prefix: s.prefix,
      name: s.name,
      status: m.engine.closedReason(s.id, now) ?? 'open',
      waiting: waiting.get(s.id) ?? 0,
      estimatedWaitMinutes: estimateWait(m, s.id, waiting.get(s.id) ?? 0),
    })),
    counters: [...m.engine.counters.values()].map((c) => ({
      id: c.id,
      number: c.number,
      state: !c.staffId
        ? 'closed'
        : c.pausedReason !== null
          ? 'paused'
          : c.current !== null
            ? 'busy'
            : 'open',
      current: c.current === null ? null : m.engine.ticket(c.current).number,
    })),
    recentCalls: m.recent.slice(0, q.display.calls),
    display: { calls: q.display.calls, voiceRepeat: q.display.voiceRepeat },
  };
}

export function ticketView(t: Ticket): TicketView {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    state: t.state,
    priority: [...t.priority],
    arrivedAt: new Date(t.arrivedAt).toISOString(),
    calledAt: iso(t.calledAt),
    recalls: t.recalls,
    transfers: t.transfers,
    counterId: t.counterId,
    appointmentAt: iso(t.appointmentAt),
  };
}
