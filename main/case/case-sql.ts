/** The statements of the cases and ratings tables, prepared once per database. */
import type { Db } from '../store/store.js';

export function caseStatements(db: Db) {
  return {
    insertCase: db.prepare(
      `INSERT INTO hall_case (id, receipt_number, service_id, id_index, personal_enc, created_at, outbox_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    nextId: db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM hall_case'),
    insertRating: db.prepare(
      'INSERT INTO rating (subject_kind, subject_ref, level, created_at) VALUES (?, ?, ?, ?)',
    ),
    list: db.prepare(
      `SELECT receipt_number AS receiptNumber, service_id AS serviceId, created_at AS createdAt,
              outbox_state AS state, platform_case_number AS platformCaseNumber,
              platform_status AS platformStatus, status_checked_at AS statusCheckedAt
         FROM case_platform WHERE id_index = ? ORDER BY id DESC LIMIT 100`,
    ),
    status: db.prepare(
      `UPDATE hall_case SET platform_status = ?, status_checked_at = ?
        WHERE id = (SELECT id FROM case_platform WHERE platform_case_number = ?)`,
    ),
    oldCases: db.prepare(
      `SELECT id, outbox_id AS outboxId FROM case_platform
        WHERE created_at < ? AND outbox_state IN ('delivered', 'discarded')`,
    ),
    receiptPrinted: db.prepare(
      'UPDATE hall_case SET receipts_printed = receipts_printed + 1 WHERE receipt_number = ?',
    ),
    deleteCase: db.prepare('DELETE FROM hall_case WHERE id = ?'),
    deleteAudit: db.prepare('DELETE FROM audit_log WHERE at < ?'),
  };
}

export type CaseStatements = ReturnType<typeof caseStatements>;
