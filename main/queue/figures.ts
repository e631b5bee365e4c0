/**
 * The day's figures, derived only from the event log (so they agree with what happened, and
 * a restart changes nothing):
 * - wait: a ticket's print confirmed → its first call;
 * - walk: a call → the resident arriving at the counter (开始办理);
 * - service: arrival → 完成 or 转移;
 * - idle: a counter signed in, not paused, with no active ticket;
 * - no-show and transfer rates: per visit called (a transferred ticket is called again).
 */
import type { FigureRow } from '../contract/queue.js';
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

export function dayFigures(
  events: QueueEvent[],
  services: string[],
  counters: string[],
  until: number,
): DayFigures {
  const hall = fresh();
  const bySvc = new Map(services.map((s) => [s, fresh()]));
  const byCtr = new Map(counters.map((c) => [c, fresh()]));
  const tickets = new Map<number, TicketTrack>();
  const ctr = new Map<string, CounterTrack>();
  const svc = (id: string): Acc => bySvc.get(id) ?? bySvc.set(id, fresh()).get(id)!;
  const cnt = (id: string): Acc => byCtr.get(id) ?? byCtr.set(id, fresh()).get(id)!;
  const track = (id: string): CounterTrack =>
    ctr.get(id) ??
    ctr.set(id, { signedIn: false, paused: false, busy: false, idleSince: null }).get(id)!;
  /** Close or open the counter's idle span after a change at `at`. */
  const idle = (id: string, at: number): void => {
    const c = track(id);
    const isIdle = c.signedIn && !c.paused && !c.busy;
    if (!isIdle && c.idleSince !== null) {
      cnt(id).idleMs += at - c.idleSince;
      c.idleSince = null;
    } else if (isIdle && c.idleSince === null) c.idleSince = at;
  };
  const all = (serviceId: string, counterId: string | null, f: (a: Acc) => void): void => {
    f(hall);
    f(svc(serviceId));
    if (counterId) f(cnt(counterId));
  };

  for (const e of events) {
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
        all(t.serviceId, null, (a) => (a.issued += 1));
        break;
      }
      case 'called': {
        const t = tickets.get(e.ticketId);
        if (!t) break;
        const first = !t.everCalled;
        t.everCalled = true;
        t.calledAt = e.at;
        t.startedAt = null;
        t.at = e.counterId;
        all(t.serviceId, e.counterId, (a) => {
          a.called += 1;
          if (first) a.wait.push(e.at - t.arrivedAt);
        });
        track(e.counterId).busy = true;
        idle(e.counterId, e.at);
        break;
      }
      case 'started': {
        const t = tickets.get(e.ticketId);
        if (!t || t.calledAt === null) break;
        t.startedAt = e.at;
        const walk = e.at - t.calledAt;
        all(t.serviceId, e.counterId, (a) => a.walk.push(walk));
        break;
      }
      case 'finished':
      case 'noShow':
      case 'transferred': {
        const t = tickets.get(e.ticketId);
        if (!t) break;
        const served = t.startedAt !== null ? e.at - t.startedAt : null;
        all(t.serviceId, e.counterId, (a) => {
          if (e.type === 'finished') a.done += 1;
          else if (e.type === 'noShow') a.noShow += 1;
          else a.transferred += 1;
          if (served !== null) a.service.push(served);
        });
        if (e.type === 'transferred') t.serviceId = e.toServiceId;
        t.at = null;
        track(e.counterId).busy = false;
        idle(e.counterId, e.at);
        break;
      }
      case 'cancelled': {
        // A ticket cancelled while at a counter (the daily reset) frees that counter.
        const t = tickets.get(e.ticketId);
        if (t?.at) {
          track(t.at).busy = false;
          idle(t.at, e.at);
          t.at = null;
        }
        break;
      }
      case 'signedIn':
      case 'signedOut':
        track(e.counterId).signedIn = e.type === 'signedIn';
        idle(e.counterId, e.at);
        break;
      case 'paused':
      case 'resumed':
        track(e.counterId).paused = e.type === 'paused';
        idle(e.counterId, e.at);
        break;
      default:
        break;
    }
  }
  for (const [id, c] of ctr) {
    if (c.idleSince !== null) cnt(id).idleMs += Math.max(0, until - c.idleSince);
  }
  return {
    hall: row('hall', hall),
    services: [...bySvc].map(([k, a]) => row(k, a)),
    counters: [...byCtr].map(([k, a]) => row(k, a)),
  };
}

const avgSeconds = (m: Mean): number => (m.n === 0 ? 0 : Math.round(m.sum / m.n / 1000));

const rate = (n: number, of: number): number => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);

function row(key: string, a: Acc): FigureRow {
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
    idleSeconds: Math.round(a.idleMs / 1000),
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
