/**
 * What kiosks, displays and counters read of the queue: the services to take a ticket for,
 * the hall view, a scanned slip's check. The read models themselves are pure (views.ts); a
 * kiosk's or a display's first read of the morning rolls the day over, as a command would.
 */
import type { HallView, ServiceQueueView } from '../../common/contract/queue.js';
import type { QueueCommands } from './commands.js';
import { checkTicket, type TicketCheck } from './ticket-check.js';
import { hallView, serviceList } from './views.js';

export class QueueReads {
  readonly #commands: QueueCommands;
  readonly #checkKey: Buffer | undefined;

  /** checkKey: the hall's ticket check-code key (ticket-printing.ts), for scanned slips. */
  constructor(commands: QueueCommands, checkKey?: Buffer) {
    this.#commands = commands;
    this.#checkKey = checkKey;
  }

  services(): { day: string; services: ServiceQueueView[] } {
    this.#commands.run(() => []);
    return serviceList(this.#commands.readModel());
  }

  snapshot(): HallView {
    this.#commands.run(() => []);
    return this.hallView();
  }

  hallView(): HallView {
    return hallView(this.#commands.readModel());
  }

  /** A scanned slip's QR, checked against today's tickets and then the earlier days'. */
  checkTicket(payload: string): TicketCheck {
    const key = this.#checkKey;
    if (!key) throw new Error('QueueService was started without the ticket check key');
    const { engine, repo } = this.#commands;
    const day = engine.day;
    const id = /^T\|(\d{1,7})\|/.exec(payload.trim())?.[1];
    const ticket = id ? engine.tickets.get(Number(id)) : undefined;
    const today = ticket && {
      day,
      number: ticket.number,
      issuedAt: new Date(ticket.reservedAt).toISOString(),
      state: ticket.state,
    };
    return checkTicket(payload, key, today, (ticketId) =>
      repo.reservedOnOtherDays(ticketId, day).map((r) => ({
        day: r.day,
        number: r.number,
        issuedAt: new Date(r.at).toISOString(),
        state: null,
      })),
    );
  }
}
