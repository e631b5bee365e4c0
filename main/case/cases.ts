/**
 * Cases and ratings at this hall: written with their outbox row in one transaction, personal
 * fields sealed, every read of a resident's cases audited, and purged after the retention.
 */
import type { Db } from '../store/store.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Audit } from '../privacy/audit.js';
import type { Sealer } from '../privacy/sealer.js';
import type { RatingSubmission } from '../../common/platform/schemas.js';
import { localParts } from '../../common/local-time.js';
import { caseStatements } from './case-sql.js';
import { purgeCases } from './purge.js';
import { checkedSubmission, submitCase, type NewCase } from './submit.js';
import type { FieldIssue } from './text-rules.js';

export type { NewCase };

export class CaseInputError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message.en}`).join('; '));
    this.name = 'CaseInputError';
  }
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

export interface CaseServiceDeps {
  db: Db;
  sealer: Sealer;
  outbox: Outbox;
  audit: Audit;
  hallId: string;
  /** The hall's timezone: a receipt number carries the hall's date, not UTC's. */
  timeZone: string;
  now: () => number;
}

export function createCaseService(deps: CaseServiceDeps): CaseService {
  const { db, sealer, outbox, audit } = deps;
  // Deleted rows are overwritten with zeros, not just unlinked (purge must leave no bytes).
  db.pragma('secure_delete = ON');
  const sql = caseStatements(db);
  const iso = () => new Date(deps.now()).toISOString();
  const stamp = () => {
    const ms = deps.now();
    return { at: new Date(ms).toISOString(), hallDate: localParts(ms, deps.timeZone).date };
  };
  const submitTx = db.transaction((input: NewCase, form: Record<string, unknown>) =>
    submitCase({ ...deps, sql }, input, form, stamp()),
  );

  return {
    submit(input) {
      const checked = checkedSubmission(input);
      if (!checked.ok) throw new CaseInputError(checked.issues);
      return submitTx(checked.input, checked.form);
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
    purge: (days) => purgeCases({ db, sql, outbox, audit, now: deps.now }, days),
  };
}
