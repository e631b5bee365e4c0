/**
 * The ticket printer seam. The queue asks for a ticket to be printed and waits for the
 * printer's confirmation; only a confirmed print makes the ticket wait in the queue (a ticket
 * that did not print must not hold a number). The core plugs its print service in here
 * (ticket-printing.ts); tests plug in a stand-in.
 */
import type { Text } from '../../common/contract/contract.js';
import { ContractError } from '../../common/contract/errors.js';

/** What a ticket's slip shows, and nothing else: the one ticket shape across the print seam. */
export interface TicketPrint {
  ticketId: number;
  number: string;
  service: Text;
  issuedAt: string;
  /** People ahead in the same service when it was issued. */
  ahead: number;
  /** A checked-in appointment's slot start (ISO); the slip is marked 预约. */
  appointmentAt?: string;
  /**
   * The slip's check code when the hall node made it (a member prints a hall node's number);
   * without one the printer signs it under this hall's own key.
   */
  checkCode?: string;
}

/** How a slip's print ended, as the queue needs to know it. */
export type SlipOutcome =
  /** preview: a simulated printer's paper as a PNG data URL (the demo shows it on screen). */
  | { ok: true; preview?: string }
  /** mayHavePrinted: the job reached the printer, so part of a slip may exist. */
  | { ok: false; reason: Text; mayHavePrinted: boolean };

export interface TicketPrinter {
  /** Never throws: a printer that does not answer is an outcome too. */
  printTicket(ticket: TicketPrint): Promise<SlipOutcome>;
}

/** Prints nothing; keeps what it was asked to print, and can be told to fail (paper out). */
export class SimulatedTicketPrinter implements TicketPrinter {
  readonly printed: TicketPrint[] = [];
  failNext: Text | null = null;

  printTicket(ticket: TicketPrint): Promise<SlipOutcome> {
    if (this.failNext) {
      const reason = this.failNext;
      this.failNext = null;
      return Promise.resolve({ ok: false, reason, mayHavePrinted: false });
    }
    this.printed.push(ticket);
    if (this.printed.length > 100) this.printed.shift();
    return Promise.resolve({ ok: true });
  }
}

/** A ticket whose slip did not print: no number is kept, and the resident is told why. */
export function noTicket(reason: Text): ContractError {
  return new ContractError(
    'CONFLICT',
    { 'zh-CN': `取号失败：${reason['zh-CN']}`, en: `No ticket: ${reason.en}` },
    {
      action: {
        'zh-CN': '号码未保留，请联系工作人员',
        en: 'No number was kept — please ask staff',
      },
      // Older counters and kiosks tell a print failure from the other conflicts by this issue.
      issues: [{ path: 'queue', message: 'PRINT_FAILED' }],
    },
  );
}
