/**
 * What a resident may type, checked before anything is stored or sent (pure). Each refusal
 * names the field and what to do, in both languages.
 */
import type { Text } from '../../common/contract/contract.js';
import { checkIdNumber } from '../../common/identity/id-number.js';

export interface FieldIssue {
  path: string;
  message: Text;
}

// Bidirectional controls can make "100" read as "001" on a clerk's screen; zero-width
// characters make two equal-looking names differ. Neither belongs in a form.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/u;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
const MARKUP = /[<>]/;
// Half of a UTF-16 pair on its own: no character at all, and the platform's UTF-8 has no form for it.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const NAME = /^[\p{Script=Han}A-Za-z·.\- ]{1,40}$/u;

export function checkText(path: string, value: string, maxLength: number): FieldIssue | null {
  const fail = (zh: string, en: string) => ({ path, message: { 'zh-CN': zh, en } });
  if (BIDI.test(value))
    return fail(
      '含有文字方向控制字符，请重新输入',
      'contains text-direction control characters; type it again',
    );
  if (ZERO_WIDTH.test(value))
    return fail('含有不可见字符，请重新输入', 'contains invisible characters; type it again');
  if (CONTROL.test(value))
    return fail('含有控制字符，请重新输入', 'contains control characters; type it again');
  if (MARKUP.test(value)) return fail('不能包含 < 或 > 符号', 'may not contain < or >');
  if (LONE_SURROGATE.test(value))
    return fail('含有无法识别的字符，请重新输入', 'contains a broken character; type it again');
  if ([...value].length > maxLength) {
    return fail(`不能超过 ${maxLength} 个字`, `must be at most ${maxLength} characters`);
  }
  return null;
}

export function checkName(path: string, value: string): FieldIssue | null {
  const basic = checkText(path, value, 40);
  if (basic) return basic;
  if (!NAME.test(value.normalize('NFC'))) {
    return {
      path,
      message: {
        'zh-CN': '姓名只能包含汉字、字母和间隔号（不能有表情符号）',
        en: 'a name may hold only Chinese characters, letters and the middle dot (no emoji)',
      },
    };
  }
  return null;
}

/** GB 11643, the one check (common/identity): a mistyped ID number is caught before it leaves. */
export function validIdNumber(id: string): boolean {
  const checked = checkIdNumber(id);
  return checked.ok && checked.idNumber === id;
}
