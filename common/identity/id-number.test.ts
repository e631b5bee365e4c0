import { describe, expect, it } from 'vitest';
import { ageOn, checkChar, checkIdNumber, liveIdNumberFault } from './id-number.js';
import { nationName } from './nation.js';

const today = new Date('2026-11-28T05:00:00Z');
/** A valid number for a birth date and sequence, built with the check character. */
const make = (area: string, birth: string, seq: string): string =>
  area + birth + seq + checkChar(area + birth + seq);

describe('GB 11643 check', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['440524188001010014', '1880-01-01', 'male'],
    [make('110105', '20000229', '001'), '2000-02-29', 'male'],
  ])('accepts %s', (id, birthDate, sex) => {
    expect(checkIdNumber(id, today)).toEqual({ ok: true, idNumber: id, birthDate, sex });
  });

  it('upper-cases a trailing lower-case x (the standard letter is X)', () => {
    const r = checkIdNumber('11010519491231002x', today);
    expect(r).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
  });

  it.each([
    ['', 'empty', '请输入身份证号'],
    ['110105491231002', 'legacy15', '15 位'],
    ['1101051949123100', 'length', '18 位'],
    ['1101051949123100299', 'length', '18 位'],
    ['11010519491231002Y', 'characters', '只能包含数字'],
    ['1101051949X231002X', 'characters', '只能包含数字'],
    ['11010519491231002 ', 'characters', '只能包含数字'],
    ['110105194912310021', 'checksum', '校验位不正确'],
    ['440524188001010015', 'checksum', '校验位不正确'],
    [make('110105', '19990230', '001'), 'birthDate', '出生日期无效'],
    [make('110105', '19991301', '001'), 'birthDate', '出生日期无效'],
    [make('110105', '19990000', '001'), 'birthDate', '出生日期无效'],
    [make('110105', '17991231', '001'), 'birthDate', '出生日期无效'],
    [make('110105', '20010229', '001'), 'birthDate', '出生日期无效'],
    [make('110105', '20301201', '001'), 'futureBirth', '晚于今天'],
  ])('refuses %j as %s with a clear message', (id, fault, zh) => {
    const r = checkIdNumber(id, today);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fault).toBe(fault);
    expect(r.message['zh-CN']).toContain(zh);
    expect(r.message.en.length).toBeGreaterThan(10);
  });

  it('checks live while typing: birth date at 14, check character at 18', () => {
    expect(liveIdNumberFault('1101', today)).toBeNull();
    expect(liveIdNumberFault('11010519990230', today)?.ok).toBe(false);
    expect(liveIdNumberFault('1101051999023', today)).toBeNull();
    expect(liveIdNumberFault('11010519491231', today)).toBeNull();
    const wrong = liveIdNumberFault('110105194912310021', today);
    expect(wrong && !wrong.ok && wrong.message['zh-CN']).toContain('校验位不正确');
    expect(liveIdNumberFault('11010519491231002X', today)).toBeNull();
  });

  it('derives the age in whole years, the day before and on the birthday', () => {
    expect(ageOn('1949-12-31', today)).toBe(76);
    expect(ageOn('1966-11-28', today)).toBe(60);
    expect(ageOn('1966-11-29', today)).toBe(59);
    // 23:30 UTC on the 27th is already the 28th in the hall (UTC+8).
    expect(ageOn('1966-11-28', new Date('2026-11-27T23:30:00Z'))).toBe(60);
  });
});

describe('nation codes', () => {
  it('nation codes follow GB 3304 and refuse unknown codes', () => {
    expect(nationName(1)).toBe('汉');
    expect(nationName(56)).toBe('基诺');
    expect(nationName(5)).toBe('维吾尔');
    expect(nationName(97)).toBe('其他');
    expect(nationName(0)).toBeNull();
    expect(nationName(57)).toBeNull();
  });
});

describe('the contract enforces GB 11643 at every boundary', () => {
  it('refuses an identity whose number has a wrong check character', async () => {
    const { ResidentIdentity } = await import('../contract/contract.js');
    const base = { birthDate: '1949-12-31', source: 'manual', readAt: today.toISOString() };
    expect(ResidentIdentity.safeParse({ ...base, idNumber: '11010519491231002X' }).success).toBe(
      true,
    );
    const bad = ResidentIdentity.safeParse({ ...base, idNumber: '110105194912310021' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('GB 11643');
  });
});
