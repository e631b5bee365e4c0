/**
 * The printing calls' shapes, kept beside the contract so contract.ts only lists
 * the calls. Standalone (no import from contract.ts) so the two modules have no cycle.
 */
import type { CallSpec } from './access.js';
import { z } from 'zod';
import { Text } from '../text.js';

export const PrinterState = z.enum([
  'online',
  'paperNearEnd',
  'offline',
  'coverOpen',
  'paperOut',
  'cutterError',
  'unreachable',
]);

/** What one print came to. ok only once the printer confirmed it after the job. */
export const PrintOutcome = z.discriminatedUnion('ok', [
  z
    .object({
      ok: z.literal(true),
      jobId: z.number().int(),
      /** The ticket or case id the job was for. */
      ref: z.string().nullable(),
      simulated: z.boolean(),
      /** Demo mode: the paper as a PNG data URL, shown instead of printing. */
      preview: z.string().optional(),
    })
    .strict(),
  z
    .object({
      ok: z.literal(false),
      jobId: z.number().int(),
      ref: z.string().nullable(),
      state: PrinterState,
      /** before: nothing was sent; send/after: paper may be part-printed. */
      stage: z.enum(['before', 'send', 'after']),
      reason: Text,
      /** What the resident (or staff) should do now. */
      action: Text,
    })
    .strict(),
]);
export type PrintOutcome = z.infer<typeof PrintOutcome>;

export const PrinterStatusView = z
  .object({
    state: PrinterState,
    message: Text,
    adapter: z.string(),
    simulated: z.boolean(),
    /** Each status bit that is set, in words (technician). */
    bits: z.array(z.string()),
    detail: z.string().optional(),
    checkedAt: z.string(),
  })
  .strict();
export type PrinterStatusView = z.infer<typeof PrinterStatusView>;

export const PrintJobRow = z
  .object({
    id: z.number().int(),
    kind: z.enum(['ticket', 'receipt', 'test']),
    ref: z.string().nullable(),
    outcome: z.enum(['pending', 'printed', 'failed', 'previewed']),
    stage: z.string().nullable(),
    state: z.string().nullable(),
    reprintOf: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .strict();

export const printingCalls = {
  'printer.status': {
    // Every screen in the hall shows whether the printer can serve.
    access: 'display',
    request: z.object({}).strict(),
    response: PrinterStatusView,
  },
  'printer.testPrint': {
    access: 'technician',
    request: z.object({}).strict(),
    response: PrintOutcome,
  },
  'printer.preview': {
    access: 'technician',
    request: z
      .object({
        sample: z.enum(['ticket', 'receipt', 'test']),
        language: z.enum(['zh-CN', 'en']).default('zh-CN'),
      })
      .strict(),
    response: z.object({ svg: z.string(), png: z.string() }).strict(),
  },
  'printer.reprint': {
    // Staff reprint a resident's ticket at the counter; they and the technician see the spool.
    access: 'service',
    request: z.object({ jobId: z.number().int().positive() }).strict(),
    response: PrintOutcome,
  },
  'printer.jobs': {
    access: 'service',
    request: z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
    response: z.array(PrintJobRow),
  },
} as const satisfies Record<string, CallSpec>;
