/**
 * Personal fields at rest: AES-256-GCM per column value, and an HMAC blind index so a
 * resident's cases can be found by ID number without storing it. Pure crypto, no I/O.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

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
  const encKey = derive('hall-kiosk column encryption v1');
  const indexKey = derive('hall-kiosk blind index v1');
  return {
    seal(plain, where) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      cipher.setAAD(Buffer.from(where));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), iv, body, cipher.getAuthTag()]);
    },
    open(sealed, where) {
      if (sealed.length < 29 || sealed[0] !== VERSION)
        throw new Error(`unreadable sealed value at ${where}`);
      const decipher = createDecipheriv('aes-256-gcm', encKey, sealed.subarray(1, 13));
      decipher.setAAD(Buffer.from(where));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([
        decipher.update(sealed.subarray(13, sealed.length - 16)),
        decipher.final(),
      ]).toString('utf8');
    },
    blindIndex(value) {
      return createHmac('sha256', indexKey)
        .update(value.normalize('NFC').toUpperCase())
        .digest('hex')
        .slice(0, 32);
    },
  };
}
