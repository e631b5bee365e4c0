/**
 * The kiosk's appointment calls: queue.appointments (the identified resident's list today)
 * and queue.checkIn (预约签到: the rules, then the ticket through the queue's own issue path,
 * so printing, confirmation and void/retire hold as for any ticket).
 */
import type { Text } from '../../common/contract/contract.js';
import type {
  AppointmentView,
  CheckInRefusal,
  CheckInResult,
} from '../../common/contract/queue.js';
import { validIdNumber } from '../case/text-rules.js';
import { maskName } from '../../common/mask.js';
import { birthDateOf } from '../../common/identity/id-number.js';
import { actorOf, type Audit } from '../privacy/audit.js';
import type { Sealer } from '../privacy/sealer.js';
import type { QueueService } from '../queue/service.js';
import { localParts } from '../../common/local-time.js';
import type { CallContext, Handlers } from '../../common/contract/call.js';
import { ContractError } from '../../common/contract/errors.js';
import type { AppointmentBook } from './book.js';
import type { Syncer } from './sync.js';
import {
  checkInVerdict,
  windowOf,
  windowState,
  type CachedAppointment,
  type CheckInWindow,
} from './rules.js';

export interface AppointmentHandlerDeps {
  book: AppointmentBook;
  syncer: Syncer;
  queue: Pick<QueueService, 'engine' | 'issuing'>;
  sealer: Sealer;
  audit: Audit;
  window: CheckInWindow;
  syncMinutes: number;
  timeZone: string;
  now: () => number;
}

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });
const readerOf = (ctx: CallContext) => ({
  actor: actorOf(ctx.caller),
  purpose: 'resident-check-in',
});
const badId = t('身份证号码无效，请重新读卡', 'The ID number is not valid: read the card again');
/** A list older than this is refreshed before it is shown (the wait is capped, see below). */
const REFRESH_MS = 30_000;
const REFRESH_WAIT_MS = 3_000;

export function refusalText(reason: CheckInRefusal, comeBackAt: string | null): Text {
  switch (reason) {
    case 'unknown':
      return t(
        '没有找到这个预约，请到窗口咨询',
        'No such appointment here: please ask at a counter',
      );
    case 'notYours':
      return t('这不是您的预约，请核对身份证', 'This appointment is not yours: check the ID card');
    case 'notToday':
      return t(
        '这个预约不是今天的，请在预约当天来签到',
        'This appointment is not for today: check in on its day',
      );
    case 'cancelled':
      return t(
        '这个预约已取消，可以取普通号',
        'This appointment was cancelled: you may take a normal ticket',
      );
    case 'checkedIn':
      return t(
        '这个预约已经签到过了，请留意叫号',
        'This appointment is already checked in: watch for your number',
      );
    case 'early':
      return t(
        `还没到签到时间，请 ${comeBackAt ?? ''} 以后再来签到`,
        `Too early to check in: come back at ${comeBackAt ?? ''}`,
      );
    case 'late':
      return t(
        '已过签到时间，预约已失效，可以取普通号排队',
        'Too late to check in: the appointment has lapsed; take a normal ticket',
      );
    case 'noService':
      return t(
        '本大厅不办理这个预约的事项，请到窗口咨询',
        'This hall does not serve this appointment: ask at a counter',
      );
  }
}

export function appointmentHandlers(
  deps: AppointmentHandlerDeps,
): Pick<Handlers, 'queue.appointments' | 'queue.checkIn'> {
  const { book, queue } = deps;
  const today = () => localParts(deps.now(), deps.timeZone).date;
  const hhmm = (ms: number) => localParts(ms, deps.timeZone).time;
  const serviceName = (id: string) =>
    queue.engine.rules.services.find((s) => s.id === id)?.name ?? null;

  const view = (a: CachedAppointment, now: number): AppointmentView => {
    const w = windowOf(a, deps.window);
    return {
      id: a.id,
      serviceId: a.serviceId,
      service: serviceName(a.serviceId),
      slotStart: new Date(a.slotStart).toISOString(),
      slotEnd: new Date(a.slotEnd).toISOString(),
      name: maskName(book.residentName(a)),
      state: a.checkedInAt !== null ? 'checkedIn' : a.state,
      window: windowState(a, now, deps.window),
      opensAt: new Date(w.opensAt).toISOString(),
      closesAt: new Date(w.closesAt).toISOString(),
      ticketNumber: a.ticketNumber,
    };
  };

  /** A stale list is refreshed first, but a slow platform never holds the kiosk up long. */
  async function freshen(): Promise<void> {
    const last = deps.syncer.lastAttemptAt;
    if (!deps.syncer.busy && last !== null && deps.now() - last < REFRESH_MS) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      deps.syncer.sync(),
      new Promise((resolve) => (timer = setTimeout(resolve, REFRESH_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  function refuse(reason: CheckInRefusal, comeBackAt: number | null, serviceId: string | null) {
    const at = comeBackAt === null ? null : hhmm(comeBackAt);
    const normal = reason === 'late' || reason === 'cancelled' || reason === 'notToday';
    return {
      ok: false as const,
      reason,
      message: refusalText(reason, at),
      comeBackAt: comeBackAt === null ? null : new Date(comeBackAt).toISOString(),
      normalServiceId: normal && serviceId && serviceName(serviceId) ? serviceId : null,
    };
  }

  return {
    'queue.appointments': async ({ idNumber }, ctx) => {
      if (!validIdNumber(idNumber)) throw new ContractError('BAD_REQUEST', badId);
      await freshen();
      const day = today();
      const now = deps.now();
      const syncedAt = book.syncedAt(day);
      const ageMs = syncedAt === null ? null : Math.max(0, now - syncedAt);
      const live =
        deps.syncer.lastOk === true && ageMs !== null && ageMs <= deps.syncMinutes * 2 * 60_000;
      return {
        day,
        live,
        syncedAt: syncedAt === null ? null : new Date(syncedAt).toISOString(),
        ageSeconds: ageMs === null ? null : Math.floor(ageMs / 1000),
        appointments: book.forResident(idNumber, day, readerOf(ctx)).map((a) => view(a, now)),
      };
    },
    'queue.checkIn': async (
      { appointmentId, idNumber, reserveOnly },
      ctx,
    ): Promise<CheckInResult> => {
      if (!validIdNumber(idNumber)) throw new ContractError('BAD_REQUEST', badId);
      const subjectIndex = deps.sealer.blindIndex(idNumber);
      const a = book.get(appointmentId);
      const now = deps.now();
      const verdict = checkInVerdict(a, subjectIndex, today(), now, deps.window);
      const audit = (result: string) =>
        deps.audit.record({
          ...readerOf(ctx),
          subjectIndex,
          action: 'check-in-appointment',
          result,
        });
      if (!verdict.ok) {
        audit(verdict.reason);
        // Someone else's appointment: nothing about it (not even its service) goes back.
        const own = a && verdict.reason !== 'notYours' ? a.serviceId : null;
        return refuse(verdict.reason, verdict.comeBackAt, own);
      }
      const appt = a!;
      if (!serviceName(appt.serviceId)) {
        audit('noService');
        return refuse('noService', null, null);
      }
      // Claimed before printing: a second tap (or a second kiosk) cannot issue a second ticket.
      if (!book.claim(appt.id, now)) {
        audit('checkedIn');
        return refuse('checkedIn', null, null);
      }
      const birthDate = birthDateOf(idNumber);
      const issue = {
        serviceId: appt.serviceId,
        ...(birthDate ? { birthDate } : {}),
        appointmentAt: new Date(appt.slotStart).toISOString(),
      };
      let ticket;
      try {
        // A member kiosk prints itself: reserve only; its queue.confirmPrint settles the ticket.
        ticket = reserveOnly
          ? queue.issuing.withCheckCode(queue.issuing.reserve(issue, deviceId(ctx)))
          : await queue.issuing.issue(issue, deviceId(ctx));
      } catch (error) {
        // No ticket (closed, full, the print failed): the appointment may be checked in again.
        book.release(appt.id);
        audit('no-ticket');
        throw error;
      }
      book.attach(appt.id, ticket.ticketId, ticket.number);
      audit(`ok:${ticket.number}`);
      return { ok: true, ticket, appointment: view(book.get(appt.id)!, deps.now()) };
    },
  };
}

function deviceId(ctx: CallContext): string {
  const c = ctx.caller;
  return c?.kind === 'device' ? c.id : 'local';
}
