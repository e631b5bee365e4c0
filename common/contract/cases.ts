/**
 * The contract's shapes for cases, the outbox, the catalog and ratings, kept apart
 * from contract.ts so the shared file only gains its call list. Nothing here that goes on the
 * event bus carries personal data: every LAN client receives bus events.
 */
import type { CallSpec } from './access.js';
import { z } from 'zod';
import { Text } from '../text.js';
import { freeText } from './free-text.js';

// The same shape as contract.ts's Text (not imported: contract.ts imports this file).

export const FormFieldView = z
  .object({
    name: z.string(),
    title: z.string(),
    type: z.enum(['string', 'integer', 'number', 'boolean']),
    required: z.boolean(),
    /** numeric: the kiosk offers its on-screen keypad; text goes through the system IME. */
    input: z.enum(['keypad', 'text', 'choice', 'toggle']),
    maxLength: z.number().int().optional(),
    options: z.array(z.string()).optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
  })
  .strict();
export type FormFieldView = z.infer<typeof FormFieldView>;

export const ServiceGuideView = z
  .object({
    id: z.string(),
    name: Text,
    materials: z.array(Text),
    timeLimitDays: z.number().int(),
    counters: z.array(z.string()),
    guide: Text,
    /** null when the catalog's form schema is invalid: the guide still shows, the form does not. */
    form: z.array(FormFieldView).nullable(),
    formProblem: z.optional(Text),
  })
  .strict();
export type ServiceGuideView = z.infer<typeof ServiceGuideView>;

export const CatalogView = z
  .object({
    available: z.boolean(),
    version: z.string().nullable(),
    fetchedAt: z.string().nullable(),
    /** Seconds since it was fetched; with `stale` true the kiosk shows the age. */
    ageSeconds: z.number().int().nullable(),
    stale: z.boolean(),
    services: z.array(ServiceGuideView),
  })
  .strict();
export type CatalogView = z.infer<typeof CatalogView>;

const FormValue = z.union([z.string().max(2000), z.number(), z.boolean()]);

export const CaseSubmitRequest = z
  .object({
    serviceId: z.string().min(1).max(64),
    applicant: z.object({ idNumber: z.string().max(18), name: z.string().max(80) }).strict(),
    answers: z.record(z.string().max(40), FormValue),
    /** The resident confirmed the review and consent screens. */
    consent: z.boolean(),
  })
  .strict();

export const FieldProblem = z.object({ path: z.string(), message: Text }).strict();

export const CaseSubmitResponse = z.discriminatedUnion('ok', [
  z
    .object({
      ok: z.literal(true),
      receiptNumber: z.string(),
      printed: z.boolean(),
      printProblem: z.optional(Text),
    })
    .strict(),
  z.object({ ok: z.literal(false), problems: z.array(FieldProblem) }).strict(),
]);

export const CaseState = z.enum(['pending', 'delivered', 'parked', 'discarded']);

export const CaseSummaryView = z
  .object({
    receiptNumber: z.string(),
    serviceId: z.string(),
    serviceName: z.nullable(Text),
    createdAt: z.string(),
    state: CaseState,
    platformCaseNumber: z.string().nullable(),
    platformStatus: z.string().nullable(),
    statusCheckedAt: z.string().nullable(),
  })
  .strict();

export const CaseListResponse = z
  .object({
    live: z.boolean(),
    /** When the statuses were last confirmed with the platform (oldest of the list). */
    checkedAt: z.string().nullable(),
    ageSeconds: z.number().int().nullable(),
    cases: z.array(CaseSummaryView),
  })
  .strict();

export const ReceiptView = z
  .object({
    receiptNumber: z.string(),
    state: CaseState,
    platformCaseNumber: z.string().nullable(),
  })
  .strict();

export const RatingRequest = z
  .object({
    subject: z.object({ kind: z.enum(['case', 'ticket']), ref: freeText({ max: 40 }) }).strict(),
    level: z.number().int().min(1).max(5),
  })
  .strict();

export const OutboxStatusView = z
  .object({
    pending: z.number().int(),
    delivered: z.number().int(),
    parked: z.number().int(),
    discarded: z.number().int(),
    inFlight: z.number().int(),
    oldestPendingAt: z.number().nullable(),
    online: z.boolean().nullable(),
    lastError: z.object({ code: z.string(), at: z.number() }).strict().nullable(),
    deliveredThisRun: z.number().int(),
    openAlerts: z.number().int(),
    platform: z.enum(['configured', 'simulator', 'not-configured', 'setup-error']),
  })
  .strict();
export type OutboxStatusView = z.infer<typeof OutboxStatusView>;

export const DeadLetterView = z
  .object({
    id: z.number().int(),
    kind: z.enum(['case', 'rating']),
    receiptNumber: z.string().nullable(),
    serviceId: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.number(),
  })
  .strict();
export type DeadLetterView = z.infer<typeof DeadLetterView>;

export const OutboxAlert = z
  .object({ code: z.string().max(64), at: z.string(), message: Text })
  .strict();

// A receipt printed again (with the platform case number, or 补打), and the
// background status refresh's event.
export const ReceiptPrintRequest = z
  .object({
    receiptNumber: z.string().min(1).max(40),
    /** The identified resident: a kiosk prints only that resident's own receipts. */
    idNumber: z.string().max(18),
    /**
     * with-case-number: on the submit screen, once the platform case number has arrived;
     * reprint: 补打 from 办件查询. Either way the print is audited, and the paper is marked 补打
     * when an earlier paper of the receipt did print.
     */
    why: z.enum(['with-case-number', 'reprint']),
  })
  .strict();

export const ReceiptPrintResponse = z
  .object({
    printed: z.boolean(),
    receiptNumber: z.string(),
    platformCaseNumber: z.string().nullable(),
    /** Why nothing (or not all) came out, and what to do. */
    printProblem: z.optional(Text),
    /** Demo mode only (no paper): the slip as a PNG data URL. */
    preview: z.string().optional(),
  })
  .strict();

/** Some cases' platform status changed (background refresh). A count only: no case, no resident. */
export const CasesChanged = z
  .object({ changed: z.number().int().nonnegative(), at: z.string() })
  .strict();

const noParams = z.object({}).strict();
const byId = z.object({ id: z.number().int().positive() }).strict();

export const caseCalls = {
  'catalog.list': {
    // The catalog is public information: every screen may show the guide.
    access: 'anyone',
    request: noParams,
    response: CatalogView,
  },
  'cases.submit': {
    // A resident's cases, submissions and ratings: only from a kiosk.
    access: 'kiosk',
    request: CaseSubmitRequest,
    response: CaseSubmitResponse,
  },
  'cases.mine': {
    access: 'kiosk',
    request: z.object({ idNumber: z.string().max(18) }).strict(),
    response: CaseListResponse,
  },
  'cases.receipt': {
    access: 'kiosk',
    request: z.object({ receiptNumber: z.string().min(1).max(40) }).strict(),
    /** null: no such receipt at this hall (or it was purged). */
    response: ReceiptView.nullable(),
  },
  'ratings.submit': {
    access: 'kiosk',
    request: RatingRequest,
    response: z.object({ ok: z.literal(true) }).strict(),
  },
  'outbox.status': {
    // Counts only: kiosks, staff and technicians watch the drain.
    access: 'display',
    request: noParams,
    response: OutboxStatusView,
  },
  'outbox.deadLetters': {
    // Parked cases and what to do with them: the hall manager decides.
    access: 'oversight',
    request: noParams,
    response: z.array(DeadLetterView),
  },
  'outbox.retry': {
    access: 'manager',
    request: byId,
    response: z.object({ ok: z.boolean() }).strict(),
  },
  'outbox.discard': {
    access: 'manager',
    request: byId,
    response: z.object({ ok: z.boolean() }).strict(),
  },
  'cases.printReceipt': {
    access: 'kiosk',
    request: ReceiptPrintRequest,
    response: ReceiptPrintResponse,
  },
} as const satisfies Record<string, CallSpec>;

export const caseEvents = {
  'outbox.changed': OutboxStatusView,
  'outbox.alert': OutboxAlert,
  'cases.changed': CasesChanged,
} as const;
