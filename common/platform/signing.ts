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

export function canonical(parts: SignedParts, digest = bodyDigest(parts.body)): string {
  return [
    parts.method.toUpperCase(),
    parts.path,
    parts.timestamp,
    parts.nonce,
    digest,
    parts.idempotencyKey ?? '',
  ].join('\n');
}

export function sign(secret: string, parts: SignedParts): string {
  return createHmac('sm3', secret).update(canonical(parts)).digest('hex');
}

const SM3_BLOCK = 64;

/**
 * sign() for one secret, made once: the same HMAC-SM3 (RFC 2104) from SM3 states prepared for
 * the secret's inner and outer pads and for the body digest, each copied per request. Node 20's
 * createHash/createHmac look the digest up in OpenSSL on every call, which costs more than the
 * hashing of a small body. The client signs with this; the simulator checks with verify(), which
 * uses OpenSSL's own HMAC, so every test that talks to it compares the two.
 */
export function createSigner(secret: string): (parts: SignedParts) => string {
  let key = Buffer.from(secret, 'utf8');
  if (key.length > SM3_BLOCK) key = createHash('sm3').update(key).digest();
  const pad = (byte: number) => {
    const block = Buffer.alloc(SM3_BLOCK, byte);
    for (let i = 0; i < key.length; i++) block[i]! ^= key[i]!;
    return block;
  };
  const inner = createHash('sm3').update(pad(0x36));
  const outer = createHash('sm3').update(pad(0x5c));
  const empty = createHash('sm3');
  return (parts) => {
    const text = canonical(parts, empty.copy().update(parts.body).digest('hex'));
    return outer.copy().update(inner.copy().update(text).digest()).digest('hex');
  };
}

export function verify(secret: string, parts: SignedParts, signature: string): boolean {
  const expected = Buffer.from(sign(secret, parts), 'hex');
  const given = Buffer.from(/^[0-9a-f]+$/i.test(signature) ? signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
