/**
 * The outbox's SQL, prepared once per database: the rows (written, walked, read, settled, put
 * back by staff), the staff alerts they raise, and the counts the status shows. Nothing here
 * runs a statement; the storage modules do.
 */
import type { Db } from '../store/store.js';

export type Statements = ReturnType<typeof outboxStatements>;

export function outboxStatements(db: Db) {
  return {
    ...rowStatements(db),
    ...parkedStatements(db),
    ...alertStatements(db),
    ...countStatements(db),
    ...settledStatements(db),
  };
}

/** A row's way through the outbox: written, walked and read for delivery, then settled. */
function rowStatements(db: Db) {
  return {
    insert: db.prepare(
      `INSERT INTO outbox (kind, ref_id, lane, idempotency_key, payload, state, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
    ),
    // Open rows oldest first, read from the covering partial index alone (migration 0005);
    // the first row seen of a lane is its head.
    open: db
      .prepare(
        `SELECT id, state, lane, next_attempt_at AS due FROM outbox
          WHERE state IN ('pending', 'parked') ORDER BY id`,
      )
      .raw(true),
    // The picked rows in one statement (a JSON array of ids): one call instead of hundreds.
    rows: db
      .prepare(
        `SELECT id, kind, ref_id, idempotency_key, attempts, payload, payload_enc FROM outbox
          WHERE id IN (SELECT value FROM json_each(?)) AND state = 'pending' ORDER BY id`,
      )
      .raw(true),
    // A group's answers in one statement, whatever its size, taking the group as JSON
    // [[outboxId, refId, result], …]; only rows still pending change, so a row settled twice
    // changes nothing, and the ids that changed come back for their owners.
    delivered: db
      .prepare(
        `UPDATE outbox SET state = 'delivered', settled_at = ?, result = j.value ->> 2,
                           payload = NULL, payload_enc = NULL, last_error = NULL
           FROM json_each(?) AS j
          WHERE outbox.id = j.value ->> 0 AND outbox.state = 'pending'
          RETURNING outbox.id`,
      )
      .pluck(),
    reschedule: db.prepare(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
        WHERE id = ? AND state = 'pending'`,
    ),
    park: db.prepare(
      `UPDATE outbox SET state = 'parked', attempts = attempts + 1, last_error = ? WHERE id = ? AND state = 'pending'`,
    ),
    syncNormal: db.prepare('PRAGMA synchronous = NORMAL'),
    syncFull: db.prepare('PRAGMA synchronous = FULL'),
  };
}

/** Parked rows: listed for staff, who send them again or give them up. */
function parkedStatements(db: Db) {
  return {
    deadLetters: db.prepare(
      `SELECT id, kind, ref_id AS refId, attempts, last_error AS lastError, created_at AS createdAt
         FROM outbox WHERE state IN ('pending', 'parked') AND state = 'parked' ORDER BY id`,
    ),
    retry: db.prepare(
      "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = NULL WHERE id = ? AND state = 'parked'",
    ),
    discard: db.prepare(
      "UPDATE outbox SET state = 'discarded', payload = NULL, payload_enc = NULL, settled_at = ? WHERE id = ? AND state = 'parked'",
    ),
  };
}

function alertStatements(db: Db) {
  return {
    alert: db.prepare(
      'INSERT INTO staff_alert (at, code, outbox_id, message_zh, message_en) VALUES (?, ?, ?, ?, ?)',
    ),
    openAlert: db.prepare('SELECT 1 FROM staff_alert WHERE code = ? AND cleared_at IS NULL'),
    clearAlerts: db.prepare(
      'UPDATE staff_alert SET cleared_at = ? WHERE outbox_id = ? AND cleared_at IS NULL',
    ),
    clearSetupAlerts: db.prepare(
      'UPDATE staff_alert SET cleared_at = ? WHERE outbox_id IS NULL AND cleared_at IS NULL',
    ),
  };
}

function countStatements(db: Db) {
  return {
    // Open rows are counted from the partial index (cheap); settled rows are counted once by
    // the runner and then kept as they change (status() runs every 200 ms while it drains).
    openCounts: db.prepare(
      "SELECT state, COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'parked') GROUP BY state",
    ),
    settledCounts: db.prepare(
      "SELECT state, COUNT(*) AS n FROM outbox WHERE state IN ('delivered', 'discarded') GROUP BY state",
    ),
    // The first-written pending row's time (ids and created_at grow together). The first term
    // lets SQLite read the partial index of open rows instead of the whole table.
    oldest: db.prepare(
      `SELECT created_at AS at FROM outbox WHERE state IN ('pending', 'parked') AND state = 'pending'
        ORDER BY id LIMIT 1`,
    ),
  };
}

/** Settled rows let go by the capability whose retention they fall under. */
function settledStatements(db: Db) {
  return {
    forgetById: db.prepare(
      "DELETE FROM outbox WHERE id = ? AND state IN ('delivered', 'discarded')",
    ),
    forgetOfKind: db.prepare(
      "DELETE FROM outbox WHERE kind = ? AND state IN ('delivered', 'discarded') AND created_at < ?",
    ),
  };
}
