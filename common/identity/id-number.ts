/**
 * GB 11643 citizen ID numbers: checking, normalising, and what the number itself says
 * (birth date, sex). Pure and zod-free so the kiosk's keypad can check live as the resident
 * types, with the same rules the core applies to a card.
 */
import type { Text } from '../text.js';

export const ID_NUMBER_LENGTH = 18;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberFault =
  'empty' | 'legacy15' | 'length' | 'characters' | 'birthDate' | 'futureBirth' | 'checksum';

export type IdNumberCheck =
  | { ok: true; idNumber: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; fault: IdNumberFault; message: Text };

export const idNumberMessages: Record<IdNumberFault, Text> = {
  empty: { 'zh-CN': '请输入身份证号', en: 'Enter the ID number' },
  legacy15: {
    'zh-CN': '不支持 15 位旧身份证号，请使用 18 位号码',
    en: 'Old 15-digit ID numbers are not accepted: use the 18-character number',
  },
  length: {
    'zh-CN': '身份证号应为 18 位',
    en: 'An ID number has 18 characters',
  },
  characters: {
    'zh-CN': '身份证号只能包含数字，最后一位可以是 X',
    en: 'An ID number has only digits, and X as the last character',
  },
  birthDate: {
    'zh-CN': '出生日期无效，请核对第 7–14 位',
    en: 'The birth date (characters 7–14) is not a real date',
  },
  futureBirth: {
    'zh-CN': '出生日期晚于今天，请核对第 7–14 位',
    en: 'The birth date (characters 7–14) is in the future',
  },
  checksum: {
    'zh-CN': '校验位不正确，请核对号码',
    en: 'The check character is wrong: check the number',
  },
};

/** The check character for the first 17 digits. */
export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** YYYYMMDD → YYYY-MM-DD if it names a real calendar day from 1800 on (devices.md lists an 1880 number as valid), else null. */
export function calendarDate(yyyymmdd: string): string | null {
  if (!/^\d{8}$/.test(yyyymmdd)) return null;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1800 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** The birth date an 18-character number carries (characters 7–14), or null if none. */
export function birthDateOf(idNumber: string): string | null {
  return idNumber.length === ID_NUMBER_LENGTH ? calendarDate(idNumber.slice(6, 14)) : null;
}

function fail(fault: IdNumberFault): IdNumberCheck {
  return { ok: false, fault, message: idNumberMessages[fault] };
}

/**
 * Checks a complete ID number. A trailing lower-case x is upper-cased first: it is how the
 * number is often typed or stored, and the standard's check character is the same letter
 * (devices.md §2). Spaces are not removed: a number with spaces came from somewhere broken.
 */
export function checkIdNumber(raw: string, today: Date = new Date()): IdNumberCheck {
  if (raw.length === 0) return fail('empty');
  const value = raw.length === ID_NUMBER_LENGTH && raw.endsWith('x') ? raw.slice(0, 17) + 'X' : raw;
  if (/^\d{15}$/.test(value)) return fail('legacy15');
  if (value.length !== ID_NUMBER_LENGTH) return fail('length');
  if (!/^\d{17}[\dX]$/.test(value)) return fail('characters');
  const birthDate = calendarDate(value.slice(6, 14));
  if (!birthDate) return fail('birthDate');
  if (birthDate > isoDay(today)) return fail('futureBirth');
  if (checkChar(value) !== value[17]) return fail('checksum');
  const sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, idNumber: value, birthDate, sex };
}

/**
 * While typing: the first fault already certain from the characters so far, or null. The
 * birth date is judged once its 8 digits are in, the check character at 18.
 */
export function liveIdNumberFault(partial: string, today: Date = new Date()): IdNumberCheck | null {
  if (partial.length >= ID_NUMBER_LENGTH) {
    const result = checkIdNumber(partial, today);
    return result.ok ? null : result;
  }
  if (!/^\d*$/.test(partial)) return fail('characters');
  if (partial.length >= 14) {
    const birthDate = calendarDate(partial.slice(6, 14));
    if (!birthDate) return fail('birthDate');
    if (birthDate > isoDay(today)) return fail('futureBirth');
  }
  return null;
}

/** YYYY-MM-DD of a Date, in the hall's calendar (UTC+8: China has one time zone). */
export function isoDay(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whole years from birthDate (YYYY-MM-DD) to `today`: what the queue's priority rules use. */
export function ageOn(birthDate: string, today: Date = new Date()): number {
  return yearsOn(birthDate, isoDay(today));
}

/** Whole years from a birth date to a local date, both YYYY-MM-DD (the hall's calendar). */
export function yearsOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
