/**
 * The frames every transport carries, and the typed error inside them: a call, its result, an
 * event. One definition, parsed by every peer that reads a frame — the core's transports, the
 * member's link to the hall node, the page and the tests. Written with zod/mini so the page
 * checks what it receives without bundling the whole contract; the contract re-exports these.
 */
import * as z from 'zod/mini';
import { Text } from '../text.js';

/** Stable codes a UI can branch on; the message says what happened and what to do. */
export const ErrorCode = z.enum([
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'TOO_LARGE',
  'FORBIDDEN',
  /** The call was understood and allowed, but a rule of the hall says no. */
  'CONFLICT',
  /** Too many calls from this client in too short a time. */
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
  /** A page or path the LAN server does not have (never a call's answer). */
  'NOT_FOUND',
  /** The disk under the data folder is full: nothing was written; it clears by itself. */
  'DISK_FULL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const Issue = z.strictObject({
  /** Where in the payload, dotted (e.g. `params.nonce`). */
  path: z.string(),
  message: z.string(),
  expected: z.optional(z.string()),
  found: z.optional(z.string()),
});
export type Issue = z.infer<typeof Issue>;

export const ContractErrorBody = z.strictObject({
  code: ErrorCode,
  message: Text,
  /** What the person should do next. */
  action: z.optional(Text),
  issues: z.optional(z.array(Issue)),
});
export type ContractErrorBody = z.infer<typeof ContractErrorBody>;

/** A call, from any client: its id comes back on the result. */
export const CallFrame = z.strictObject({
  t: z.literal('call'),
  id: z.int().check(z.nonnegative()),
  method: z.string().check(z.maxLength(64)),
  params: z.unknown(),
});
export type CallFrame = z.infer<typeof CallFrame>;

/**
 * The answer to one call as every transport carries it (the body of `POST /api/<method>`, the
 * rest of a result frame): a result, or a typed error.
 */
const okEnvelope = { ok: z.literal(true), result: z.unknown() };
const errorEnvelope = { ok: z.literal(false), error: ContractErrorBody };
export const EnvelopeFrame = z.union([z.strictObject(okEnvelope), z.strictObject(errorEnvelope)]);
export type EnvelopeFrame = z.infer<typeof EnvelopeFrame>;

/** A result's id is null only when the call it answers could not be read at all. */
const resultId = {
  t: z.literal('result'),
  id: z.nullable(z.int().check(z.nonnegative())),
};
export const ResultFrame = z.union([
  z.strictObject({ ...resultId, ...okEnvelope }),
  z.strictObject({ ...resultId, ...errorEnvelope }),
]);
export type ResultFrame = z.infer<typeof ResultFrame>;

export const EventFrame = z.strictObject({
  t: z.literal('event'),
  event: z.string().check(z.maxLength(64)),
  data: z.unknown(),
});
export type EventFrame = z.infer<typeof EventFrame>;

/** A frame from the core: a call's result, or an event. */
export const ServerFrame = z.union([ResultFrame, EventFrame]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** A frame's text (or an already-decoded value), checked; null for anything not the contract's. */
export function parseServerFrame(raw: unknown): ServerFrame | null {
  const parsed = ServerFrame.safeParse(typeof raw === 'string' ? decode(raw) : raw);
  return parsed.success ? parsed.data : null;
}

function decode(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
