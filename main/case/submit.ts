/**
 * A case submission: checked whole (every problem said at once, nothing stored on any), then
 * written with its outbox row in one transaction, the personal part sealed once.
 */
import type { Outbox } from '../outbox/outbox.js';
import type { Sealer } from '../privacy/sealer.js';
import { personalWhere, type CaseEnvelope } from './case-body.js';
import type { CaseStatements } from './case-sql.js';
import { checkAnswers, type FormSchema } from './form-schema.js';
import { checkName, validIdNumber, type FieldIssue } from './text-rules.js';

export interface NewCase {
  applicant: { idNumber: string; name: string };
  serviceId: string;
  form: FormSchema;
  answers: Record<string, unknown>;
  /** The resident confirmed the review screen and the consent text. Nothing is sent without it. */
  consent: boolean;
}

type Checked =
  { ok: true; input: NewCase; form: Record<string, unknown> } | { ok: false; issues: FieldIssue[] };

export function checkedSubmission(input: NewCase): Checked {
  const issues: FieldIssue[] = [];
  if (!input.consent) {
    issues.push({
      path: 'consent',
      message: { 'zh-CN': '请先阅读并同意授权说明', en: 'read and accept the consent text first' },
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
  if (issues.length || !answers.ok) return { ok: false, issues };
  const applicant = {
    idNumber: input.applicant.idNumber,
    name: input.applicant.name.normalize('NFC'),
  };
  return { ok: true, input: { ...input, applicant }, form: answers.form };
}

export interface SubmitDeps {
  sql: CaseStatements;
  sealer: Sealer;
  outbox: Outbox;
  hallId: string;
}

/** Runs inside the caller's transaction. */
export function submitCase(
  deps: SubmitDeps,
  input: NewCase,
  form: Record<string, unknown>,
  stamp: { at: string; hallDate: string },
) {
  const createdAt = stamp.at;
  const { sql, sealer } = deps;
  const lane = sealer.blindIndex(input.applicant.idNumber);
  // One writer (this process, inside this transaction): the next id is known, so the
  // receipt number is built from it and the row is written once.
  const caseId = (sql.nextId.get() as { id: number }).id;
  const receiptNumber = receiptNumberFor(stamp.hallDate, caseId);
  const envelope: CaseEnvelope = {
    hallId: deps.hallId,
    receiptNumber,
    serviceId: input.serviceId,
    submittedAt: createdAt,
  };
  const { id: outboxId } = deps.outbox.enqueue('case', caseId, lane, envelope);
  // The personal part is sealed once, here; the outbox row keeps the rest in plain text
  // and the drainer joins the two into the request body when it sends (case-body.ts).
  const personal = { applicant: input.applicant, form };
  const sealed = sealer.seal(JSON.stringify(personal), personalWhere(receiptNumber));
  sql.insertCase.run(caseId, receiptNumber, input.serviceId, lane, sealed, createdAt, outboxId);
  return { caseId, receiptNumber, outboxId, createdAt };
}

/** R + the hall's date (YYMMDD) + the case id: the date a resident reads on the slip. */
export function receiptNumberFor(hallDate: string, caseId: number): string {
  return `R${hallDate.slice(2).replaceAll('-', '')}${String(caseId).padStart(6, '0')}`;
}
