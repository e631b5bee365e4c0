/**
 * A counter checks a scanned ticket QR: `T|ticketId|checkCode`. The code is an HMAC under
 * this hall's key over the ticket's id, number and issue time (ticket-printing.ts), so a slip
 * that was made up (or copied with a changed number) does not match. Ticket ids restart every
 * day, so a slip from another day is told apart by checking it against that day's tickets.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Text } from '../../common/contract/contract.js';
import type { TicketState } from './types.js';
import { ticketCheckCode } from './ticket-printing.js';

export interface IssuedTicket {
  day: string;
  number: string;
  issuedAt: string;
  /** Only for today's tickets. */
  state: TicketState | null;
}

export interface TicketCheck {
  verdict: 'valid' | 'forged' | 'otherDay' | 'malformed';
  number: string | null;
  day: string | null;
  state: TicketState | null;
  message: Text;
}

const payloadShape = /^T\|(\d{1,7})\|([0-9a-f]{8})$/;

const sameCode = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * today: the ticket with that id issued today, if any; earlier: those issued on other days
 * (newest first). No I/O here: the caller looks them up.
 */
export function checkTicket(
  payload: string,
  key: Buffer,
  today: IssuedTicket | undefined,
  earlier: (ticketId: number) => IssuedTicket[],
): TicketCheck {
  const m = payloadShape.exec(payload.trim());
  if (!m) {
    return {
      verdict: 'malformed',
      number: null,
      day: null,
      state: null,
      message: {
        'zh-CN': '这不是本厅号票的二维码',
        en: 'This is not a queue ticket QR code of this hall',
      },
    };
  }
  const ticketId = Number(m[1]);
  const code = m[2]!;
  const matches = (t: IssuedTicket) =>
    sameCode(ticketCheckCode(key, ticketId, t.number, t.issuedAt), code);
  if (today && matches(today)) {
    return {
      verdict: 'valid',
      number: today.number,
      day: today.day,
      state: today.state,
      message: { 'zh-CN': `真票：今日 ${today.number}`, en: `Genuine: today's ${today.number}` },
    };
  }
  const old = earlier(ticketId).find(matches);
  if (old) {
    return {
      verdict: 'otherDay',
      number: old.number,
      day: old.day,
      state: null,
      message: {
        'zh-CN': `不是今天的号票（${old.day} 的 ${old.number}）`,
        en: `Not today's ticket (${old.number} of ${old.day})`,
      },
    };
  }
  return {
    verdict: 'forged',
    number: null,
    day: null,
    state: null,
    message: {
      'zh-CN': '校验码不符：不是本厅出的号票',
      en: 'The check code does not match: this hall did not issue this ticket',
    },
  };
}
