/**
 * The queue's SQLite side: the event log (append per command, in one transaction; replay per
 * day), staff sessions and enrolled devices. Plain prepared statements, nothing clever.
 */
import type { Db } from '../store/store.js';
import type { QueueEvent } from './types.js';

export interface SessionRow {
  tokenHash: string;
  staffId: string;
  role: 'staff' | 'manager' | 'technician';
  counterId: string | null;
  expiresAt: number;
}

export interface DeviceRow {
  id: string;
  role: 'kiosk' | 'display';
  tokenHash: string;
}

export class QueueRepository {
  readonly #insert;
  readonly #byDay;
  readonly #days;
  readonly #appendMany;
  readonly #putSession;
  readonly #getSession;
  readonly #dropSession;
  readonly #dropExpired;
  readonly #putDevice;
  readonly #getDevice;
  readonly #reservedAs;

  constructor(readonly db: Db) {
    this.#insert = db.prepare(
      'INSERT INTO queue_event (day, at, type, ticket_id, counter_id, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#byDay = db.prepare('SELECT data FROM queue_event WHERE day = ? ORDER BY id').pluck();
    this.#days = db.prepare('SELECT DISTINCT day FROM queue_event ORDER BY day').pluck();
    this.#appendMany = db.transaction((day: string, events: QueueEvent[]) => {
      for (const e of events) {
        const ticketId = 'ticketId' in e ? e.ticketId : null;
        const counterId = 'counterId' in e ? e.counterId : null;
        this.#insert.run(day, e.at, e.type, ticketId, counterId, JSON.stringify(e));
      }
    });
    this.#putSession = db.prepare(
      'INSERT OR REPLACE INTO queue_session (token_hash, staff_id, role, counter_id, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#getSession = db.prepare(
      'SELECT token_hash AS tokenHash, staff_id AS staffId, role, counter_id AS counterId, expires_at AS expiresAt FROM queue_session WHERE token_hash = ?',
    );
    this.#dropSession = db.prepare('DELETE FROM queue_session WHERE token_hash = ?');
    this.#dropExpired = db.prepare('DELETE FROM queue_session WHERE expires_at <= ?');
    this.#putDevice = db.prepare(
      'INSERT OR REPLACE INTO queue_device (id, role, token_hash, enrolled_at) VALUES (?, ?, ?, ?)',
    );
    // A ticket check (rare, at a counter): the same id on other days, newest first.
    this.#reservedAs = db.prepare(
      "SELECT day, at, data FROM queue_event WHERE type = 'reserved' AND ticket_id = ? AND day <> ? ORDER BY id DESC LIMIT 60",
    );
    this.#getDevice = db.prepare(
      'SELECT id, role, token_hash AS tokenHash FROM queue_device WHERE token_hash = ? AND revoked_at IS NULL',
    );
  }

  /** Stores a command's events atomically (synchronous=FULL: on disk when this returns). */
  append(day: string, events: QueueEvent[]): void {
    if (events.length > 0) this.#appendMany(day, events);
  }

  load(day: string): QueueEvent[] {
    return (this.#byDay.all(day) as string[]).map((d) => JSON.parse(d) as QueueEvent);
  }

  days(): string[] {
    return this.#days.all() as string[];
  }

  /** Tickets with this id reserved on days other than `notDay` (newest first, at most 60). */
  reservedOnOtherDays(
    ticketId: number,
    notDay: string,
  ): { day: string; number: string; at: number }[] {
    const rows = this.#reservedAs.all(ticketId, notDay) as {
      day: string;
      at: number;
      data: string;
    }[];
    return rows.map((r) => ({
      day: r.day,
      at: r.at,
      number: (JSON.parse(r.data) as { number: string }).number,
    }));
  }

  putSession(row: SessionRow): void {
    this.#putSession.run(row.tokenHash, row.staffId, row.role, row.counterId, row.expiresAt);
  }

  session(tokenHash: string): SessionRow | undefined {
    return this.#getSession.get(tokenHash) as SessionRow | undefined;
  }

  dropSession(tokenHash: string): void {
    this.#dropSession.run(tokenHash);
  }

  dropExpiredSessions(now: number): void {
    this.#dropExpired.run(now);
  }

  /** Sessions that hold this counter, or this staff member's anywhere (one holder each). */
  sessionsHolding(counterId: string, staffId: string): SessionRow[] {
    return this.db
      .prepare(
        'SELECT token_hash AS tokenHash, staff_id AS staffId, role, counter_id AS counterId, expires_at AS expiresAt FROM queue_session WHERE counter_id = ? OR staff_id = ?',
      )
      .all(counterId, staffId) as SessionRow[];
  }

  putDevice(row: DeviceRow, now: number): void {
    this.#putDevice.run(row.id, row.role, row.tokenHash, now);
  }

  device(tokenHash: string): DeviceRow | undefined {
    return this.#getDevice.get(tokenHash) as DeviceRow | undefined;
  }
}
