/** The queue's handlers: thin — who is calling, then the service. Spread into core/handlers.ts. */
import type { Method } from '../contract/contract.js';
import type { DevicePort } from '../../drivers/ports.js';
import type { Access, Caller } from '../transport/access.js';
import type { CallContext, Handlers } from '../transport/dispatch.js';
import { readStaffBadge } from './badge.js';
import type { QueueService } from './service.js';

type QueueMethod = Extract<Method, `queue.${string}`>;
/** appointments: answered by main/appointment/handlers.ts (spread next to these). */
type AppointmentMethod = 'queue.appointments' | 'queue.checkIn';

/** Who may call what (anything not here needs kiosk level; see transport/access.ts). */
export const queueAccess: Record<QueueMethod, Access> = {
  'queue.authenticate': 'anyone',
  'queue.login': 'anyone',
  'queue.logout': 'staff',
  'queue.services': 'kiosk',
  'queue.issue': 'kiosk',
  'queue.reserve': 'kiosk',
  'queue.confirmPrint': 'kiosk',
  'queue.snapshot': 'display',
  'queue.counter': 'staff',
  'queue.call': 'staff',
  'queue.recall': 'staff',
  'queue.start': 'staff',
  'queue.finish': 'staff',
  'queue.noShow': 'staff',
  'queue.transfer': 'staff',
  'queue.pause': 'staff',
  'queue.resume': 'staff',
  'queue.setPriority': 'staff',
  'queue.cancel': 'manager',
  'queue.figures': 'manager',
  'queue.figuresCsv': 'manager',
  'queue.enrollDevice': 'technician',
  'queue.readBadge': 'local',
  'queue.checkTicket': 'service',
  // appointments: a resident's own appointments, at a kiosk only.
  'queue.appointments': 'kiosk',
  'queue.checkIn': 'kiosk',
};

const callerOf = (ctx: CallContext): Caller => ctx.caller ?? { kind: 'anonymous', why: 'none' };
const deviceId = (ctx: CallContext): string => {
  const c = callerOf(ctx);
  return c.kind === 'device' ? c.id : 'local';
};

export function queueHandlers(
  q: QueueService,
  devices: DevicePort[] = [],
): Pick<Handlers, Exclude<QueueMethod, AppointmentMethod>> {
  const act = q.counterAction.bind(q);
  const e = q.engine;
  return {
    'queue.authenticate': ({ token }, ctx) => q.authenticate(token, ctx),
    'queue.login': (p, ctx) => q.login(p, ctx),
    'queue.logout': (_p, ctx) => {
      q.logout(callerOf(ctx), ctx);
      return { ok: true };
    },
    'queue.services': () => q.services(),
    'queue.issue': (p, ctx) => q.issue(p, deviceId(ctx)),
    'queue.reserve': (p, ctx) => q.withCheckCode(q.reserve(p, deviceId(ctx))),
    'queue.confirmPrint': (p) => q.confirmPrint(p.ticketId, p.printed, p.reason, p.mayHavePrinted),
    'queue.snapshot': () => q.snapshot(),
    'queue.counter': (_p, ctx) => q.counterView(callerOf(ctx)),
    'queue.call': (p, ctx) => act(callerOf(ctx), (c, now) => e.call(c, now, p.ticketId)),
    'queue.recall': (p, ctx) => act(callerOf(ctx), (c, now) => e.recall(c, p.ticketId, now)),
    'queue.start': (p, ctx) => act(callerOf(ctx), (c, now) => e.start(c, p.ticketId, now)),
    'queue.finish': (p, ctx) => act(callerOf(ctx), (c, now) => e.finish(c, p.ticketId, now)),
    'queue.noShow': (p, ctx) => act(callerOf(ctx), (c, now) => e.noShow(c, p.ticketId, now)),
    'queue.transfer': (p, ctx) =>
      act(callerOf(ctx), (c, now) =>
        e.transfer(c, p.ticketId, { serviceId: p.serviceId, counterId: p.counterId }, now),
      ),
    'queue.pause': (p, ctx) => act(callerOf(ctx), (c, now) => e.pause(c, p.reason, now)),
    'queue.resume': (_p, ctx) => act(callerOf(ctx), (c, now) => e.resume(c, now)),
    'queue.setPriority': (p, ctx) =>
      act(callerOf(ctx), (_c, now) => e.setPriority(p.ticketId, p.flag, now)),
    'queue.cancel': (p) => {
      q.run((now) => e.cancel(p.ticketId, now));
      return { ticketId: p.ticketId, state: 'cancelled' as const };
    },
    'queue.figures': (p) => {
      const f = q.figures(p.day);
      return { day: f.day, hall: f.hall, services: f.services, counters: f.counters, days: f.days };
    },
    'queue.figuresCsv': (p) => q.csv(p.day),
    'queue.enrollDevice': (p) => q.enrollDevice(p.id, p.role),
    'queue.readBadge': () => readStaffBadge(devices),
    'queue.checkTicket': (p) => q.checkTicket(p.payload),
  };
}
