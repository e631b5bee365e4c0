/**
 * Issuing a ticket: reserve a number, print its slip through the ticket printer, then confirm
 * it — or void it, so a ticket that did not print holds no number. A kiosk that prints its
 * own slips does the three steps in its own calls; its reservation carries the slip's check
 * code, and only it may settle the ticket.
 */
import type { Text } from '../../common/contract/contract.js';
import type { IssuedTicket } from '../../common/contract/queue.js';
import { ContractError } from '../../common/contract/errors.js';
import type { Audit } from '../privacy/audit.js';
import type { QueueCommands } from './commands.js';
import { noTicket, type TicketPrinter } from './printer.js';
import { ticketCheckCode } from './ticket-printing.js';
import { issuedTicket } from './views.js';

/** What a kiosk asks for; `appointmentAt` only from 预约签到 (main/appointment). */
export interface TicketRequest {
  serviceId: string;
  birthDate?: string;
  appointmentAt?: string;
}

export interface TicketIssuingDeps {
  commands: QueueCommands;
  printer: TicketPrinter;
  /** A void is an accountable act: which kiosk's ticket, and its number. */
  audit: Audit;
  /** The hall's ticket check-code key (ticket-printing.ts), for slips a kiosk prints itself. */
  checkKey?: Buffer;
  /** Demo mode has no paper: the kiosk shows the slip's preview instead. */
  demo: boolean;
}

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

export class TicketIssuing {
  readonly #deps: TicketIssuingDeps;
  readonly #printVoided = new Set<(ticketId: number) => void>();

  constructor(deps: TicketIssuingDeps) {
    this.#deps = deps;
  }

  /** Reserve, print, confirm — or void, so a ticket that did not print holds no number. */
  async issue(p: TicketRequest, deviceId: string): Promise<IssuedTicket> {
    const { commands, printer } = this.#deps;
    const receipt = this.reserve(p, deviceId);
    const outcome = await printer.printTicket({
      ticketId: receipt.ticketId,
      number: receipt.number,
      service: receipt.service,
      issuedAt: receipt.issuedAt,
      ahead: receipt.ahead,
      ...(p.appointmentAt ? { appointmentAt: p.appointmentAt } : {}),
    });
    if (!outcome.ok) {
      commands.run((now) =>
        commands.engine.void(receipt.ticketId, outcome.reason.en, now, outcome.mayHavePrinted),
      );
      this.#voided(receipt.ticketId, deviceId);
      throw noTicket(outcome.reason);
    }
    this.confirmPrint(receipt.ticketId, true, undefined);
    // Never outside demo mode: a preview is the simulated printer's paper.
    const preview = this.#deps.demo ? outcome.preview : undefined;
    return { ...receipt, state: 'waiting', ...(preview ? { preview } : {}) };
  }

  reserve(p: TicketRequest, deviceId: string): IssuedTicket {
    const { commands } = this.#deps;
    const [event] = commands.run((now) =>
      commands.engine.reserve(
        {
          serviceId: p.serviceId,
          birthDate: p.birthDate,
          appointmentAt: p.appointmentAt ? Date.parse(p.appointmentAt) : null,
          deviceId,
        },
        now,
      ),
    );
    return issuedTicket(
      commands.readModel(),
      commands.engine.ticket(event?.type === 'reserved' ? event.ticketId : 0),
    );
  }

  /**
   * Settles a reservation. `deviceId` (a caller's): only the kiosk that reserved the ticket
   * may say whether its slip printed; another kiosk cannot confirm or void it.
   */
  confirmPrint(
    ticketId: number,
    printed: boolean,
    reason: string | undefined,
    mayHavePrinted = false,
    deviceId?: string,
  ) {
    const { commands } = this.#deps;
    if (deviceId !== undefined && this.#reservedBy(ticketId) !== deviceId) {
      throw new ContractError(
        'FORBIDDEN',
        t('这张号不是本机预留的', 'This ticket was not reserved by this kiosk'),
        { action: t('请在取号的终端上操作', 'Use the kiosk that took the ticket') },
      );
    }
    commands.run((now) =>
      printed
        ? commands.engine.confirm(ticketId, now)
        : commands.engine.void(ticketId, reason ?? 'print failed', now, mayHavePrinted),
    );
    if (!printed) {
      this.#voided(ticketId, deviceId ?? 'local');
      for (const listener of [...this.#printVoided]) listener(ticketId);
    }
    return { ticketId, state: printed ? ('waiting' as const) : ('voided' as const) };
  }

  /** Told of every ticket voided because its slip did not print (the appointments' book). */
  onPrintVoided(listener: (ticketId: number) => void): () => void {
    this.#printVoided.add(listener);
    return () => this.#printVoided.delete(listener);
  }

  /** A reservation for a kiosk that prints itself carries the slip's check code (hall-link). */
  withCheckCode(receipt: IssuedTicket): IssuedTicket {
    const key = this.#deps.checkKey;
    if (!key) return receipt;
    const code = ticketCheckCode(key, receipt.ticketId, receipt.number, receipt.issuedAt);
    return { ...receipt, checkCode: code };
  }

  /** The device that reserved a ticket today, from its reserved event (null: none today). */
  #reservedBy(ticketId: number): string | null {
    const { commands } = this.#deps;
    return commands.repo.reservedBy(ticketId, commands.engine.day);
  }

  #voided(ticketId: number, deviceId: string): void {
    const number = this.#deps.commands.engine.tickets.get(ticketId)?.number ?? String(ticketId);
    this.#deps.audit.record({
      actor: `kiosk:${deviceId}`,
      purpose: 'ticket',
      subjectIndex: '',
      action: 'ticket-voided',
      result: number,
    });
  }
}
