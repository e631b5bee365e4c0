/**
 * What the outbox is told about the payloads the cases module enqueues. A case's row holds its
 * envelope only; the personal part, sealed once in hall_case, is joined to it when it is sent
 * (case-body.ts). A rating is sent as stored, and keeps the platform's id once delivered.
 * Parked cases show their receipt number and service in the dead-letter list.
 */
import type { PayloadKind } from '../outbox/outbox.js';
import type { Sealer } from '../privacy/sealer.js';
import type { Db } from '../store/store.js';
import { caseBody, personalWhere } from './case-body.js';

type PersonalRow = [id: number, personalEnc: Buffer | null, receiptNumber: string | null];

export function caseOutboxKinds(db: Db, sealer: Sealer): Record<'case' | 'rating', PayloadKind> {
  const ids = (list: readonly number[]) => JSON.stringify(list);
  const personal = db
    .prepare(
      'SELECT id, personal_enc, receipt_number FROM hall_case WHERE id IN (SELECT value FROM json_each(?))',
    )
    .raw(true);
  const details = db.prepare(
    `SELECT id, receipt_number AS receiptNumber, service_id AS serviceId FROM hall_case
      WHERE id IN (SELECT value FROM json_each(?))`,
  );
  const ratingIds = db.prepare(
    'UPDATE rating SET platform_rating_id = j.value ->> 1 FROM json_each(?) AS j WHERE rating.id = j.value ->> 0',
  );

  const caseKind: PayloadKind = {
    // Stored in plain text: a case's personal part belongs sealed in hall_case, not here.
    check(body) {
      if ('applicant' in body || 'form' in body)
        throw new Error('outbox.enqueue: a case body with its personal part (pass the envelope)');
    },
    complete(rows) {
      const found = new Map(
        (personal.all(ids(rows.map((r) => r.refId))) as PersonalRow[]).map((p) => [p[0], p]),
      );
      return rows.map((row) => {
        const [, personalEnc, receiptNumber] = found.get(row.refId) ?? [row.refId, null, null];
        if (!personalEnc || !receiptNumber)
          return new Error(`outbox row ${row.id}: its case's personal data is missing`);
        try {
          return caseBody(row.payload, sealer.open(personalEnc, personalWhere(receiptNumber)));
        } catch (error) {
          return error as Error;
        }
      });
    },
    describe(refIds) {
      const rows = details.all(ids(refIds)) as {
        id: number;
        receiptNumber: string;
        serviceId: string;
      }[];
      return new Map(rows.map(({ id, ...d }) => [id, d]));
    },
  };

  const ratingKind: PayloadKind = {
    delivered(rows) {
      ratingIds.run(JSON.stringify(rows.map((r) => [r.refId, r.result])));
    },
  };

  return { case: caseKind, rating: ratingKind };
}
