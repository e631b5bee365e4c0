/**
 * The hall node's queue: the ticket printer, the counters' sign-ins (through main/access),
 * figures and read models, over the command runner (commands.ts) that stores and publishes
 * every change.
 */
import type { KioskConfig } from '../../kiosk-config/schema.js';
import type { Text } from '../../common/contract/contract.js';
import type {
  CounterView,
  FigureRow,
  HallView,
  QueueChange,
  IssuedTicket,
} from '../../common/contract/queue.js';
import type { Db } from '../store/store.js';
import type { Caller, CallContext } from '../../common/contract/call.js';
import { ContractError } from '../../common/contract/errors.js';
import { actorOf, type Audit } from '../privacy/audit.js';
import { HallAccess } from '../access/hall-access.js';
import type { LoginRequest } from '../access/logins.js';
import { QueueCommands, type QueueCommand } from './commands.js';
import type { QueueEngine } from './engine.js';
import { TicketIssuing, type TicketRequest } from './issuing.js';
import type { TicketPrinter } from './printer.js';
import { QueueReports, type ReportedFigures } from './reports.js';
import type { QueueRepository } from './repository.js';
import { checkTicket, type TicketCheck } from './ticket-check.js';
import type { QueueEvent } from './types.js';
import { counterView, estimateWait, hallView, waitingIn, type ReadModel } from './views.js';

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

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

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

  /** Staff sign-in at a counter: checked and opened by access, then the counter is staffed. */
  async login(p: LoginRequest, ctx: CallContext) {
    const q = this.#deps.config.queue;
    if (!this.engine.counters.has(p.counterId)) throw unknownCounter(p.counterId, q.counters);
    const caller = ctx.caller ?? { kind: 'anonymous', why: 'none' };
    const staff = await this.access.logins.check(p, caller, ctx.peer, this.#now());
    const { token, expiresAt, displaced } = this.access.openSession(staff, p.counterId);
    this.#run((at) => this.engine.signIn(p.counterId, staff.id, at));
    const by = { id: staff.id, name: staff.name };
    const counterNumber = this.engine.counter(p.counterId).number;
    for (const old of displaced) {
      this.access.sessionNotices.ended(old.tokenHash, { reason: 'displaced', by, counterNumber });
    }
    ctx.bind?.(token);
    return {
      token,
      expiresAt: new Date(expiresAt).toISOString(),
      staff: { id: staff.id, name: staff.name, role: staff.role },
      counterId: p.counterId,
    };
  }

  logout(caller: Caller, ctx: CallContext): void {
    if (caller.kind !== 'staff') return;
    const tokenHash = this.access.closeSession(caller);
    let counterNumber: number | null = null;
    if (caller.counterId) {
      const counterId = caller.counterId;
      this.#run((at) => this.engine.signOut(counterId, caller.staffId, at));
      counterNumber = this.engine.counters.get(counterId)?.number ?? null;
    }
    ctx.bind?.(null);
    const by = {
      id: caller.staffId,
      name: this.access.staff(caller.staffId)?.name ?? caller.staffId,
    };
    this.access.sessionNotices.ended(tokenHash, { reason: 'loggedOut', by, counterNumber });
  }

  #record(actor: string, purpose: string, action: string, result: string): void {
    this.audit.record({ actor, purpose, subjectIndex: '', action, result });
  }

  /** 作废 by a hall manager: out of the queue for good, and audited with who did it. */
  cancel(ticketId: number, caller: Caller) {
    this.#run((now) => this.engine.cancel(ticketId, now));
    const number = this.engine.tickets.get(ticketId)?.number ?? String(ticketId);
    this.#record(actorOf(caller), 'ticket', 'ticket-cancelled', number);
    return { ticketId, state: 'cancelled' as const };
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
    const counterId = this.#counterOf(caller);
    this.#run((now) => {
      // Checked in the same synchronous turn as the action: nothing can sign in between.
      this.#mustHold(caller, counterId, now);
      return action(counterId, now);
    });
    return this.counterView(caller);
  }

  run(command: (now: number) => QueueEvent[]): void {
    this.#run(command);
  }

  /** The caller's session, as stored now, holds this counter — else FORBIDDEN, nothing done. */
  #mustHold(caller: Caller, counterId: string, now: number): void {
    const session = caller.kind === 'staff' ? this.access.sessionOf(caller) : null;
    const holds =
      session &&
      session.expiresAt > now &&
      session.counterId === counterId &&
      this.engine.counter(counterId).staffId === session.staffId;
    if (!holds) throw notHere();
  }

  #counterOf(caller: Caller): string {
    if (caller.kind !== 'staff' || !caller.counterId) {
      throw new ContractError('FORBIDDEN', t('请先在窗口登录', 'Sign in at a counter first'));
    }
    return caller.counterId;
  }

  counterView(caller: Caller): CounterView {
    const counterId = this.#counterOf(caller);
    const staffId = caller.kind === 'staff' ? caller.staffId : '';
    if (this.engine.counter(counterId).staffId !== staffId) throw notHere();
    const staff = this.access.staff(staffId);
    const figures = this.#counterFigures(counterId);
    return counterView(this.#readModel(), counterId, staffId, staff, figures);
  }

  #counterFigures(counterId: string): FigureRow {
    return this.figures().counters.find((r) => r.key === counterId)!;
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

function notHere(): ContractError {
  return new ContractError(
    'FORBIDDEN',
    t('您已不在此窗口登录', 'You are no longer signed in at this counter'),
    { action: t('请重新登录', 'Sign in again') },
  );
}

function unknownCounter(id: string, counters: { id: string; number: number }[]): ContractError {
  const list = counters.map((c) => `${c.id} (${c.number})`).join(', ');
  return new ContractError('BAD_REQUEST', t(`没有窗口 ${id}`, `There is no counter ${id}`), {
    action: t(`本大厅的窗口：${list}`, `This hall's counters: ${list}`),
    issues: [{ path: 'counterId', message: 'UNKNOWN_COUNTER' }],
  });
}
