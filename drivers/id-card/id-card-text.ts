/**
 * The read reply's data: textLen(2) photoLen(2) | 256 B text | photo. The text is UTF-16LE in
 * fixed fields padded with spaces (devices.md §1). The photo is WLT-compressed, needs the
 * vendor's decoder, and is never kept: it is skipped here, never copied. Pure.
 */
import { calendarDate } from '../../common/identity/id-number.js';
import {
  buildIdentity,
  fault,
  type IdentityOutcome,
  type RawIdentity,
} from '../../common/identity/identity.js';
import { nationName } from '../../common/identity/nation.js';

export const TEXT_LEN = 256;
export const PHOTO_LEN = 1024;

/** Field widths in bytes, in card order. */
export const fields = [
  ['name', 30],
  ['sex', 2],
  ['nation', 4],
  ['birth', 16],
  ['address', 70],
  ['idNumber', 36],
  ['issuer', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['reserved', 36],
] as const;
export type FieldName = (typeof fields)[number][0];

const badCard = (zh: string, en: string): IdentityOutcome =>
  fault('invalid-card', {
    'zh-CN': `身份证数据有误：${zh}`,
    en: `The ID card's data is not valid: ${en}`,
  });

/** Splits the 256-byte text into its fields, trailing spaces and NULs removed. */
export function splitText(text: Buffer): Record<FieldName, string> {
  const out = {} as Record<FieldName, string>;
  let at = 0;
  for (const [name, width] of fields) {
    // eslint-disable-next-line no-control-regex -- NUL padding is what is being removed
    out[name] = text.toString('utf16le', at, at + width).replace(/[\u0020\u0000]+$/u, '');
    at += width;
  }
  return out;
}

/** Control characters or a lone surrogate mean the bytes are not text. */
const notText =
  // eslint-disable-next-line no-control-regex -- control bytes are exactly what is looked for
  /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/** Decodes the read reply's data into an identity, or says why it cannot. */
export function identityFromReadData(data: Buffer, now: Date = new Date()): IdentityOutcome {
  if (data.length < 4) return badCard('回复过短', 'the reply is too short');
  const textLen = data.readUInt16BE(0);
  const photoLen = data.readUInt16BE(2);
  if (textLen !== TEXT_LEN || photoLen > PHOTO_LEN) {
    return badCard(
      `文字/照片长度 ${textLen}/${photoLen} 不符`,
      `text/photo lengths ${textLen}/${photoLen} are wrong`,
    );
  }
  if (data.length < 4 + textLen + photoLen) return badCard('回复被截断', 'the reply was cut short');
  const f = splitText(data.subarray(4, 4 + TEXT_LEN));
  for (const key of [
    'name',
    'sex',
    'nation',
    'birth',
    'address',
    'idNumber',
    'issuer',
    'validFrom',
    'validTo',
  ] as const) {
    if (notText.test(f[key]))
      return badCard(`字段 ${key} 含非法字符`, `field ${key} holds bytes that are not text`);
  }
  if (f.name === '') return badCard('姓名为空', 'the name is empty');
  const nation = /^\d{2}$/.test(f.nation) ? nationName(Number(f.nation)) : null;
  if (!nation)
    return badCard(`无法识别的民族代码“${f.nation}”`, `unknown nation code "${f.nation}"`);
  const birthDate = calendarDate(f.birth);
  if (!birthDate) return badCard('出生日期无效', 'the birth date is not a real date');
  const validFrom = calendarDate(f.validFrom);
  const validTo = f.validTo === '长期' ? 'long-term' : calendarDate(f.validTo);
  if (!validFrom || !validTo) return badCard('有效期无效', 'the validity dates are not real dates');
  const raw: RawIdentity = {
    idNumber: f.idNumber,
    name: f.name,
    sex: f.sex,
    nation,
    birthDate,
    address: f.address || undefined,
    issuer: f.issuer || undefined,
    validFrom,
    validTo,
  };
  return buildIdentity(raw, 'id-card', now);
}

/** The text block for a card (emulators, demo, tests): each field padded with spaces. */
export function encodeText(values: Partial<Record<FieldName, string>>): Buffer {
  const parts = fields.map(([name, width]) => {
    const b = Buffer.alloc(width, 0);
    for (let i = 0; i < width; i += 2) b.writeUInt16LE(0x20, i);
    Buffer.from(values[name] ?? '', 'utf16le').copy(b, 0, 0, width);
    return b;
  });
  return Buffer.concat(parts);
}

/** The read reply's data (text + a blank photo) for emulators and tests. */
export function encodeReadData(values: Partial<Record<FieldName, string>>): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(TEXT_LEN, 0);
  head.writeUInt16BE(PHOTO_LEN, 2);
  return Buffer.concat([head, encodeText(values), Buffer.alloc(PHOTO_LEN)]);
}
