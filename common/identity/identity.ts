/**
 * Turning what a source read into the contract's ResidentIdentity, or refusing it with a
 * clear message. Every source (ID card, social-security card, keypad, demo reader) goes
 * through `buildIdentity`, so the same rules hold whichever way the resident came in, and a
 * refusal never leaves a partial identity behind. Pure.
 */
import type { IdentityFault, IdentitySource, ResidentIdentity } from '../contract/contract.js';
import { checkIdNumber, isoDay } from './id-number.js';
import type { Text } from '../text.js';

export type { IdentityFault };
export type IdentityFaultCode = IdentityFault['code'];

export type IdentityOutcome =
  { ok: true; identity: ResidentIdentity } | { ok: false; fault: IdentityFault };

/** What a source read, before any check. Strings as the card gave them (trimmed). */
export interface RawIdentity {
  idNumber: string;
  name?: string;
  sex?: string;
  /** Numeric GB 3304 code; resolved to a name by the caller's table. */
  nation?: string;
  /** YYYY-MM-DD as read (checked against the ID number). */
  birthDate?: string;
  address?: string;
  issuer?: string;
  validFrom?: string;
  /** YYYY-MM-DD or 'long-term'. */
  validTo?: string;
  /** Social-security card number. */
  cardNumber?: string;
}

export const tryAnotherWay: Text = {
  'zh-CN': '请重新放置证件，或点击“手动输入身份证号”',
  en: 'Place the card again, or tap "Type the ID number"',
};

export function fault(
  code: IdentityFaultCode,
  message: Text,
  action: Text = tryAnotherWay,
  detail?: string,
): IdentityOutcome {
  return { ok: false, fault: { code, message, action, ...(detail ? { detail } : {}) } };
}

const sexNames: Record<string, ResidentIdentity['sex']> = {
  '1': 'male',
  '2': 'female',
  '0': 'unknown',
  '9': 'unspecified',
};

/** Checks what a source read and builds the identity; any fault refuses the whole read. */
export function buildIdentity(
  raw: RawIdentity,
  source: IdentitySource,
  now: Date = new Date(),
): IdentityOutcome {
  const checked = checkIdNumber(raw.idNumber, now);
  if (!checked.ok) {
    const where: Text =
      source === 'manual'
        ? checked.message
        : {
            'zh-CN': `证件上的身份证号无效：${checked.message['zh-CN']}`,
            en: `The card's ID number is not valid: ${checked.message.en}`,
          };
    return fault('invalid-id', where);
  }
  if (raw.birthDate !== undefined && raw.birthDate !== checked.birthDate) {
    return fault('invalid-card', {
      'zh-CN': '证件上的出生日期与身份证号不一致',
      en: "The card's birth date does not match its ID number",
    });
  }
  if (source !== 'manual' && raw.name !== undefined && raw.name.trim() === '') {
    return fault('invalid-card', { 'zh-CN': '证件上的姓名为空', en: 'The card carries no name' });
  }
  const today = isoDay(now);
  if (raw.validTo && raw.validTo !== 'long-term' && raw.validTo < today) {
    return fault(
      'expired',
      {
        'zh-CN': `证件已过期（有效期至 ${raw.validTo}）`,
        en: `This card expired on ${raw.validTo}`,
      },
      {
        'zh-CN': '请使用有效证件，或到人工窗口办理',
        en: 'Use a valid card, or go to a staffed counter',
      },
    );
  }
  const identity: ResidentIdentity = {
    idNumber: checked.idNumber,
    birthDate: checked.birthDate,
    sex: (raw.sex !== undefined ? sexNames[raw.sex] : undefined) ?? checked.sex,
    source,
    readAt: now.toISOString(),
  };
  if (raw.name) identity.name = raw.name.trim();
  for (const key of [
    'nation',
    'address',
    'issuer',
    'validFrom',
    'validTo',
    'cardNumber',
  ] as const) {
    const value = raw[key];
    if (value) identity[key] = value;
  }
  return { ok: true, identity };
}
