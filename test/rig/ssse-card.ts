// Virtual cards for the pcscd + vpcd rig: a social-security card with the SSSE application
// (devices.md §3) and a contactless staff badge. They answer like the real ones, including the
// awkward parts: SELECT answers 61xx (GET RESPONSE needed), one record answers 6Cxx (resend
// with the right Le), and a PIN-gated issuer's card refuses EF06 with 6982.
import iconv from 'iconv-lite';
import { SSSE_AID } from '../../drivers/pcsc/ssse.js';

export interface SsseCardData {
  version?: string;
  cardNumber: string;
  issueDate: string; // YYYYMMDD
  expiry: string; // YYYYMMDD
  idNumber: string;
  name: string;
  sex: '1' | '2';
  nation: string; // two digits, BCD on the card
  birthDate: string; // YYYYMMDD
}

export const SSSE_ATR = Buffer.from('3B6C00000000000000000000000000', 'hex').subarray(0, 15);
export const BADGE_ATR = Buffer.from('3B8F8001804F0CA0000003060300010000000006A', 'hex').subarray(
  0,
  20,
);

const tlv = (tag: number, value: Buffer): Buffer =>
  Buffer.concat([Buffer.from([tag, value.length]), value]);
const bcd = (digits: string): Buffer => Buffer.from(digits, 'hex');
const ok = (data: Buffer = Buffer.alloc(0)): Buffer =>
  Buffer.concat([data, Buffer.from([0x90, 0x00])]);
const sw = (v: number): Buffer => Buffer.from([v >> 8, v & 0xff]);

export function ssseCard(
  card: SsseCardData,
  opts: { pinLocked?: boolean; recordShift?: number } = {},
): (apdu: Buffer) => Buffer {
  const name = Buffer.alloc(30, 0x20);
  iconv.encode(card.name, 'gbk').copy(name);
  const records: Record<string, Buffer> = {
    '5:3': tlv(0x03, Buffer.from(card.version ?? '3.00', 'latin1')),
    '5:5': tlv(0x05, bcd(card.issueDate)),
    '5:6': tlv(0x06, bcd(card.expiry)),
    '5:7': tlv(0x07, Buffer.from(card.cardNumber, 'latin1')),
    '6:8': tlv(0x08, Buffer.from(card.idNumber, 'latin1')),
    '6:9': tlv(0x09, name),
    '6:10': tlv(0x0a, Buffer.from(card.sex, 'latin1')),
    '6:11': tlv(0x0b, bcd(card.nation)),
    '6:13': tlv(0x0d, bcd(card.birthDate)),
  };
  const fci = Buffer.from('6F0A840873782E31', 'hex');
  let selected = false;
  let pendingResponse: Buffer | undefined;
  return (apdu) => {
    const [cla, ins, p1, p2] = apdu;
    if (cla === 0x00 && ins === 0xa4 && p1 === 0x04) {
      const aid = apdu.subarray(5, 5 + apdu[4]!);
      if (!aid.equals(SSSE_AID)) return sw(0x6a82);
      selected = true;
      pendingResponse = fci;
      return sw(0x6100 | fci.length);
    }
    if (ins === 0xc0 && pendingResponse) {
      const r = pendingResponse;
      pendingResponse = undefined;
      return ok(r);
    }
    if (ins === 0xb2 && selected) {
      const file = p2! >> 3;
      const rec = p1! - (file === 6 ? (opts.recordShift ?? 0) : 0);
      if (file === 6 && opts.pinLocked) return sw(0x6982);
      const r = records[`${file}:${rec}`];
      if (!r) return sw(0x6a83);
      const le = apdu[4]!;
      // The name record insists on its exact length, as some cards do.
      if (file === 6 && rec === 9 && le !== r.length) return sw(0x6c00 | r.length);
      return ok(r);
    }
    return sw(0x6d00);
  };
}

export function badgeCard(uid: Buffer): (apdu: Buffer) => Buffer {
  return (apdu) => (apdu.equals(Buffer.from('FFCA000000', 'hex')) ? ok(uid) : sw(0x6a82));
}
