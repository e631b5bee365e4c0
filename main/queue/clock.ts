/**
 * The hall's calendar, from a timestamp and the hall timezone: which queue day it is and the
 * local time of day. Pure (Intl only).
 *
 * The queue day starts at `resetHour` local time, not at midnight: a ticket issued at 01:00
 * before a 04:00 reset belongs to the previous day. That keeps an evening service that runs
 * past midnight in one day, and numbers restart only at the reset.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  date: string;
  minutes: number;
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

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

/** Whole years between a birth date (YYYY-MM-DD) and a local date (YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
