import { describe, expect, it } from 'vitest';
import { randomPool } from './random-pool.js';
import { createSealer } from './sealer.js';

describe('randomPool', () => {
  it('gives values of the asked size, all different, across refills of the pool', () => {
    const next = randomPool(12);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const value = next();
      expect(value.length).toBe(12);
      seen.add(value.toString('hex'));
    }
    expect(seen.size).toBe(2000);
  });

  it('hands out copies: a value does not change when the pool refills', () => {
    const next = randomPool(4);
    const first = next();
    const kept = Buffer.from(first);
    for (let i = 0; i < 1100; i++) next();
    expect(first.equals(kept)).toBe(true);
  });
});

describe('sealer with pooled IVs', () => {
  it('seals the same text differently every time, and each opens only at its place', () => {
    const sealer = createSealer(Buffer.alloc(32, 9));
    const a = sealer.seal('张三 110105199001010011', 'hall_case.applicant:R1');
    const b = sealer.seal('张三 110105199001010011', 'hall_case.applicant:R1');
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(sealer.open(a, 'hall_case.applicant:R1')).toBe('张三 110105199001010011');
    expect(() => sealer.open(a, 'hall_case.applicant:R2')).toThrow();
    const tampered = Buffer.from(b);
    tampered[20] = tampered[20]! ^ 1;
    expect(() => sealer.open(tampered, 'hall_case.applicant:R1')).toThrow();
  });
});
