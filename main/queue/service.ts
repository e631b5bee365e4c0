/**
 * The hall node's queue: the ticket printer, the counters' sign-ins (through main/access),
 * figures and read models, over the command runner (commands.ts) that stores and publishes
 * every change.
 */
import type { KioskConfig } from '../../kiosk-config/schema.js';
import type {
  CounterView,
  HallView,
  QueueChange,
  IssuedTicket,
} from '../../common/contract/queue.js';
import type { Db } from '../store/store.js';
import type { Caller, CallContext } from '../../common/contract/call.js';
import type { Audit } from '../privacy/audit.js';
import { HallAccess } from '../access/hall-access.js';
import type { LoginRequest } from '../access/logins.js';
import { QueueCommands, type QueueCommand } from './commands.js';
import type { QueueEngine } from './engine.js';
import { TicketIssuing, type TicketRequest } from './issuing.js';
import type { TicketPrinter } from './printer.js';
import { QueueReads } from './reads.js';
import { QueueReports, type ReportedFigures } from './reports.js';
import type { QueueRepository } from './repository.js';
import { StaffActs } from './staff.js';
import type { TicketCheck } from './ticket-check.js';
import type { QueueEvent } from './types.js';

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
  /** The command runner: rules decide, events are stored, then published. */
  readonly commands: QueueCommands;
  readonly #now: () => number;
  /** The service list, the hall view and a scanned slip's check. */
  readonly reads: QueueReads;
  /** The day's figures and their CSV. */
  readonly reports: QueueReports;
  /** Who is calling: sessions, device tokens, sign-ins (the core's, or the queue's own). */
  readonly access: HallAccess;
  /** Accountable acts: sign-ins, enrolments and revocations, cancels and voids. */
  readonly audit: Audit;
  /** Sign-ins at the counters, the acts there, their consoles and a manager's cancel. */
  readonly staff: StaffActs;
  /** Tickets reserved, printed, then confirmed or voided. */
  readonly issuing: TicketIssuing;

  constructor(deps: QueueServiceDeps) {
    this.#now = deps.now ?? Date.now;
    this.commands = new QueueCommands({
      config: deps.config,
      db: deps.db,
      publish: deps.publish,
      now: this.#now,
    });
    this.access =
      deps.access ??
      new HallAccess({ config: deps.config, db: deps.db, now: this.#now, log: deps.log });
    this.audit = this.access.audit;
    this.reads = new QueueReads(this.commands, deps.checkKey);
    this.reports = new QueueReports(this.commands);
    this.staff = new StaffActs({
      commands: this.commands,
      access: this.access,
      reports: this.reports,
    });
    this.issuing = new TicketIssuing({
      commands: this.commands,
      printer: deps.printer,
      audit: this.audit,
      checkKey: deps.checkKey,
      demo: deps.config.mode === 'demo',
    });
  }

  get engine(): QueueEngine {
    return this.commands.engine;
  }

  get repo(): QueueRepository {
    return this.commands.repo;
  }

  startTimers(everyMs = 5000): void {
    this.commands.startTimers(everyMs);
  }

  close(): void {
    this.commands.close();
  }

  tick(): void {
    this.commands.tick();
  }

  flush(): void {
    this.commands.flush();
  }

  #run(command: QueueCommand): QueueEvent[] {
    return this.commands.run(command);
  }

  login(p: LoginRequest, ctx: CallContext) {
    return this.staff.login(p, ctx);
  }

  logout(caller: Caller, ctx: CallContext): void {
    this.staff.logout(caller, ctx);
  }

  cancel(ticketId: number, caller: Caller) {
    return this.staff.cancel(ticketId, caller);
  }

  // ── kiosk ──

  services() {
    return this.reads.services();
  }

  reserve(p: TicketRequest, deviceId: string): IssuedTicket {
    return this.issuing.reserve(p, deviceId);
  }

  confirmPrint(
    ticketId: number,
    printed: boolean,
    reason: string | undefined,
    mayHavePrinted = false,
    deviceId?: string,
  ) {
    return this.issuing.confirmPrint(ticketId, printed, reason, mayHavePrinted, deviceId);
  }

  onPrintVoided(listener: (ticketId: number) => void): () => void {
    return this.issuing.onPrintVoided(listener);
  }

  withCheckCode(receipt: IssuedTicket): IssuedTicket {
    return this.issuing.withCheckCode(receipt);
  }

  issue(p: TicketRequest, deviceId: string): Promise<IssuedTicket> {
    return this.issuing.issue(p, deviceId);
  }

  // ── counters ──

  counterAction(
    caller: Caller,
    action: (counterId: string, now: number) => QueueEvent[],
  ): CounterView {
    return this.staff.counterAction(caller, action);
  }

  run(command: (now: number) => QueueEvent[]): void {
    this.#run(command);
  }

  counterView(caller: Caller): CounterView {
    return this.staff.counterView(caller);
  }

  checkTicket(payload: string): TicketCheck {
    return this.reads.checkTicket(payload);
  }

  hallView(): HallView {
    return this.reads.hallView();
  }

  snapshot(): HallView {
    return this.reads.snapshot();
  }

  figures(day?: string): ReportedFigures {
    return this.reports.figures(day);
  }

  csv(day?: string): { filename: string; csv: string } {
    return this.reports.csv(day);
  }

  get seq(): number {
    return this.commands.seq;
  }
}
