/**
 * 取号 on a member kiosk: the hall node numbers, this kiosk prints. queue.reserve on the hall
 * node → print on this kiosk's own printer → queue.confirmPrint on the hall node, with the
 * hall's rule for a failed print (refused before sending → the number is freed; failed after
 * sending → the number is retired for the day).
 *
 * The confirmation is durable: a note is written right after the reservation (as "maybe
 * printed", which retires the number if this kiosk stops mid-print), replaced by the real
 * outcome after printing, and removed once the hall node has it. Notes left over (link down,
 * kiosk restarted) are sent again when the link is back; see docs/queue.md, Member machines.
 */
import type { Request } from '../../common/contract/contract.js';
import type { CheckInResult, IssuedTicket } from '../../common/contract/queue.js';
import { noTicket, type SlipOutcome, type TicketPrinter } from '../queue/printer.js';
import { ContractError } from '../../common/contract/errors.js';
import type { HallCall } from './hall-node-client.js';
import type { PendingConfirm, PendingConfirms } from './pending-confirms.js';

export interface MemberIssueDeps {
  call: HallCall;
  /** This kiosk's own printer, for the hall node's numbers. */
  slips: TicketPrinter;
  pending: PendingConfirms;
  /** Tickets being printed right now: their notes are not for the retry loop to send. */
  printing: Set<number>;
  demo: boolean;
  warn(obj: object, msg: string): void;
}

type IssueParams = { serviceId: string; birthDate?: string; appointmentAt?: string };

export async function memberIssue(
  deps: MemberIssueDeps,
  params: IssueParams,
  credential: string | null,
): Promise<IssuedTicket> {
  const reserved = await deps.call('queue.reserve', params, credential);
  return printReserved(deps, reserved, params.appointmentAt, credential);
}

/**
 * 预约签到 on a member kiosk: the hall node checks the appointment and reserves its ticket;
 * this kiosk prints and confirms as for 取号. A failed print voids the ticket on the hall node,
 * which then frees the appointment for another try.
 */
export async function memberCheckIn(
  deps: MemberIssueDeps,
  params: Request<'queue.checkIn'>,
  credential: string | null,
): Promise<CheckInResult> {
  const result = await deps.call('queue.checkIn', { ...params, reserveOnly: true }, credential);
  if (!result.ok) return result;
  const ticket = await printReserved(deps, result.ticket, result.appointment.slotStart, credential);
  return { ...result, ticket };
}

async function printReserved(
  deps: MemberIssueDeps,
  reserved: IssuedTicket,
  appointmentAt: string | undefined,
  credential: string | null,
): Promise<IssuedTicket> {
  const { checkCode, ...receipt } = reserved;
  const note = (printed: boolean, reason?: string, mayHavePrinted?: boolean): PendingConfirm => ({
    ticketId: receipt.ticketId,
    number: receipt.number,
    printed,
    ...(reason ? { reason: reason.slice(0, 120) } : {}),
    ...(mayHavePrinted ? { mayHavePrinted } : {}),
    at: new Date().toISOString(),
  });
  // Until the outcome is known, a restart must treat the slip as maybe printed.
  deps.printing.add(receipt.ticketId);
  let outcome: SlipOutcome;
  try {
    deps.pending.add(note(false, 'kiosk stopped while printing', true));
    outcome = await deps.slips.printTicket({
      ticketId: receipt.ticketId,
      number: receipt.number,
      service: receipt.service,
      issuedAt: receipt.issuedAt,
      ahead: receipt.ahead,
      ...(appointmentAt ? { appointmentAt } : {}),
      ...(checkCode ? { checkCode } : {}),
    });
  } finally {
    deps.printing.delete(receipt.ticketId);
  }
  if (!outcome.ok) {
    await sendOutcome(deps, note(false, outcome.reason.en, outcome.mayHavePrinted), credential);
    throw noTicket(outcome.reason);
  }
  // Straight to the hall node; the note is rewritten only if that fails (one fsync saved on
  // every ticket; a crash in the few ms between is covered by the "maybe printed" note).
  const confirmed = await sendOutcome(deps, note(true), credential);
  // The demo has no paper: the kiosk shows the slip instead. Never outside demo mode.
  const preview = deps.demo ? outcome.preview : undefined;
  return {
    ...receipt,
    state: confirmed ? 'waiting' : 'reserved',
    ...(preview ? { preview } : {}),
  };
}

/** The print's outcome to the hall node now; kept as the note instead if it cannot be sent. */
async function sendOutcome(
  deps: MemberIssueDeps,
  outcome: PendingConfirm,
  credential: string | null,
): Promise<boolean> {
  const sent = await sendConfirm(deps, outcome, credential);
  if (sent === 'retry') deps.pending.add(outcome);
  return sent === 'sent';
}

/**
 * Sends one confirmation. sent: the hall node has it (note removed). retry: the hall node
 * could not be reached (the note stays for the next try). refused: the hall node said no (the
 * reservation already expired or was settled; retrying cannot change it): note removed.
 */
export async function sendConfirm(
  deps: Pick<MemberIssueDeps, 'call' | 'pending' | 'warn'>,
  note: PendingConfirm,
  credential: string | null,
): Promise<'sent' | 'retry' | 'refused'> {
  try {
    await deps.call(
      'queue.confirmPrint',
      {
        ticketId: note.ticketId,
        printed: note.printed,
        ...(note.reason ? { reason: note.reason } : {}),
        ...(note.mayHavePrinted ? { mayHavePrinted: true } : {}),
      },
      credential,
    );
    deps.pending.remove(note.ticketId);
    return 'sent';
  } catch (error) {
    if (error instanceof ContractError && retryable(error)) return 'retry';
    deps.warn(
      { ticketId: note.ticketId, number: note.number, printed: note.printed, err: error },
      'hall node refused a ticket confirmation; dropped',
    );
    deps.pending.remove(note.ticketId);
    return 'refused';
  }
}

const retryable = (e: ContractError): boolean =>
  e.body.code === 'UNAVAILABLE' || e.body.code === 'RATE_LIMITED' || e.body.code === 'INTERNAL';

/**
 * Sends the notes left over (link down, kiosk restarted), oldest first, one sweep at a time;
 * a sweep stops at the first note that must wait. A ticket still printing is skipped: its own
 * 取号 sends its note when the print ends.
 */
export function confirmFlusher(
  deps: Pick<MemberIssueDeps, 'call' | 'pending' | 'printing' | 'warn'>,
  credential: string | null,
): () => Promise<void> {
  let flushing = false;
  return async () => {
    if (flushing) return;
    flushing = true;
    try {
      for (const note of [...deps.pending.list]) {
        if (deps.printing.has(note.ticketId)) continue;
        if ((await sendConfirm(deps, note, credential)) === 'retry') return;
      }
    } finally {
      flushing = false;
    }
  };
}
