/**
 * Personal fields at rest: AES-256-GCM per column value, and an HMAC blind index so a
 * resident's cases can be found by ID number without storing it. Pure crypto, no I/O.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
} from 'node:crypto';
import { randomPool } from './random-pool.js';

const VERSION = 1;

export interface Sealer {
  /** `where` (table.column:rowRef) is bound as associated data: a value moved to another row fails. */
  seal(plain: string, where: string): Buffer;
  open(sealed: Buffer, where: string): string;
  /** Deterministic, keyed: equal ID numbers give equal indexes; the index reveals nothing. */
  blindIndex(value: string): string;
}

export function createSealer(masterKey: Buffer): Sealer {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  // KeyObjects made once: a raw Buffer key is imported again on every cipher.
  const encKey = createSecretKey(derive('hall-kiosk column encryption v1'));
  const indexKey = createSecretKey(derive('hall-kiosk blind index v1'));
  const ivs = randomPool(12);
  return {
    seal(plain, where) {
      const iv = ivs();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      cipher.setAAD(Buffer.from(where));
      const body = cipher.update(plain, 'utf8');
      cipher.final(); // GCM is a stream mode: final() adds no bytes, it computes the tag
      // One allocation for version ‖ iv ‖ ciphertext ‖ tag (the layout is unchanged).
      const out = Buffer.allocUnsafe(1 + 12 + body.length + 16);
      out[0] = VERSION;
      iv.copy(out, 1);
      body.copy(out, 13);
      cipher.getAuthTag().copy(out, 13 + body.length);
      return out;
    },
    open(sealed, where) {
      if (sealed.length < 29 || sealed[0] !== VERSION)
        throw new Error(`unreadable sealed value at ${where}`);
      const decipher = createDecipheriv('aes-256-gcm', encKey, sealed.subarray(1, 13));
      decipher.setAAD(Buffer.from(where));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      const text = decipher.update(sealed.subarray(13, sealed.length - 16)).toString('utf8');
      decipher.final(); // throws when the tag does not match: nothing unauthenticated leaves
      return text;
    },
    blindIndex(value) {
      return createHmac('sha256', indexKey)
        .update(value.normalize('NFC').toUpperCase())
        .digest('hex')
        .slice(0, 32);
    },
  };
}
