/**
 * The day's figures, derived only from the event log (so they agree with what happened, and
 * a restart changes nothing):
 * - wait: a ticket's print confirmed → its first call;
 * - walk: a call → the resident arriving at the counter (开始办理);
 * - service: arrival → 完成 or 转移;
 * - idle: a counter signed in, not paused, with no active ticket;
 * - no-show and transfer rates: per visit called (a transferred ticket is called again).
 */
import type { FigureRow } from '../../common/contract/queue.js';
import type { QueueEvent } from './types.js';

interface Acc {
  issued: number;
  called: number;
  done: number;
  noShow: number;
  transferred: number;
  /** Sums and counts, not lists: figures are recomputed after every change. */
  wait: Mean;
  walk: Mean;
  service: Mean;
  idleMs: number;
}

class Mean {
  sum = 0;
  n = 0;
  push(ms: number): void {
    this.sum += ms;
    this.n += 1;
  }
}

const fresh = (): Acc => ({
  issued: 0,
  called: 0,
  done: 0,
  noShow: 0,
  transferred: 0,
  wait: new Mean(),
  walk: new Mean(),
  service: new Mean(),
  idleMs: 0,
});

export interface DayFigures {
  hall: FigureRow;
  services: FigureRow[];
  counters: FigureRow[];
}

interface TicketTrack {
  serviceId: string;
  arrivedAt: number;
  everCalled: boolean;
  calledAt: number | null;
  startedAt: number | null;
  /** The counter it is active at, if any. */
  at: string | null;
}

interface CounterTrack {
  signedIn: boolean;
  paused: boolean;
  busy: boolean;
  idleSince: number | null;
}

/**
 * The day's figures, kept up to date one event at a time: the hall node folds each stored
 * event in as it happens, so neither the day's log nor a full recount is kept in memory.
 * Only open tickets are tracked; a ticket that is done, no-show, cancelled or voided is
 * forgotten (its figures are already in the sums).
 */
export class DayTally {
  readonly #hall = fresh();
  readonly #bySvc: Map<string, Acc>;
  readonly #byCtr: Map<string, Acc>;
  readonly #tickets = new Map<number, TicketTrack>();
  readonly #ctr = new Map<string, CounterTrack>();

  constructor(services: string[], counters: string[]) {
    this.#bySvc = new Map(services.map((s) => [s, fresh()]));
    this.#byCtr = new Map(counters.map((c) => [c, fresh()]));
  }

  /** Tickets still tracked (open ones): stays small however long the day. */
  get openTickets(): number {
    return this.#tickets.size;
  }

  #svc(id: string): Acc {
    return this.#bySvc.get(id) ?? this.#bySvc.set(id, fresh()).get(id)!;
  }

  #cnt(id: string): Acc {
    return this.#byCtr.get(id) ?? this.#byCtr.set(id, fresh()).get(id)!;
  }

  #track(id: string): CounterTrack {
    return (
      this.#ctr.get(id) ??
      this.#ctr.set(id, { signedIn: false, paused: false, busy: false, idleSince: null }).get(id)!
    );
  }

  /** Close or open the counter's idle span after a change at `at`. */
  #idle(id: string, at: number): void {
    const c = this.#track(id);
    const isIdle = c.signedIn && !c.paused && !c.busy;
    if (!isIdle && c.idleSince !== null) {
      this.#cnt(id).idleMs += at - c.idleSince;
      c.idleSince = null;
    } else if (isIdle && c.idleSince === null) c.idleSince = at;
  }

  #all(serviceId: string, counterId: string | null, f: (a: Acc) => void): void {
    f(this.#hall);
    f(this.#svc(serviceId));
    if (counterId) f(this.#cnt(counterId));
  }

  apply(e: QueueEvent): void {
    const tickets = this.#tickets;
    switch (e.type) {
      case 'reserved':
        tickets.set(e.ticketId, {
          serviceId: e.serviceId,
          arrivedAt: e.at,
          everCalled: false,
          calledAt: null,
          startedAt: null,
          at: null,
        });
        break;
      case 'confirmed': {
        const t = tickets.get(e.ticketId);
        if (!t) break;
        t.arrivedAt = e.at;
        this.#all(t.serviceId, null, (a) => (a.issued += 1));
        break;
      }
      case 'voided':
        tickets.delete(e.ticketId);
        break;
      case 'called': {
        const t = tickets.get(e.ticketId);
        if (!t) break;
        const first = !t.everCalled;
        t.everCalled = true;
        t.calledAt = e.at;
        t.startedAt = null;
        t.at = e.counterId;
        this.#all(t.serviceId, e.counterId, (a) => {
          a.called += 1;
          if (first) a.wait.push(e.at - t.arrivedAt);
        });
        this.#track(e.counterId).busy = true;
        this.#idle(e.counterId, e.at);
        break;
      }
      case 'started': {
        const t = tickets.get(e.ticketId);
        if (!t || t.calledAt === null) break;
        t.startedAt = e.at;
        const walk = e.at - t.calledAt;
        this.#all(t.serviceId, e.counterId, (a) => a.walk.push(walk));
        break;
      }
      case 'finished':
      case 'noShow':
      case 'transferred': {
        const t = tickets.get(e.ticketId);
        if (!t) break;
        const served = t.startedAt !== null ? e.at - t.startedAt : null;
        this.#all(t.serviceId, e.counterId, (a) => {
          if (e.type === 'finished') a.done += 1;
          else if (e.type === 'noShow') a.noShow += 1;
          else a.transferred += 1;
          if (served !== null) a.service.push(served);
        });
        if (e.type === 'transferred') {
          t.serviceId = e.toServiceId;
          t.at = null;
        } else tickets.delete(e.ticketId);
        this.#track(e.counterId).busy = false;
        this.#idle(e.counterId, e.at);
        break;
      }
      case 'cancelled': {
        // A ticket cancelled while at a counter (the daily reset) frees that counter.
        const t = tickets.get(e.ticketId);
        if (t?.at) {
          this.#track(t.at).busy = false;
          this.#idle(t.at, e.at);
        }
        tickets.delete(e.ticketId);
        break;
      }
      case 'signedIn':
      case 'signedOut':
        this.#track(e.counterId).signedIn = e.type === 'signedIn';
        this.#idle(e.counterId, e.at);
        break;
      case 'paused':
      case 'resumed':
        this.#track(e.counterId).paused = e.type === 'paused';
        this.#idle(e.counterId, e.at);
        break;
      default:
        break;
    }
  }

  /** The figures as of `until` (open idle spans counted up to it; nothing is changed). */
  figures(until: number): DayFigures {
    const open = new Map<string, number>();
    for (const [id, c] of this.#ctr) {
      if (c.idleSince !== null) open.set(id, Math.max(0, until - c.idleSince));
    }
    return {
      hall: row('hall', this.#hall),
      services: [...this.#bySvc].map(([k, a]) => row(k, a)),
      counters: [...this.#byCtr].map(([k, a]) => row(k, a, open.get(k) ?? 0)),
    };
  }

  /** One service's average service time so far (seconds; 0 before the first). */
  serviceAvgSeconds(serviceId: string): number {
    const a = this.#bySvc.get(serviceId);
    return a ? avgSeconds(a.service) : 0;
  }
}

/** A whole day's figures from its stored log (past days, and the tests). */
export function dayFigures(
  events: QueueEvent[],
  services: string[],
  counters: string[],
  until: number,
): DayFigures {
  const tally = new DayTally(services, counters);
  for (const e of events) tally.apply(e);
  return tally.figures(until);
}

const avgSeconds = (m: Mean): number => (m.n === 0 ? 0 : Math.round(m.sum / m.n / 1000));

const rate = (n: number, of: number): number => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);

function row(key: string, a: Acc, openIdleMs = 0): FigureRow {
  return {
    key,
    issued: a.issued,
    called: a.called,
    done: a.done,
    noShow: a.noShow,
    transferred: a.transferred,
    waitAvgSeconds: avgSeconds(a.wait),
    walkAvgSeconds: avgSeconds(a.walk),
    serviceAvgSeconds: avgSeconds(a.service),
    idleSeconds: Math.round((a.idleMs + openIdleMs) / 1000),
    noShowRate: rate(a.noShow, a.called),
    transferRate: rate(a.transferred, a.called),
  };
}

const columns: (keyof FigureRow)[] = [
  'key',
  'issued',
  'called',
  'done',
  'noShow',
  'transferred',
  'waitAvgSeconds',
  'walkAvgSeconds',
  'serviceAvgSeconds',
  'idleSeconds',
  'noShowRate',
  'transferRate',
];

/** One CSV for a day: scope,key,… rows for the hall, each service and each counter. */
export function figuresCsv(day: string, f: DayFigures): string {
  const lines = [['day', 'scope', ...columns].join(',')];
  const add = (scope: string, r: FigureRow) =>
    lines.push([day, scope, ...columns.map((c) => csvCell(r[c]))].join(','));
  add('hall', f.hall);
  f.services.forEach((r) => add('service', r));
  f.counters.forEach((r) => add('counter', r));
  return lines.join('\r\n') + '\r\n';
}

function csvCell(value: string | number): string {
  const text = String(value);
  // Keys are config ids, but a spreadsheet must never run a formula from a cell.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
