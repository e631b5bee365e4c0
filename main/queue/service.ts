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
import { QueueReports, type ReportedFigures } from './reports.js';
import type { QueueRepository } from './repository.js';
import { StaffActs } from './staff.js';
import { checkTicket, type TicketCheck } from './ticket-check.js';
import type { QueueEvent } from './types.js';
import { estimateWait, hallView, waitingIn, type ReadModel } from './views.js';

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
  readonly #deps: QueueServiceDeps;
  readonly #now: () => number;
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
    this.#deps = deps;
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
    this.#run(() => []);
    const model = this.#readModel();
    const now = model.now;
    return {
      day: this.engine.day,
      services: this.#deps.config.queue.services.map((s) => {
        const waiting = waitingIn(this.engine, s.id);
        return {
          id: s.id,
          prefix: s.prefix,
          name: s.name,
          status: this.engine.closedReason(s.id, now) ?? ('open' as const),
          waiting,
          estimatedWaitMinutes: estimateWait(model, s.id, waiting),
        };
      }),
    };
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

  /** A scanned slip's QR, checked against today's tickets and then the earlier days'. */
  checkTicket(payload: string): TicketCheck {
    const key = this.#deps.checkKey;
    if (!key) throw new Error('QueueService was started without the ticket check key');
    const day = this.engine.day;
    const id = /^T\|(\d{1,7})\|/.exec(payload.trim())?.[1];
    const ticket = id ? this.engine.tickets.get(Number(id)) : undefined;
    const today = ticket && {
      day,
      number: ticket.number,
      issuedAt: new Date(ticket.reservedAt).toISOString(),
      state: ticket.state,
    };
    return checkTicket(payload, key, today, (ticketId) =>
      this.repo.reservedOnOtherDays(ticketId, day).map((r) => ({
        day: r.day,
        number: r.number,
        issuedAt: new Date(r.at).toISOString(),
        state: null,
      })),
    );
  }

  // ── display and report ──

  hallView(): HallView {
    return hallView(this.#readModel());
  }

  #readModel(): ReadModel {
    return this.commands.readModel();
  }

  snapshot(): HallView {
    this.#run(() => []);
    return this.hallView();
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
