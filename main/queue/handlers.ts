/** The queue's handlers: thin — who is calling, then the part of the queue that answers. */
import type { channels } from '../../common/contract/contract.js';
import type { DevicePort } from '../../drivers/ports.js';
import type { Caller, CallContext, Handlers } from '../../common/contract/call.js';
import { ContractError } from '../../common/contract/errors.js';
import { actorOf } from '../privacy/audit.js';
import { withOwnBirthDate } from '../identity/age-evidence.js';
import { readStaffBadge } from './badge.js';
import type { QueueService } from './service.js';

type QueueMethod = keyof typeof channels.queue;
/** Answered by main/appointment/handlers.ts, a part of its own beside these. */
type AppointmentMethod = 'queue.appointments' | 'queue.checkIn';

const callerOf = (ctx: CallContext): Caller => ctx.caller ?? { kind: 'anonymous', why: 'none' };
const deviceId = (ctx: CallContext): string => {
  const c = callerOf(ctx);
  return c.kind === 'device' ? c.id : 'local';
};

/**
 * A ticket asked for by a caller is a walk-in: an appointment's time (which the counter calls
 * first) comes only from 预约签到, which reads it from the hall's appointment book. An older
 * kiosk that still sends one is told so rather than silently given a normal ticket.
 */
function walkIn<P extends { serviceId: string; birthDate?: string; appointmentAt?: string }>(
  p: P,
): Omit<P, 'appointmentAt'> {
  if (p.appointmentAt === undefined) return p;
  throw new ContractError(
    'BAD_REQUEST',
    {
      'zh-CN': '预约号只能通过预约签到领取',
      en: 'An appointment ticket is issued only through appointment check-in',
    },
    {
      action: { 'zh-CN': '请点击“预约签到”', en: 'Tap "Appointment check-in"' },
      issues: [{ path: 'appointmentAt', message: 'APPOINTMENT_VIA_CHECK_IN' }],
    },
  );
}

/** The parts of the queue its calls are answered from (all but the command runner itself). */
export type QueueParts = Pick<
  QueueService,
  'access' | 'engine' | 'issuing' | 'reads' | 'reports' | 'staff'
>;

type KioskMethod = 'queue.services' | 'queue.issue' | 'queue.reserve' | 'queue.confirmPrint';
type CounterMethod =
  | 'queue.counter'
  | 'queue.call'
  | 'queue.recall'
  | 'queue.start'
  | 'queue.finish'
  | 'queue.noShow'
  | 'queue.transfer'
  | 'queue.pause'
  | 'queue.resume'
  | 'queue.setPriority';

export function queueHandlers(
  q: QueueParts,
  devices: DevicePort[] = [],
  heldIdentity: () => { birthDate: string } | null = () => null,
): Pick<Handlers, Exclude<QueueMethod, AppointmentMethod>> {
  return {
    ...kioskCalls(q, heldIdentity),
    ...counterCalls(q),
    'queue.authenticate': ({ token }, ctx) => q.access.authenticate(token, ctx),
    'queue.login': (p, ctx) => q.staff.login(p, ctx),
    'queue.logout': (_p, ctx) => {
      q.staff.logout(callerOf(ctx), ctx);
      return { ok: true };
    },
    'queue.lockouts': () => q.access.lockouts(),
    'queue.unlock': (p, ctx) => q.access.unlock(p.staffId, callerOf(ctx)),
    'queue.snapshot': () => q.reads.snapshot(),
    'queue.cancel': (p, ctx) => q.staff.cancel(p.ticketId, callerOf(ctx)),
    'queue.figures': (p) => {
      const f = q.reports.figures(p.day);
      return { day: f.day, hall: f.hall, services: f.services, counters: f.counters, days: f.days };
    },
    'queue.figuresCsv': (p) => q.reports.csv(p.day),
    'queue.enrollDevice': (p, ctx) =>
      q.access.enrollDevice(p.id, p.role, p.replace === true, actorOf(callerOf(ctx))),
    'queue.revokeDevice': (p, ctx) => q.access.revokeDevice(p.id, actorOf(callerOf(ctx))),
    'queue.readBadge': () => readStaffBadge(devices),
    'queue.checkTicket': (p) => q.reads.checkTicket(p.payload),
  };
}

/** A kiosk's 取号: the services, a ticket printed here, or one a kiosk prints itself. */
function kioskCalls(
  q: QueueParts,
  heldIdentity: () => { birthDate: string } | null,
): Pick<Handlers, KioskMethod> {
  /**
   * The age rule's birth date. This machine's own window: from the identity its own reader
   * read (the core holds it) or an ID number typed on its keypad and checked here, never from
   * the page's birth date. An enrolled kiosk on the LAN: the
   * birth date it forwards, which a member's core takes from the identity its own reader read
   * (main/hall-link/member.ts) — the device token is what the hall node trusts, so a kiosk's
   * core, not its page, answers for it.
   */
  const walkInFor = <
    P extends { serviceId: string; birthDate?: string; idNumber?: string; appointmentAt?: string },
  >(
    p: P,
    ctx: CallContext,
  ) => {
    const asked = walkIn(p);
    if (callerOf(ctx).kind !== 'device') return withOwnBirthDate(asked, heldIdentity);
    const { idNumber: _typed, ...forwarded } = asked;
    return forwarded;
  };
  const { issuing } = q;
  return {
    'queue.services': () => q.reads.services(),
    'queue.issue': (p, ctx) => issuing.issue(walkInFor(p, ctx), deviceId(ctx)),
    'queue.reserve': (p, ctx) =>
      issuing.withCheckCode(issuing.reserve(walkInFor(p, ctx), deviceId(ctx))),
    'queue.confirmPrint': (p, ctx) =>
      issuing.confirmPrint(p.ticketId, p.printed, p.reason, p.mayHavePrinted, deviceId(ctx)),
  };
}

/** A counter's console and its acts, each at the counter the caller's session holds. */
function counterCalls(q: QueueParts): Pick<Handlers, CounterMethod> {
  const act = q.staff.counterAction.bind(q.staff);
  const e = q.engine;
  return {
    'queue.counter': (_p, ctx) => q.staff.counterView(callerOf(ctx)),
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
  };
}
