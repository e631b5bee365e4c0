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
  readonly #reservedBy;
  readonly #holding;
  readonly #activeRole;
  readonly #revoke;

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
    this.#reservedBy = db
      .prepare(
        "SELECT json_extract(data, '$.deviceId') FROM queue_event WHERE type = 'reserved' AND ticket_id = ? AND day = ? ORDER BY id DESC LIMIT 1",
      )
      .pluck();
    this.#holding = db.prepare(
      'SELECT token_hash AS tokenHash, staff_id AS staffId, role, counter_id AS counterId, expires_at AS expiresAt FROM queue_session WHERE counter_id = ? OR staff_id = ?',
    );
    this.#activeRole = db
      .prepare('SELECT role FROM queue_device WHERE id = ? AND revoked_at IS NULL')
      .pluck();
    this.#revoke = db.prepare(
      'UPDATE queue_device SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
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
    return this.#holding.all(counterId, staffId) as SessionRow[];
  }

  /** The device that reserved a ticket on a day, from its reserved event (null: none). */
  reservedBy(ticketId: number, day: string): string | null {
    return (this.#reservedBy.get(ticketId, day) as string | null | undefined) ?? null;
  }

  /** The role of an enrolled device whose token is still good (undefined: none). */
  activeDeviceRole(id: string): string | undefined {
    return this.#activeRole.get(id) as string | undefined;
  }

  /** Ends a device's token; false when no good token was enrolled under that id. */
  revokeDevice(id: string, now: number): boolean {
    return this.#revoke.run(now, id).changes > 0;
  }

  putDevice(row: DeviceRow, now: number): void {
    this.#putDevice.run(row.id, row.role, row.tokenHash, now);
  }

  device(tokenHash: string): DeviceRow | undefined {
    return this.#getDevice.get(tokenHash) as DeviceRow | undefined;
  }
}
