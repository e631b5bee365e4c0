/** The simulator's appointment book: the demo day, per-day seeding, the route's answers. */
import { describe, expect, it } from 'vitest';
import { AppointmentList } from '../../common/platform/schemas.js';
import { appointmentRoute, AppointmentBook, demoAppointments } from './appointments.js';

// 2026-03-02 10:07 in Shanghai.
const T = Date.UTC(2026, 2, 2, 2, 7, 0);

describe('the demo day', () => {
  it('puts one slot at the quarter hour now, and the rest around it, in hall dates', () => {
    const day = demoAppointments('h1', T, 'Asia/Shanghai');
    const open = day.find((a) => a.state === 'booked' && a.resident.name === '阿依古丽·买买提')!;
    expect(open.slotStart).toBe(new Date(Date.UTC(2026, 2, 2, 2, 0, 0)).toISOString());
    expect(day.filter((a) => a.date === '2026-03-02')).toHaveLength(4);
    expect(day.filter((a) => a.date === '2026-03-03')).toHaveLength(1);
    expect(new Set(day.map((a) => a.id)).size).toBe(day.length);
  });

  it('keeps a too-early and a too-late slot on today in the evening and after midnight', () => {
    for (const [utc, label] of [
      [Date.UTC(2026, 2, 2, 13, 40), '21:40'],
      [Date.UTC(2026, 2, 1, 16, 50), '00:50'],
    ] as const) {
      const day = demoAppointments('h1', utc, 'Asia/Shanghai');
      const elder = day.filter((a) => a.resident.name === '张桂英');
      const today = new Date(utc + 8 * 3_600_000).toISOString().slice(0, 10);
      expect(
        elder.map((a) => a.date),
        label,
      ).toEqual([today, today]);
      const starts = elder.map((a) => Date.parse(a.slotStart)).sort((a, b) => a - b);
      expect(starts[0]! + 30 * 60_000, `${label}: too late`).toBeLessThan(utc);
      expect(starts[1]! - 60 * 60_000, `${label}: too early`).toBeGreaterThanOrEqual(utc);
    }
  });

  it('is made again for a new day, and answers only the hall and date asked', () => {
    let now = T;
    const book = new AppointmentBook({ clock: () => now });
    const r = appointmentRoute(book, 'GET', '/halls/h1/appointments?date=2026-03-02');
    expect(r?.status).toBe(200);
    const list = AppointmentList.parse(r!.body);
    expect(list.appointments).toHaveLength(4);
    now += 86_400_000;
    const next = AppointmentList.parse(
      appointmentRoute(book, 'GET', '/halls/h1/appointments?date=2026-03-03')!.body,
    );
    // Yesterday's "tomorrow" plus the new day's own four (no id twice).
    expect(next.appointments).toHaveLength(5);
    const other = AppointmentList.parse(
      appointmentRoute(book, 'GET', '/halls/h2/appointments?date=2026-03-02')!.body,
    );
    expect(other.appointments).toHaveLength(0);
  });

  it('refuses a bad date and leaves other paths alone', () => {
    const book = new AppointmentBook({ list: [], clock: () => T });
    expect(appointmentRoute(book, 'GET', '/halls/h1/appointments?date=tomorrow')?.status).toBe(400);
    expect(appointmentRoute(book, 'POST', '/halls/h1/appointments?date=2026-03-02')).toBeNull();
    expect(appointmentRoute(book, 'GET', '/cases/X')).toBeNull();
  });
});
