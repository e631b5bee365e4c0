import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paths } from '../paths.js';
import type { PlatformAppointment } from '../../common/platform/schemas.js';
import { createAudit } from '../privacy/audit.js';
import { createSealer } from '../privacy/sealer.js';
import { openStore, type Store } from '../store/store.js';
import { createAppointmentBook, type AppointmentBook } from './book.js';

const DAY = 86_400_000;
// 2026-03-02 10:00 in Shanghai.
const T = Date.UTC(2026, 2, 2, 2, 0, 0);
const ID = '11010519491231002X';

const appt = (id: string, at: number, state: 'booked' | 'cancelled' = 'booked') =>
  ({
    id,
    serviceId: 'general',
    slotStart: new Date(at).toISOString(),
    slotEnd: new Date(at + 1_800_000).toISOString(),
    resident: { idNumber: ID, name: '张桂英' },
    state,
  }) satisfies PlatformAppointment;

let dir: string;
let store: Store;
let book: AppointmentBook;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'appointment-book-'));
  store = openStore(dir, paths.migrationsDir);
  book = createAppointmentBook({
    db: store.db,
    sealer: createSealer(Buffer.alloc(32, 3)),
    audit: createAudit(store.db, () => T),
    timeZone: 'Asia/Shanghai',
  });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = () => book.forResident(ID, '2026-03-02', { actor: 't', purpose: 't' }).map((a) => a.id);

describe('the appointment book', () => {
  it('takes a day as the platform gives it: changes applied, withdrawn ones dropped', () => {
    book.store('2026-03-02', [appt('A', T), appt('B', T + 3_600_000)], T);
    expect(ids()).toEqual(['A', 'B']);
    book.store('2026-03-02', [appt('A', T, 'cancelled')], T + 60_000);
    expect(ids()).toEqual(['A']);
    expect(book.get('A')?.state).toBe('cancelled');
    expect(book.syncedAt('2026-03-02')).toBe(T + 60_000);
  });

  it('keeps a checked-in appointment even when the platform withdraws it', () => {
    book.store('2026-03-02', [appt('A', T)], T);
    expect(book.claim('A', T)).toBe(true);
    expect(book.claim('A', T)).toBe(false);
    book.attach('A', 7, 'A007');
    book.store('2026-03-02', [], T + 60_000);
    expect(book.get('A')).toMatchObject({ ticketNumber: 'A007', checkedInAt: T });
    book.release('A');
    expect(book.get('A')).toMatchObject({ ticketNumber: null, checkedInAt: null });
  });

  it('files a slot under its hall date, not the UTC date', () => {
    // 2026-03-02 07:30 in Shanghai is still 2026-03-01 in UTC.
    const early = Date.UTC(2026, 2, 1, 23, 30, 0);
    book.store('2026-03-02', [appt('E', early)], T);
    expect(book.get('E')?.day).toBe('2026-03-02');
  });

  it('purges appointments older than the retention, with their sync marks', () => {
    book.store('2026-03-02', [appt('OLD', T - 200 * DAY), appt('NEW', T)], T);
    expect(book.purge(180, T)).toBe(1);
    expect(book.get('OLD')).toBeNull();
    expect(book.get('NEW')).not.toBeNull();
  });
});
