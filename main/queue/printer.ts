/**
 * The ticket printer seam. The queue asks for a ticket to be printed and waits for the
 * printer's confirmation; only a confirmed print makes the ticket wait in the queue (a ticket
 * that did not print must not hold a number). The core plugs its print service in here
 * (ticket-printing.ts); tests plug in a stand-in.
 */
import type { Text } from '../../common/contract/contract.js';

export interface TicketPrint {
  ticketId: number;
  number: string;
  service: Text;
  hallName: Text;
  issuedAt: string;
  ahead: number;
  estimatedWaitMinutes: number;
  priority: boolean;
  /** A checked-in appointment's slot start (ISO); the slip is marked 预约. */
  appointmentAt?: string;
}

export type PrintOutcome =
  /** preview: a simulated printer's paper as a PNG data URL (the demo shows it on screen). */
  | { ok: true; preview?: string }
  /** mayHavePrinted: the job reached the printer, so part of a slip may exist. */
  | { ok: false; reason: Text; mayHavePrinted: boolean };

export interface TicketPrinter {
  printTicket(ticket: TicketPrint): Promise<PrintOutcome>;
}

/** Prints nothing; keeps what it was asked to print, and can be told to fail (paper out). */
export class SimulatedTicketPrinter implements TicketPrinter {
  readonly printed: TicketPrint[] = [];
  failNext: Text | null = null;

  printTicket(ticket: TicketPrint): Promise<PrintOutcome> {
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
