/**
 * What staff do in the queue: sign in and out at a counter (the credentials are checked and
 * the session opened by main/access), act on tickets while holding the counter, read its
 * console, and a hall manager's 作废.
 */
import type { Text } from '../../common/contract/contract.js';
import type { CounterView } from '../../common/contract/queue.js';
import type { Caller, CallContext } from '../../common/contract/call.js';
import { ContractError } from '../../common/contract/errors.js';
import type { HallAccess } from '../access/hall-access.js';
import type { LoginRequest } from '../access/logins.js';
import { actorOf } from '../privacy/audit.js';
import type { QueueCommands } from './commands.js';
import type { QueueReports } from './reports.js';
import type { QueueEvent } from './types.js';
import { counterView } from './views.js';

export interface StaffActsDeps {
  commands: QueueCommands;
  access: HallAccess;
  /** A counter's console shows its figures for today. */
  reports: QueueReports;
}

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

export class StaffActs {
  readonly #commands: QueueCommands;
  readonly #access: HallAccess;
  readonly #reports: QueueReports;

  constructor(deps: StaffActsDeps) {
    this.#commands = deps.commands;
    this.#access = deps.access;
    this.#reports = deps.reports;
  }

  /** Staff sign-in at a counter: checked and opened by access, then the counter is staffed. */
  async login(p: LoginRequest, ctx: CallContext) {
    const { engine } = this.#commands;
    const access = this.#access;
    if (!engine.counters.has(p.counterId)) throw unknownCounter(p.counterId, engine.rules.counters);
    const caller = ctx.caller ?? { kind: 'anonymous', why: 'none' };
    const staff = await access.logins.check(p, caller, ctx.peer, this.#commands.now());
    const { token, expiresAt, displaced } = access.openSession(staff, p.counterId);
    this.#commands.run((at) => engine.signIn(p.counterId, staff.id, at));
    const by = { id: staff.id, name: staff.name };
    const counterNumber = engine.counter(p.counterId).number;
    for (const old of displaced) {
      access.sessionNotices.ended(old.tokenHash, { reason: 'displaced', by, counterNumber });
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
    const { engine } = this.#commands;
    const tokenHash = this.#access.closeSession(caller);
    let counterNumber: number | null = null;
    if (caller.counterId) {
      const counterId = caller.counterId;
      this.#commands.run((at) => engine.signOut(counterId, caller.staffId, at));
      counterNumber = engine.counters.get(counterId)?.number ?? null;
    }
    ctx.bind?.(null);
    const by = {
      id: caller.staffId,
      name: this.#access.staff(caller.staffId)?.name ?? caller.staffId,
    };
    this.#access.sessionNotices.ended(tokenHash, { reason: 'loggedOut', by, counterNumber });
  }

  /** A command at the caller's counter, answered with the counter's console as it is after. */
  counterAction(
    caller: Caller,
    action: (counterId: string, now: number) => QueueEvent[],
  ): CounterView {
    const counterId = counterOf(caller);
    this.#commands.run((now) => {
      // Checked in the same synchronous turn as the action: nothing can sign in between.
      this.#mustHold(caller, counterId, now);
      return action(counterId, now);
    });
    return this.counterView(caller);
  }

  counterView(caller: Caller): CounterView {
    const counterId = counterOf(caller);
    const staffId = caller.kind === 'staff' ? caller.staffId : '';
    if (this.#commands.engine.counter(counterId).staffId !== staffId) throw notHere();
    const staff = this.#access.staff(staffId);
    const figures = this.#reports.figures().counters.find((r) => r.key === counterId)!;
    return counterView(this.#commands.readModel(), counterId, staffId, staff, figures);
  }

  /** 作废 by a hall manager: out of the queue for good, and audited with who did it. */
  cancel(ticketId: number, caller: Caller) {
    const { engine } = this.#commands;
    this.#commands.run((now) => engine.cancel(ticketId, now));
    this.#access.audit.record({
      actor: actorOf(caller),
      purpose: 'ticket',
      subjectIndex: '',
      action: 'ticket-cancelled',
      result: engine.tickets.get(ticketId)?.number ?? String(ticketId),
    });
    return { ticketId, state: 'cancelled' as const };
  }

  /** The caller's session, as stored now, holds this counter — else FORBIDDEN, nothing done. */
  #mustHold(caller: Caller, counterId: string, now: number): void {
    const session = caller.kind === 'staff' ? this.#access.sessionOf(caller) : null;
    const holds =
      session &&
      session.expiresAt > now &&
      session.counterId === counterId &&
      this.#commands.engine.counter(counterId).staffId === session.staffId;
    if (!holds) throw notHere();
  }
}

function counterOf(caller: Caller): string {
  if (caller.kind !== 'staff' || !caller.counterId) {
    throw new ContractError('FORBIDDEN', t('请先在窗口登录', 'Sign in at a counter first'));
  }
  return caller.counterId;
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
