/**
 * The hall's calendar, from a timestamp and the hall timezone: which queue day it is and the
 * local time of day. Pure (Intl only).
 *
 * The queue day starts at `resetHour` local time, not at midnight: a ticket issued at 01:00
 * before a 04:00 reset belongs to the previous day. That keeps an evening service that runs
 * past midnight in one day, and numbers restart only at the reset.
 */
import { localParts } from '../../common/local-time.js';

/** The queue day (YYYY-MM-DD) a moment belongs to. */
export function queueDay(ms: number, timeZone: string, resetHour: number): string {
  return localParts(ms - resetHour * 3_600_000, timeZone).date;
}

/** Minutes since local midnight, for issuing hours ("08:30" → 510). */
export function localMinutes(ms: number, timeZone: string): number {
  return localParts(ms, timeZone).minutes;
}

export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
