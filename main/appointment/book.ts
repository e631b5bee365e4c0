/**
 * The hall node's copy of the platform's appointments: stored per day as fetched, the resident
 * sealed (AES-256-GCM) and found by a blind index, as cases are; check-ins recorded here.
 * Every read of a resident's appointments is audited.
 */
import type { PlatformAppointment } from '../../common/platform/schemas.js';
import type { Audit } from '../privacy/audit.js';
import type { Sealer } from '../privacy/sealer.js';
import type { Db } from '../store/store.js';
import { localParts } from '../../common/local-time.js';
import type { CachedAppointment } from './rules.js';

export interface Reader {
  actor: string;
  purpose: string;
}

export interface AppointmentBook {
  /** Replace one day's list with what the platform gave (check-ins made here are kept). */
  store(day: string, list: PlatformAppointment[], syncedAt: number): void;
  syncedAt(day: string): number | null;
  get(id: string): CachedAppointment | null;
  /** The resident's appointments on `day`, by slot; audited. */
  forResident(idNumber: string, day: string, reader: Reader): CachedAppointment[];
  /** The resident's name as booked (opened only to be masked). */
  residentName(a: CachedAppointment): string;
  /** Take the appointment for check-in: false when another check-in took it first. */
  claim(id: string, now: number): boolean;
  /** The ticket it was checked in with. */
  attach(id: string, ticketId: number, ticketNumber: string): void;
  /** The ticket did not print: the appointment may be checked in again. */
  release(id: string): void;
  /** As release, found by the ticket a member kiosk failed to print (false: none had it). */
  releaseTicket(ticketId: number): boolean;
  /** Delete appointments whose slot is older than `days` (the case retention). */
  purge(days: number, now: number): number;
}

interface Row {
  id: string;
  day: string;
  serviceId: string;
  slotStart: number;
  slotEnd: number;
  idIndex: string;
  residentEnc: Buffer;
  state: 'booked' | 'cancelled';
  checkedInAt: number | null;
  ticketId: number | null;
  ticketNumber: string | null;
}

const columns = `id, day, service_id AS serviceId, slot_start AS slotStart, slot_end AS slotEnd,
  id_index AS idIndex, resident_enc AS residentEnc, state, checked_in_at AS checkedInAt,
  ticket_id AS ticketId, ticket_number AS ticketNumber`;

/** The sealed resident's associated data: the row it belongs to. */
export const residentWhere = (id: string) => `appointment.resident:${id}`;
const where = residentWhere;

export function createAppointmentBook(deps: {
  db: Db;
  sealer: Sealer;
  audit: Audit;
  timeZone: string;
}): AppointmentBook {
  const { db, sealer, audit } = deps;
  // Deleted rows are overwritten with zeros, as for cases.
  db.pragma('secure_delete = ON');
  const sql = {
    upsert: db.prepare(
      `INSERT INTO appointment (id, day, service_id, slot_start, slot_end, id_index, resident_enc, state, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET day = excluded.day, service_id = excluded.service_id,
         slot_start = excluded.slot_start, slot_end = excluded.slot_end, id_index = excluded.id_index,
         resident_enc = excluded.resident_enc, state = excluded.state, synced_at = excluded.synced_at`,
    ),
    dropGone: db.prepare(
      'DELETE FROM appointment WHERE day = ? AND synced_at < ? AND checked_in_at IS NULL',
    ),
    synced: db.prepare(
      `INSERT INTO appointment_sync (day, synced_at) VALUES (?, ?)
       ON CONFLICT (day) DO UPDATE SET synced_at = excluded.synced_at`,
    ),
    syncedAt: db.prepare('SELECT synced_at AS at FROM appointment_sync WHERE day = ?'),
    get: db.prepare(`SELECT ${columns} FROM appointment WHERE id = ?`),
    mine: db.prepare(
      `SELECT ${columns} FROM appointment WHERE id_index = ? AND day = ? ORDER BY slot_start, id`,
    ),
    claim: db.prepare(
      'UPDATE appointment SET checked_in_at = ? WHERE id = ? AND checked_in_at IS NULL',
    ),
    attach: db.prepare('UPDATE appointment SET ticket_id = ?, ticket_number = ? WHERE id = ?'),
    release: db.prepare(
      'UPDATE appointment SET checked_in_at = NULL, ticket_id = NULL, ticket_number = NULL WHERE id = ?',
    ),
    releaseTicket: db.prepare(
      'UPDATE appointment SET checked_in_at = NULL, ticket_id = NULL, ticket_number = NULL WHERE ticket_id = ?',
    ),
    purge: db.prepare('DELETE FROM appointment WHERE slot_start < ?'),
    purgeSync: db.prepare('DELETE FROM appointment_sync WHERE day < ?'),
  };

  const storeTx = db.transaction((day: string, list: PlatformAppointment[], at: number) => {
    for (const a of list) {
      const start = Date.parse(a.slotStart);
      const resident = { idNumber: a.resident.idNumber, name: a.resident.name.normalize('NFC') };
      sql.upsert.run(
        a.id,
        localParts(start, deps.timeZone).date,
        a.serviceId,
        start,
        Date.parse(a.slotEnd),
        sealer.blindIndex(a.resident.idNumber),
        sealer.seal(JSON.stringify(resident), where(a.id)),
        a.state,
        at,
      );
    }
    // Gone from the platform's list (withdrawn): gone here too, unless already checked in.
    sql.dropGone.run(day, at);
    sql.synced.run(day, at);
  });

  const plain = (r: Row | undefined): CachedAppointment | null => {
    if (!r) return null;
    const { residentEnc: _sealed, ...rest } = r;
    return rest;
  };

  return {
    store: (day, list, at) => storeTx(day, list, at),
    syncedAt: (day) => (sql.syncedAt.get(day) as { at: number } | undefined)?.at ?? null,
    get: (id) => plain(sql.get.get(id) as Row | undefined),
    forResident(idNumber, day, reader) {
      const subjectIndex = sealer.blindIndex(idNumber);
      try {
        const rows = (sql.mine.all(subjectIndex, day) as Row[]).map((r) => plain(r)!);
        audit.record({
          ...reader,
          subjectIndex,
          action: 'list-appointments',
          result: `ok:${rows.length}`,
        });
        return rows;
      } catch (error) {
        audit.record({ ...reader, subjectIndex, action: 'list-appointments', result: 'error' });
        throw error;
      }
    },
    residentName(a) {
      const row = sql.get.get(a.id) as Row | undefined;
      if (!row) return '';
      return (JSON.parse(sealer.open(row.residentEnc, where(a.id))) as { name: string }).name;
    },
    claim: (id, now) => sql.claim.run(now, id).changes === 1,
    attach: (id, ticketId, number) => void sql.attach.run(ticketId, number, id),
    release: (id) => void sql.release.run(id),
    releaseTicket: (ticketId) => sql.releaseTicket.run(ticketId).changes > 0,
    purge(days, now) {
      const cutoff = now - days * 86_400_000;
      return db.transaction(() => {
        sql.purgeSync.run(localParts(cutoff, deps.timeZone).date);
        return sql.purge.run(cutoff).changes;
      })();
    },
  };
}
