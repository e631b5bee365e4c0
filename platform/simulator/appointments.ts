/**
 * The simulator's appointment book (预约): GET /halls/{hallId}/appointments?date=YYYY-MM-DD.
 * Tests hand in their own appointments and change them while the hall node runs; the demo
 * gets a seed made for today and tomorrow in hall time, around the time it is first asked.
 */
import { localParts } from '../../common/local-time.js';
import type { PlatformAppointment } from '../../common/platform/schemas.js';
import { demoResidents } from '../../drivers/id-card/demo-residents.js';

export interface BookedAppointment extends PlatformAppointment {
  hallId: string;
  /** The slot's date in hall time. */
  date: string;
}

export interface AppointmentBookOptions {
  /** Explicit appointments (tests); without them the demo seed is used. */
  list?: BookedAppointment[];
  clock: () => number;
  /** The demo seed's hall time zone. */
  timeZone?: string;
}

const QUARTER = 15 * 60_000;
const MINUTE = 60_000;

export class AppointmentBook {
  readonly list: BookedAppointment[];
  readonly #demo: boolean;
  readonly #clock: () => number;
  readonly #timeZone: string;
  readonly #seeded = new Set<string>();

  constructor(options: AppointmentBookOptions) {
    this.list = options.list ?? [];
    this.#demo = options.list === undefined;
    this.#clock = options.clock;
    this.#timeZone = options.timeZone ?? 'Asia/Shanghai';
  }

  add(a: BookedAppointment): void {
    this.list.push(a);
  }

  cancel(id: string): boolean {
    const found = this.list.find((a) => a.id === id);
    if (found) found.state = 'cancelled';
    return found !== undefined;
  }

  day(hallId: string, date: string): PlatformAppointment[] {
    // The demo's day is made when a hall first asks on that day, around that time.
    const now = this.#clock();
    const seed = `${hallId}|${localParts(now, this.#timeZone).date}`;
    if (this.#demo && !this.#seeded.has(seed)) {
      this.#seeded.add(seed);
      const made = demoAppointments(hallId, now, this.#timeZone);
      const known = new Set(this.list.map((a) => a.id));
      this.list.push(...made.filter((a) => !known.has(a.id)));
    }
    return this.list
      .filter((a) => a.hallId === hallId && a.date === date)
      .map(({ hallId: _h, date: _d, ...a }) => a);
  }
}

/** The route, or null when the path is not the book's. */
export function appointmentRoute(
  book: AppointmentBook,
  method: string | undefined,
  path: string,
): { status: number; body: unknown } | null {
  const m = /^\/halls\/([A-Za-z0-9-]{1,40})\/appointments(?:\?(.*))?$/.exec(path);
  if (!m || method !== 'GET') return null;
  const date = new URLSearchParams(m[2] ?? '').get('date') ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return { status: 400, body: { code: 'bad-date', message: 'date must be YYYY-MM-DD' } };
  }
  return { status: 200, body: { hallId: m[1], date, appointments: book.day(m[1]!, date) } };
}

/**
 * The demo's day: 阿依古丽 has a slot that starts now (check-in open) and a cancelled one;
 * 张桂英 has one in three hours (too early) and one an hour ago (too late); 王𠮷 has one
 * tomorrow only; 李明 has none.
 */
export function demoAppointments(
  hallId: string,
  now: number,
  timeZone: string,
): BookedAppointment[] {
  const start = Math.floor(now / QUARTER) * QUARTER;
  // In the evening and just after midnight the later and earlier slots are moved into today
  // while there is room for them to stay too early / too late (the default check-in window,
  // 30 min before to 15 min after the start, with a margin); else they fall on another day.
  const firstQuarter = start - localParts(start, timeZone).minutes * MINUTE;
  const lastQuarter = firstQuarter + (24 * 60 - 15) * MINUTE;
  const later = (at: number) =>
    at <= lastQuarter || lastQuarter < now + 60 * MINUTE ? at : lastQuarter;
  const earlier = (at: number) =>
    at >= firstQuarter || firstQuarter > now - 30 * MINUTE ? at : firstQuarter;
  const r = demoResidents;
  const who = (k: keyof typeof r) => ({ idNumber: r[k].idNumber!, name: r[k].name! });
  const slots: [keyof typeof r, string, number, 'booked' | 'cancelled'][] = [
    ['minority', 'general', start, 'booked'],
    ['minority', 'social', later(start + 120 * MINUTE), 'cancelled'],
    ['elder', 'social', later(start + 180 * MINUTE), 'booked'],
    ['elder', 'general', earlier(start - 60 * MINUTE), 'booked'],
    ['rare', 'general', start + 24 * 60 * MINUTE, 'booked'],
  ];
  return slots.map(([resident, serviceId, at, state], i) => {
    const date = localParts(at, timeZone).date;
    return {
      hallId,
      date,
      id: `AP-${date.replaceAll('-', '')}-${String(i + 1).padStart(3, '0')}`,
      serviceId,
      slotStart: new Date(at).toISOString(),
      slotEnd: new Date(at + 30 * MINUTE).toISOString(),
      resident: who(resident),
      state,
    };
  });
}
