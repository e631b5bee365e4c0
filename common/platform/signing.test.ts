import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigner, sign, verify, type SignedParts } from './signing.js';

const parts = (body: string | Buffer, key?: string): SignedParts => ({
  method: 'post',
  path: '/hall/v1/cases',
  timestamp: '1764291723000',
  nonce: '0f1e2d3c4b5a69788796a5b4',
  body,
  idempotencyKey: key,
});

describe('createSigner', () => {
  it('gives what OpenSSL’s HMAC-SM3 gives, for secrets shorter than, equal to and longer than a block', () => {
    const secrets = [
      'k',
      'kit-signing-secret-0123456789',
      'x'.repeat(64),
      'y'.repeat(65),
      '密钥'.repeat(40),
    ];
    const bodies = [
      '',
      '{"a":1}',
      '{"name":"张三","note":"‮‍"}',
      randomBytes(1000),
      'z'.repeat(5000),
    ];
    for (const secret of secrets) {
      const signer = createSigner(secret);
      for (const body of bodies) {
        for (const key of [undefined, 'c0a8b2c4-1111-2222-3333-444455556666']) {
          // Twice with one signer: its prepared states are copied, never used up.
          expect(signer(parts(body, key))).toBe(sign(secret, parts(body, key)));
          expect(signer(parts(body, key))).toBe(sign(secret, parts(body, key)));
          expect(verify(secret, parts(body, key), signer(parts(body, key)))).toBe(true);
        }
      }
    }
  });

  it('changes with every signed part and with the secret', () => {
    const signer = createSigner('kit-signing-secret-0123456789');
    const base = signer(parts('{"a":1}', 'k1'));
    const changed: SignedParts[] = [
      { ...parts('{"a":1}', 'k1'), method: 'GET' },
      { ...parts('{"a":1}', 'k1'), path: '/hall/v1/ratings' },
      { ...parts('{"a":1}', 'k1'), timestamp: '1764291723001' },
      { ...parts('{"a":1}', 'k1'), nonce: '0f1e2d3c4b5a69788796a5b5' },
      parts('{"a":2}', 'k1'),
      parts('{"a":1}', 'k2'),
    ];
    for (const p of changed) expect(signer(p)).not.toBe(base);
    expect(createSigner('another-secret')(parts('{"a":1}', 'k1'))).not.toBe(base);
    expect(verify('another-secret', parts('{"a":1}', 'k1'), base)).toBe(false);
  });
});
