/**
 * Request signing (HMAC-SM3), shared by the client and the simulator so both read the same
 * canonical form. Pure: no I/O.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedParts {
  method: string;
  /** The path with its query, exactly as sent. */
  path: string;
  timestamp: string;
  nonce: string;
  body: string | Buffer;
  idempotencyKey?: string;
}

export const SIGNATURE_HEADERS = {
  keyId: 'x-hall-key-id',
  timestamp: 'x-hall-timestamp',
  nonce: 'x-hall-nonce',
  signature: 'x-hall-signature',
} as const;

export function bodyDigest(body: string | Buffer): string {
  return createHash('sm3').update(body).digest('hex');
}

export function canonical(parts: SignedParts): string {
  return [
    parts.method.toUpperCase(),
    parts.path,
    parts.timestamp,
    parts.nonce,
    bodyDigest(parts.body),
    parts.idempotencyKey ?? '',
  ].join('\n');
}

export function sign(secret: string, parts: SignedParts): string {
  return createHmac('sm3', secret).update(canonical(parts)).digest('hex');
}

export function verify(secret: string, parts: SignedParts, signature: string): boolean {
  const expected = Buffer.from(sign(secret, parts), 'hex');
  const given = Buffer.from(/^[0-9a-f]+$/i.test(signature) ? signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
