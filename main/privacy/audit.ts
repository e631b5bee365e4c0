/**
 * The read audit: one row for every read of a resident's data — who, when, why, the result.
 * The subject is the blind index, so the audit itself holds no ID number.
 */
import type { Db } from '../store/store.js';
import type { Caller } from '../../common/contract/call.js';

/** Who did it, as the audit names them: the enrolled device, the staff member, or this machine. */
export function actorOf(caller: Caller | undefined): string {
  if (caller?.kind === 'device') return `${caller.role}:${caller.id}`;
  if (caller?.kind === 'staff') return `staff:${caller.staffId}`;
  if (caller?.kind === 'local') return `local:${caller.role}`;
  return 'anonymous';
}

export interface AuditEntry {
  actor: string;
  purpose: string;
  subjectIndex: string;
  action: string;
  result: string;
}

export interface Audit {
  record(entry: AuditEntry): void;
  /** Audit rows are kept at least this long (six months), whatever the case retention. */
  readonly minimumDays: number;
}

export function createAudit(db: Db, now: () => number): Audit {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor, purpose, subject_index, action, result) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    minimumDays: auditKeptDays,
    record: (e) =>
      void insert.run(
        new Date(now()).toISOString(),
        e.actor,
        e.purpose,
        e.subjectIndex,
        e.action,
        e.result,
      ),
  };
}

/** Audit rows are kept this long at least, whatever the case retention (网络安全法 art. 21). */
export const auditKeptDays = 183;

/** The newest rows for the technician page: who did what and when, not whose data. */
export function auditTail(db: Db, limit: number) {
  const rows = db
    .prepare('SELECT at, actor, purpose, action, result FROM audit_log ORDER BY id DESC LIMIT ?')
    .all(limit) as { at: string; actor: string; purpose: string; action: string; result: string }[];
  return { keptDays: auditKeptDays, rows };
}
