/**
 * The hall node's queue, composed from its jobs: the command runner that stores and publishes
 * every change (commands.ts), issuing tickets through the printer (issuing.ts), the staff's
 * acts at the counters (staff.ts), the read side (reads.ts, over the pure views.ts) and the
 * day's figures (reports.ts), with the callers' sessions and tokens in main/access. It holds
 * no state of its own: each part gets only the parts it stands on.
 */
import type { KioskConfig } from '../../kiosk-config/schema.js';
import type { QueueChange } from '../../common/contract/queue.js';
import { HallAccess } from '../access/hall-access.js';
import type { Db } from '../store/store.js';
import { QueueCommands } from './commands.js';
import type { QueueEngine } from './engine.js';
import { TicketIssuing } from './issuing.js';
import type { TicketPrinter } from './printer.js';
import { QueueReads } from './reads.js';
import { QueueReports } from './reports.js';
import { StaffActs } from './staff.js';

export interface QueueServiceDeps {
  config: KioskConfig;
  db: Db;
  printer: TicketPrinter;
  /** The hall's ticket check-code key (ticket-printing.ts), for checking scanned slips. */
  checkKey?: Buffer;
  publish(change: QueueChange): void;
  now?: () => number;
  log?: { warn(fields: object, message: string): void };
  /** The core's access; without one the queue keeps its own (tests of the bare service). */
  access?: HallAccess;
}

export class QueueService {
  /** Rules decide, the events are stored, then published; replay, the day roll, the timers. */
  readonly commands: QueueCommands;
  /** Who is calling: sessions, device tokens, sign-ins (the core's, or the queue's own). */
  readonly access: HallAccess;
  /** Tickets reserved, printed, then confirmed or voided. */
  readonly issuing: TicketIssuing;
  /** Sign-ins at the counters, the acts there, their consoles and a manager's cancel. */
  readonly staff: StaffActs;
  /** The service list, the hall view and a scanned slip's check. */
  readonly reads: QueueReads;
  /** The day's figures and their CSV. */
  readonly reports: QueueReports;

  constructor(deps: QueueServiceDeps) {
    const now = deps.now ?? Date.now;
    const { config, db } = deps;
    const commands = new QueueCommands({ config, db, publish: deps.publish, now });
    const access = deps.access ?? new HallAccess({ config, db, now, log: deps.log });
    const reports = new QueueReports(commands);
    this.commands = commands;
    this.access = access;
    this.issuing = new TicketIssuing({
      commands,
      printer: deps.printer,
      audit: access.audit,
      checkKey: deps.checkKey,
      demo: config.mode === 'demo',
    });
    this.staff = new StaffActs({ commands, access, reports });
    this.reads = new QueueReads(commands, deps.checkKey);
    this.reports = reports;
  }

  /** The queue's state now, as the rules left it (tests and the appointment book read it). */
  get engine(): QueueEngine {
    return this.commands.engine;
  }
}
