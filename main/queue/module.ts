/**
 * The queue capability as the core composes it: the hall's queue with its tickets printed
 * through the print service, the check key their QR codes (and receipts') are signed with,
 * and its calls. On a member machine the same queue stays idle: the hall node's is forwarded.
 */
import type { DevicePort } from '../../drivers/ports.js';
import type { EventBus } from '../../common/contract/bus.js';
import type { KioskConfig } from '../../kiosk-config/schema.js';
import type { HallAccess } from '../access/hall-access.js';
import type { Logger } from '../log/logger.js';
import type { PrintService } from '../print/service.js';
import type { Store } from '../store/store.js';
import { queueHandlers } from './handlers.js';
import type { TicketPrinter } from './printer.js';
import { QueueService } from './service.js';
import { printServiceTicketPrinter, ticketCheckKey } from './ticket-printing.js';

export interface QueueModuleDeps {
  config: KioskConfig;
  store: Store;
  bus: EventBus;
  log: Logger;
  access: HallAccess;
  print: PrintService;
  devices: DevicePort[];
  /** The identity this machine's own reader holds for the resident at the screen. */
  heldIdentity: () => { birthDate: string } | null;
}

export function startQueue(deps: QueueModuleDeps) {
  const checkKey = ticketCheckKey(deps.store.db);
  // Tickets print through the print service: status check, send, confirmation.
  const ticketPrinter: TicketPrinter = printServiceTicketPrinter(deps.print, checkKey);
  const service = new QueueService({
    config: deps.config,
    db: deps.store.db,
    checkKey,
    printer: { printTicket: (ticket) => ticketPrinter.printTicket(ticket) },
    publish: (change) => deps.bus.publish('queue.changed', change),
    log: deps.log,
    access: deps.access,
  });
  return {
    service,
    checkKey,
    ticketPrinter,
    handlers: queueHandlers(service, deps.devices, deps.heldIdentity),
    /** Only the queue that numbers tickets keeps time (expiries, the day's reset). */
    startTimers: () => service.commands.startTimers(),
    close: () => service.commands.close(),
  };
}
