/**
 * The social-security card's SSSE application over ISO 7816 APDUs (devices.md §3), and the
 * contactless UID of a staff badge. The card is reached through a `transmit` function, so this
 * file holds the protocol and no PC/SC: 61xx → GET RESPONSE, 6Cxx → resend with the right Le,
 * READ RECORD by short file id, tag|length|value records, GBK names, BCD dates.
 */
import iconv from 'iconv-lite';
import { calendarDate } from '../../common/identity/id-number.js';
import { buildIdentity, fault, type IdentityOutcome } from '../../common/identity/identity.js';
import { nationName } from '../../common/identity/nation.js';

export type Transmit = (apdu: Buffer) => Promise<Buffer>;

/** "sx1.sh.社会保障" in GBK. */
export const SSSE_AID = Buffer.from('7378312E73682EC9E7BBE1B1A3D5CF', 'hex');
export const GET_UID = Buffer.from([0xff, 0xca, 0x00, 0x00, 0x00]);

export interface RecordRef {
  file: 'EF05' | 'EF06';
  record: number;
}
export type SsseField =
  'issueDate' | 'expiry' | 'cardNumber' | 'idNumber' | 'name' | 'sex' | 'nation' | 'birthDate';
export type RecordMap = Record<SsseField, RecordRef>;
/** Per spec version, the fields whose record differs from the default. */
export type RecordMapOverrides = Record<string, Partial<Record<string, RecordRef>>>;

/** In the published spec each data item's record number equals its tag. */
export const defaultRecordMap: RecordMap = {
  issueDate: { file: 'EF05', record: 0x05 },
  expiry: { file: 'EF05', record: 0x06 },
  cardNumber: { file: 'EF05', record: 0x07 },
  idNumber: { file: 'EF06', record: 0x08 },
  name: { file: 'EF06', record: 0x09 },
  sex: { file: 'EF06', record: 0x0a },
  nation: { file: 'EF06', record: 0x0b },
  birthDate: { file: 'EF06', record: 0x0d },
};
const VERSION_REF: RecordRef = { file: 'EF05', record: 0x03 };
const sfi = { EF05: 5, EF06: 6 } as const;

export interface Apdu {
  data: Buffer;
  sw: number;
}

/** Sends one command, following 61xx (more data waiting) and 6Cxx (wrong Le) as 7816-4 says. */
export async function exchange(transmit: Transmit, apdu: Buffer): Promise<Apdu> {
  let res = await transmit(apdu);
  let sw = swOf(res);
  if (sw >> 8 === 0x6c && apdu.length >= 5) {
    const again = Buffer.from(apdu);
    again.writeUInt8(sw & 0xff, again.length - 1);
    res = await transmit(again);
    sw = swOf(res);
  }
  let data = res.subarray(0, -2);
  for (let guard = 0; sw >> 8 === 0x61 && guard < 16; guard++) {
    const more = await transmit(Buffer.from([0x00, 0xc0, 0x00, 0x00, sw & 0xff]));
    data = Buffer.concat([data, more.subarray(0, -2)]);
    sw = swOf(more);
  }
  return { data, sw };
}

function swOf(res: Buffer): number {
  return res.length >= 2 ? res.readUInt16BE(res.length - 2) : 0x6f00;
}

export const selectApdu = (aid: Buffer): Buffer =>
  Buffer.concat([Buffer.from([0x00, 0xa4, 0x04, 0x00, aid.length]), aid]);

export const readRecordApdu = (ref: RecordRef): Buffer =>
  Buffer.from([0x00, 0xb2, ref.record, (sfi[ref.file] << 3) | 0x04, 0x00]);

/** A record's value: tag | length | value; null if the tag or length does not fit. */
export function tlvValue(record: Buffer, tag: number): Buffer | null {
  if (record.length < 2 || record[0] !== tag) return null;
  const len = record[1]!;
  if (record.length < 2 + len) return null;
  return record.subarray(2, 2 + len);
}

/** 4 BCD bytes YYYYMMDD → YYYY-MM-DD, or null. */
export function bcdDate(value: Buffer): string | null {
  const digits = value.toString('hex');
  return /^\d{8}$/.test(digits) ? calendarDate(digits) : null;
}

/** A GBK string padded with spaces or zeros. */
export function gbkText(value: Buffer): string {
  // eslint-disable-next-line no-control-regex -- NUL padding is what is being removed
  return iconv.decode(value, 'gbk').replace(/[\u0000\u0020]+$/u, '');
}

const locked = (): IdentityOutcome =>
  fault(
    'locked-card',
    {
      'zh-CN': '此社保卡需要密码或 PSAM 才能读取个人信息',
      en: 'This social-security card needs a PIN or a PSAM before it shows personal data',
    },
    { 'zh-CN': '请改用身份证，或手动输入身份证号', en: 'Use the ID card, or type the ID number' },
  );

const unreadable = (zh: string, en: string): IdentityOutcome =>
  fault('unreadable', {
    'zh-CN': `社保卡读取失败：${zh}`,
    en: `Reading the social-security card failed: ${en}`,
  });

const isSecuritySw = (sw: number): boolean =>
  sw === 0x6982 || sw === 0x6983 || sw === 0x6985 || sw >> 4 === 0x63c || sw === 0x6300;

/** Reads the SSSE application into an identity (or a clear refusal). */
export async function readSocialSecurityCard(
  transmit: Transmit,
  overrides: RecordMapOverrides = {},
  now: Date = new Date(),
): Promise<IdentityOutcome> {
  const sel = await exchange(transmit, selectApdu(SSSE_AID));
  if (sel.sw !== 0x9000) {
    return unreadable(
      '这不是社保卡（找不到社会保障应用）',
      'this is not a social-security card (no SSSE application)',
    );
  }
  const read = async (ref: RecordRef, tag: number): Promise<Buffer | 'locked' | null> => {
    const r = await exchange(transmit, readRecordApdu(ref));
    if (isSecuritySw(r.sw)) return 'locked';
    if (r.sw !== 0x9000) return null;
    return tlvValue(r.data, tag);
  };
  const version = await read(VERSION_REF, 0x03);
  const versionText = version && version !== 'locked' ? version.toString('latin1').trim() : '';
  const map: RecordMap = { ...defaultRecordMap, ...(overrides[versionText] as Partial<RecordMap>) };
  const tags: Record<SsseField, number> = {
    issueDate: 0x05,
    expiry: 0x06,
    cardNumber: 0x07,
    idNumber: 0x08,
    name: 0x09,
    sex: 0x0a,
    nation: 0x0b,
    birthDate: 0x0d,
  };
  const values = {} as Record<SsseField, Buffer | null>;
  for (const field of Object.keys(tags) as SsseField[]) {
    const v = await read(map[field], tags[field]);
    if (v === 'locked') return locked();
    values[field] = v;
  }
  if (!values.idNumber)
    return unreadable('缺少社会保障号码', 'the social security number is missing');
  const nationCode = values.nation?.toString('hex');
  const nation = nationCode && /^\d{2}$/.test(nationCode) ? nationName(Number(nationCode)) : null;
  if (values.nation && !nation) {
    return fault('invalid-card', {
      'zh-CN': `社保卡民族代码“${nationCode}”无法识别`,
      en: `Unknown nation code "${nationCode}" on the card`,
    });
  }
  const expiry = values.expiry ? bcdDate(values.expiry) : null;
  const birthDate = values.birthDate ? bcdDate(values.birthDate) : undefined;
  if (birthDate === null)
    return fault('invalid-card', {
      'zh-CN': '社保卡出生日期无效',
      en: "The card's birth date is not a real date",
    });
  return buildIdentity(
    {
      idNumber: values.idNumber.toString('latin1').trim(),
      name: values.name ? gbkText(values.name) : undefined,
      sex: values.sex?.toString('latin1'),
      nation: nation ?? undefined,
      birthDate,
      validFrom: (values.issueDate && bcdDate(values.issueDate)) || undefined,
      validTo: expiry ?? undefined,
      cardNumber: values.cardNumber?.toString('latin1').trim() || undefined,
    },
    'social-security-card',
    now,
  );
}

/** A contactless badge's UID as upper-case hex, or null when the reader gives none. */
export async function readBadgeUid(transmit: Transmit): Promise<string | null> {
  const r = await exchange(transmit, GET_UID);
  return r.sw === 0x9000 && r.data.length >= 4 ? r.data.toString('hex').toUpperCase() : null;
}
