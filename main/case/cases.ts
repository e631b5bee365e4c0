/**
 * Cases and ratings at this hall: written with their outbox row in one transaction, personal
 * fields sealed, every read of a resident's cases audited, and purged after the retention.
 */
import type { Db } from '../store/store.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Audit } from '../privacy/audit.js';
import type { Sealer } from '../privacy/sealer.js';
import type { RatingSubmission } from '../../common/platform/schemas.js';
import { checkAnswers, type FormSchema } from './form-schema.js';
import { personalWhere, type CaseEnvelope } from './case-body.js';
import { checkName, validIdNumber, type FieldIssue } from './text-rules.js';

export class CaseInputError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message.en}`).join('; '));
    this.name = 'CaseInputError';
  }
}

export interface NewCase {
  applicant: { idNumber: string; name: string };
  serviceId: string;
  form: FormSchema;
  answers: Record<string, unknown>;
  /** The resident confirmed the review screen and the consent text. Nothing is sent without it. */
  consent: boolean;
}

export type CaseState = 'pending' | 'delivered' | 'parked' | 'discarded';

export interface CaseSummary {
  receiptNumber: string;
  serviceId: string;
  createdAt: string;
  state: CaseState;
  platformCaseNumber: string | null;
  platformStatus: string | null;
  statusCheckedAt: string | null;
}

export interface Reader {
  actor: string;
  purpose: string;
}

export interface CaseService {
  submit(input: NewCase): {
    caseId: number;
    receiptNumber: string;
    outboxId: number;
    /** The case's own time: its receipts (the first and any 补打) all print this one. */
    createdAt: string;
  };
  rate(input: { subject: { kind: 'case' | 'ticket'; ref: string }; level: number }): {
    ratingId: number;
  };
  /** The resident's cases, newest first; audited. */
  listForResident(idNumber: string, reader: Reader): CaseSummary[];
  /** Store what the platform says about a case now (status refresh). */
  recordStatus(platformCaseNumber: string, status: string): void;
  /** A paper of the case's receipt came out of the printer: any later one is 补打. */
  receiptPrinted(receiptNumber: string): void;
  /** Delete settled cases older than `days`, zero their pages, truncate the WAL. */
  purge(days: number): { cases: number; outbox: number; audit: number };
}

export function createCaseService(deps: {
  db: Db;
  sealer: Sealer;
  outbox: Outbox;
  audit: Audit;
  hallId: string;
  now: () => number;
}): CaseService {
  const { db, sealer, outbox, audit } = deps;
  // Deleted rows are overwritten with zeros, not just unlinked (purge must leave no bytes).
  db.pragma('secure_delete = ON');
  const sql = {
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
    deleteCaseOutbox: db.prepare('DELETE FROM outbox WHERE id = ?'),
    deleteRatings: db.prepare(
      `DELETE FROM outbox WHERE kind = 'rating' AND state IN ('delivered', 'discarded') AND created_at < ?`,
    ),
    deleteAudit: db.prepare('DELETE FROM audit_log WHERE at < ?'),
  };
  const iso = () => new Date(deps.now()).toISOString();

  const submitTx = db.transaction((input: NewCase, form: Record<string, unknown>) => {
    const createdAt = iso();
    const lane = sealer.blindIndex(input.applicant.idNumber);
    // One writer (this process, inside this transaction): the next id is known, so the
    // receipt number is built from it and the row is written once.
    const caseId = (sql.nextId.get() as { id: number }).id;
    const receiptNumber = `R${createdAt.slice(2, 10).replaceAll('-', '')}${String(caseId).padStart(6, '0')}`;
    const envelope: CaseEnvelope = {
      hallId: deps.hallId,
      receiptNumber,
      serviceId: input.serviceId,
      submittedAt: createdAt,
    };
    const { id: outboxId } = outbox.enqueue('case', caseId, lane, envelope);
    // The personal part is sealed once, here; the outbox row keeps the rest in plain text
    // and the drainer joins the two into the request body when it sends (case-body.ts).
    const personal = { applicant: input.applicant, form };
    sql.insertCase.run(
      caseId,
      receiptNumber,
      input.serviceId,
      lane,
      sealer.seal(JSON.stringify(personal), personalWhere(receiptNumber)),
      createdAt,
      outboxId,
    );
    return { caseId, receiptNumber, outboxId, createdAt };
  });

  return {
    submit(input) {
      const issues: FieldIssue[] = [];
      if (!input.consent) {
        issues.push({
          path: 'consent',
          message: {
            'zh-CN': '请先阅读并同意授权说明',
            en: 'read and accept the consent text first',
          },
        });
      }
      if (!validIdNumber(input.applicant.idNumber)) {
        issues.push({
          path: 'applicant.idNumber',
          message: {
            'zh-CN': '身份证号码无效，请重新读卡',
            en: 'the ID number is not valid; read the card again',
          },
        });
      }
      const name = checkName('applicant.name', input.applicant.name);
      if (name) issues.push(name);
      const answers = checkAnswers(input.form, input.answers);
      if (!answers.ok) issues.push(...answers.issues);
      if (issues.length || !answers.ok) throw new CaseInputError(issues);
      const applicant = {
        idNumber: input.applicant.idNumber,
        name: input.applicant.name.normalize('NFC'),
      };
      return submitTx({ ...input, applicant }, answers.form);
    },
    rate({ subject, level }) {
      if (!Number.isInteger(level) || level < 1 || level > 5) {
        throw new CaseInputError([
          {
            path: 'level',
            message: { 'zh-CN': '请选择 1–5 级评价', en: 'choose a level from 1 to 5' },
          },
        ]);
      }
      return db.transaction(() => {
        const ratedAt = iso();
        const ratingId = Number(
          sql.insertRating.run(subject.kind, subject.ref, level, ratedAt).lastInsertRowid,
        );
        const body: RatingSubmission = { hallId: deps.hallId, subject, level, ratedAt };
        // Ratings carry no personal data; each gets its own lane so one refusal blocks nothing else.
        outbox.enqueue('rating', ratingId, `rating-${ratingId}`, body);
        return { ratingId };
      })();
    },
    listForResident(idNumber, reader) {
      const subjectIndex = sealer.blindIndex(idNumber);
      try {
        const rows = sql.list.all(subjectIndex) as CaseSummary[];
        audit.record({
          ...reader,
          subjectIndex,
          action: 'list-cases',
          result: `ok:${rows.length}`,
        });
        return rows;
      } catch (error) {
        audit.record({ ...reader, subjectIndex, action: 'list-cases', result: 'error' });
        throw error;
      }
    },
    recordStatus(platformCaseNumber, status) {
      sql.status.run(status, iso(), platformCaseNumber);
    },
    receiptPrinted(receiptNumber) {
      sql.receiptPrinted.run(receiptNumber);
    },
    purge(days) {
      const cutoffMs = deps.now() - days * 86_400_000;
      const cutoff = new Date(cutoffMs).toISOString();
      const auditCutoff = new Date(
        deps.now() - Math.max(days, audit.minimumDays) * 86_400_000,
      ).toISOString();
      const result = db.transaction(() => {
        const old = sql.oldCases.all(cutoff) as { id: number; outboxId: number }[];
        let outboxRows = 0;
        for (const { id, outboxId } of old) {
          outboxRows += sql.deleteCaseOutbox.run(outboxId).changes;
          sql.deleteCase.run(id);
        }
        outboxRows += sql.deleteRatings.run(cutoffMs).changes;
        return {
          cases: old.length,
          outbox: outboxRows,
          audit: sql.deleteAudit.run(auditCutoff).changes,
        };
      })();
      outbox.recount();
      // Copy every page back into the database and empty the WAL, so old frames go too.
      db.pragma('wal_checkpoint(TRUNCATE)');
      return result;
    },
  };
}
