/**
 * The queue's tickets printed through the core's PrintService (status check, send and
 * confirmation). The QR on the slip carries the ticket id and a check code,
 * an HMAC under this hall's own key, so a counter can tell a real slip from a made-up one.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { PrintService } from '../print/service.js';
import type { Text } from '../../common/contract/contract.js';
import type { TicketPrint, TicketPrinter } from './printer.js';

const keyName = 'ticket.checkKey';

/** The hall's check-code key: made once, kept in the local database's meta table. */
export function ticketCheckKey(db: Database): Buffer {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(keyName) as
    { value: string } | undefined;
  if (row) return Buffer.from(row.value, 'hex');
  const key = randomBytes(32);
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(
    keyName,
    key.toString('hex'),
  );
  return ticketCheckKey(db);
}

/** Eight hex characters: enough that guessing one at a counter is hopeless. */
export function ticketCheckCode(
  key: Buffer,
  ticketId: number,
  number: string,
  issuedAt: string,
): string {
  return createHmac('sha256', key)
    .update(`${ticketId}|${number}|${issuedAt}`)
    .digest('hex')
    .slice(0, 8);
}

const silent: Text = { 'zh-CN': '打印机无响应', en: 'The printer did not answer' };

/**
 * Tickets through the print service. `key` signs the slips this hall numbers; a member, which
 * prints the hall node's numbers, passes none and prints the code the hall node gave.
 */
export function printServiceTicketPrinter(print: PrintService, key: Buffer | null): TicketPrinter {
  const codeOf = (t: TicketPrint): string =>
    t.checkCode ?? (key ? ticketCheckCode(key, t.ticketId, t.number, t.issuedAt) : NO_CODE);
  return {
    async printTicket(ticket) {
      try {
        const outcome = await print.printTicket({
          ticketId: String(ticket.ticketId),
          checkCode: codeOf(ticket),
          number: ticket.number,
          service: ticket.service,
          peopleAhead: ticket.ahead,
          issuedAt: ticket.issuedAt,
          ...(ticket.appointmentAt ? { appointmentAt: ticket.appointmentAt } : {}),
        });
        if (outcome.ok)
          return outcome.preview ? { ok: true, preview: outcome.preview } : { ok: true };
        // Nothing was sent before a failed status check; after that, part of a slip may exist.
        return { ok: false, reason: outcome.reason, mayHavePrinted: outcome.stage !== 'before' };
      } catch {
        return { ok: false, reason: silent, mayHavePrinted: true };
      }
    },
  };
}

/**
 * A hall node without a check key (an older one) gives none: the slip's QR then fails the
 * counter's check, which says so; the number itself is still right.
 */
const NO_CODE = '00000000';
