/** Staff passwords (scrypt), badge UIDs, and random tokens kept only as their SHA-256. */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export function sha256hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Checks a password against `scrypt$N$r$p$salt$hash` (base64 salt and hash). */
export function verifyPassword(stored: string, password: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return Promise.resolve(false);
  const expected = Buffer.from(hash, 'base64');
  return new Promise((resolve) => {
    scrypt(
      password,
      Buffer.from(salt, 'base64'),
      expected.length,
      { N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * 1024 * 1024 },
      (error, derived) => resolve(!error && timingSafeEqual(derived, expected)),
    );
  });
}

export function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) => {
    scrypt(password, salt, 32, { N: 16384, r: 8, p: 1 }, (error, derived) =>
      error
        ? reject(error)
        : resolve(`scrypt$16384$8$1$${salt.toString('base64')}$${derived.toString('base64')}`),
    );
  });
}
