/**
 * Check-in rules for appointments (预约签到). Pure: the appointment as cached, who is asking,
 * the hall's date and the clock in, a verdict out.
 *
 * A resident may check in an appointment that is theirs, for today, booked (not cancelled),
 * not yet checked in, from `earlyMinutes` before the slot start until `lateMinutes` after it
 * (both ends included). Too early: come back when the window opens. Too late: the appointment
 * has lapsed; the resident takes a normal ticket for the same service, which waits like any
 * other. The ticket of a checked-in appointment carries the slot start, and the calling rules
 * (main/queue/rules.ts) call it first once that time has come.
 */
import type { CheckInRefusal } from '../../common/contract/queue.js';

export interface CheckInWindow {
  earlyMinutes: number;
  lateMinutes: number;
}

export interface CachedAppointment {
  id: string;
  day: string;
  serviceId: string;
  slotStart: number;
  slotEnd: number;
  idIndex: string;
  state: 'booked' | 'cancelled';
  checkedInAt: number | null;
  ticketId: number | null;
  ticketNumber: string | null;
}

export type Verdict =
  { ok: true } | { ok: false; reason: CheckInRefusal; comeBackAt: number | null };

const MINUTE = 60_000;

export function windowOf(a: Pick<CachedAppointment, 'slotStart'>, w: CheckInWindow) {
  return {
    opensAt: a.slotStart - w.earlyMinutes * MINUTE,
    closesAt: a.slotStart + w.lateMinutes * MINUTE,
  };
}

/** Where the appointment's check-in stands at `now` (for the list on screen). */
export function windowState(
  a: Pick<CachedAppointment, 'slotStart' | 'state' | 'checkedInAt'>,
  now: number,
  w: CheckInWindow,
): 'open' | 'early' | 'late' | 'closed' {
  if (a.state === 'cancelled' || a.checkedInAt !== null) return 'closed';
  const { opensAt, closesAt } = windowOf(a, w);
  if (now < opensAt) return 'early';
  if (now > closesAt) return 'late';
  return 'open';
}

/**
 * The order matters: someone else's appointment is refused before anything about it is
 * told (its state, its time), so an appointment id reveals nothing to the wrong resident.
 */
export function checkInVerdict(
  a: CachedAppointment | null,
  residentIndex: string,
  today: string,
  now: number,
  w: CheckInWindow,
): Verdict {
  const no = (reason: CheckInRefusal, comeBackAt: number | null = null): Verdict => ({
    ok: false,
    reason,
    comeBackAt,
  });
  if (!a) return no('unknown');
  if (a.idIndex !== residentIndex) return no('notYours');
  if (a.state === 'cancelled') return no('cancelled');
  if (a.checkedInAt !== null) return no('checkedIn');
  if (a.day !== today) return no('notToday');
  const state = windowState(a, now, w);
  if (state === 'early') return no('early', windowOf(a, w).opensAt);
  if (state === 'late') return no('late');
  return { ok: true };
}
