/**
 * A case's request body, split at rest (migration 0007): the personal part ({"applicant":…,
 * "form":…}) sealed once in hall_case.personal_enc, the rest (the envelope) plain in its outbox
 * row. The drainer joins them when it sends. Pure: no I/O.
 */
import type { Sealer } from '../privacy/sealer.js';
import type { CaseSubmission } from '../../common/platform/schemas.js';

/** What of a case body holds nothing personal. */
export type CaseEnvelope = Omit<CaseSubmission, 'applicant' | 'form'>;
export type CasePersonal = Pick<CaseSubmission, 'applicant' | 'form'>;

/** The sealed value's associated data: a value moved to another case does not open. */
export const personalWhere = (receiptNumber: string) => `hall_case.personal:${receiptNumber}`;

/**
 * The body sent: the envelope's fields, then the personal ones. Both texts are JSON objects
 * written by JSON.stringify, so joining them is text work (no parse per delivery) and gives
 * the same bytes on every try, which the platform's idempotency check compares.
 */
export function caseBody(envelopeJson: string, personalJson: string): string {
  if (
    !envelopeJson.startsWith('{"') ||
    !envelopeJson.endsWith('}') ||
    !personalJson.startsWith('{"')
  )
    throw new Error('a stored case body part is not a JSON object');
  return `${envelopeJson.slice(0, -1)},${personalJson.slice(1)}`;
}

/** A case row's sealed personal columns: one value from 0007 on, two before it. */
export interface SealedPersonal {
  receiptNumber: string;
  personalEnc: Buffer | null;
  applicantEnc: Buffer | null;
  formEnc: Buffer | null;
}

export function openPersonal(sealer: Sealer, row: SealedPersonal): CasePersonal {
  if (row.personalEnc) {
    return JSON.parse(sealer.open(row.personalEnc, personalWhere(row.receiptNumber)));
  }
  const where = (col: string) => `hall_case.${col}:${row.receiptNumber}`;
  return {
    applicant: JSON.parse(sealer.open(row.applicantEnc!, where('applicant'))),
    form: JSON.parse(sealer.open(row.formEnc!, where('form'))),
  };
}
