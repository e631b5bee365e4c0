/**
 * The platform's replies as zod schemas, the same shapes as platform/openapi.yaml. Every reply
 * is parsed with these: a reply that breaks the contract is an error, never data.
 */
import { z } from 'zod';
import { Text } from '../text.js';

/** The platform's messages have the kiosk's own two-language shape. */
export const PlatformText = Text;

export const Problem = z
  .object({ code: z.string().max(64), message: z.string().max(500) })
  .strict();
export type Problem = z.infer<typeof Problem>;

export const CaseStatusCode = z.enum([
  'received',
  'accepted',
  'in-progress',
  'completed',
  'rejected',
]);
export type CaseStatusCode = z.infer<typeof CaseStatusCode>;

export const CaseAck = z
  .object({
    caseNumber: z.string().regex(/^[A-Z0-9-]{6,40}$/),
    status: CaseStatusCode,
    receivedAt: z.iso.datetime(),
    replayed: z.boolean(),
  })
  .strict();
export type CaseAck = z.infer<typeof CaseAck>;

export const CaseStatus = z
  .object({
    caseNumber: z.string().max(40),
    receiptNumber: z.string().max(40).optional(),
    serviceId: z.string().max(64),
    status: CaseStatusCode,
    updatedAt: z.iso.datetime(),
    trace: z.array(
      z
        .object({ at: z.iso.datetime(), status: CaseStatusCode, office: z.string().max(80) })
        .strict(),
    ),
  })
  .strict();
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CaseList = z.object({ cases: z.array(CaseStatus).max(500) }).strict();

export const RatingAck = z.object({ ratingId: z.string().max(64), replayed: z.boolean() }).strict();
export type RatingAck = z.infer<typeof RatingAck>;

export const Service = z
  .object({
    id: z.string().min(1).max(64),
    name: PlatformText,
    materials: z.array(PlatformText).max(50),
    // Checked separately (catalog/form-schema.ts): an invalid form refuses that service only.
    form: z.record(z.string(), z.unknown()),
    timeLimitDays: z.number().int().min(0).max(3650),
    counters: z.array(z.string().max(20)).max(50),
    guide: PlatformText,
  })
  .strict();
export type Service = z.infer<typeof Service>;

export const Catalog = z
  .object({ version: z.string().max(64), services: z.array(Service).max(500) })
  .strict();
export type Catalog = z.infer<typeof Catalog>;

export const Health = z.object({ status: z.literal('ok'), time: z.iso.datetime() }).strict();

export const Applicant = z
  .object({ idNumber: z.string().regex(/^[0-9]{17}[0-9X]$/), name: z.string().min(1).max(40) })
  .strict();

export const CaseSubmission = z
  .object({
    hallId: z.string().max(40),
    receiptNumber: z.string().max(40),
    serviceId: z.string().max(64),
    applicant: Applicant,
    form: z.record(z.string(), z.unknown()),
    submittedAt: z.iso.datetime(),
  })
  .strict();
export type CaseSubmission = z.infer<typeof CaseSubmission>;

export const RatingSubmission = z
  .object({
    hallId: z.string().max(40),
    subject: z.object({ kind: z.enum(['case', 'ticket']), ref: z.string().max(40) }).strict(),
    level: z.number().int().min(1).max(5),
    comment: z.string().max(200).optional(),
    ratedAt: z.iso.datetime(),
  })
  .strict();
export type RatingSubmission = z.infer<typeof RatingSubmission>;

export const AppointmentState = z.enum(['booked', 'cancelled']);

/** One appointment (预约) as the platform lists it; `resident` is personal data. */
export const PlatformAppointment = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
    serviceId: z.string().min(1).max(64),
    slotStart: z.iso.datetime({ offset: true }),
    slotEnd: z.iso.datetime({ offset: true }),
    resident: Applicant,
    state: AppointmentState,
  })
  .strict();
export type PlatformAppointment = z.infer<typeof PlatformAppointment>;

export const AppointmentList = z
  .object({
    hallId: z.string().max(40),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    appointments: z.array(PlatformAppointment).max(5000),
  })
  .strict();
export type AppointmentList = z.infer<typeof AppointmentList>;
