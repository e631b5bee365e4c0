/**
 * Staff sessions and enrolled devices in SQLite (tables queue_session and queue_device): only
 * hashes of their tokens are kept. Plain prepared statements, nothing clever.
 */
import type { Db } from '../store/store.js';

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

const sessionColumns =
  'token_hash AS tokenHash, staff_id AS staffId, role, counter_id AS counterId, expires_at AS expiresAt';

export class AccessStore {
  readonly #putSession;
  readonly #getSession;
  readonly #dropSession;
  readonly #dropExpired;
  readonly #holding;
  readonly #putDevice;
  readonly #getDevice;
  readonly #activeRole;
  readonly #revoke;

  constructor(db: Db) {
    this.#putSession = db.prepare(
      'INSERT OR REPLACE INTO queue_session (token_hash, staff_id, role, counter_id, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#getSession = db.prepare(
      `SELECT ${sessionColumns} FROM queue_session WHERE token_hash = ?`,
    );
    this.#dropSession = db.prepare('DELETE FROM queue_session WHERE token_hash = ?');
    this.#dropExpired = db.prepare('DELETE FROM queue_session WHERE expires_at <= ?');
    this.#holding = db.prepare(
      `SELECT ${sessionColumns} FROM queue_session WHERE counter_id = ? OR staff_id = ?`,
    );
    this.#putDevice = db.prepare(
      'INSERT OR REPLACE INTO queue_device (id, role, token_hash, enrolled_at) VALUES (?, ?, ?, ?)',
    );
    this.#getDevice = db.prepare(
      'SELECT id, role, token_hash AS tokenHash FROM queue_device WHERE token_hash = ? AND revoked_at IS NULL',
    );
    this.#activeRole = db
      .prepare('SELECT role FROM queue_device WHERE id = ? AND revoked_at IS NULL')
      .pluck();
    this.#revoke = db.prepare(
      'UPDATE queue_device SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    );
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

  putDevice(row: DeviceRow, now: number): void {
    this.#putDevice.run(row.id, row.role, row.tokenHash, now);
  }

  device(tokenHash: string): DeviceRow | undefined {
    return this.#getDevice.get(tokenHash) as DeviceRow | undefined;
  }

  /** The role of an enrolled device whose token is still good (undefined: none). */
  activeDeviceRole(id: string): string | undefined {
    return this.#activeRole.get(id) as string | undefined;
  }

  /** Ends a device's token; false when no good token was enrolled under that id. */
  revokeDevice(id: string, now: number): boolean {
    return this.#revoke.run(now, id).changes > 0;
  }
}
