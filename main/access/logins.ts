/**
 * Who a sign-in names, and whether the credential holds: a password, a badge this machine's
 * own reader read (the app's window, or a member's core forwarding with its device token), or
 * a badge with its PIN. Every try passes the guard before the slow check, and every outcome,
 * lock and unlock goes into the audit with the address or staff member that did it.
 */
import type { KioskConfig } from '../../kiosk-config/schema.js';
import type { StaffConfig } from '../../kiosk-config/queue.js';
import type { Text } from '../../common/contract/contract.js';
import type { Audit } from '../privacy/audit.js';
import type { Caller } from '../../common/contract/call.js';
import { ContractError } from '../../common/contract/errors.js';
import { verifyPassword } from './auth.js';
import { LoginGuard, type Lock } from './login-guard.js';

export interface LoginRequest {
  counterId: string;
  staffId?: string;
  password?: string;
  badgeUid?: string;
  pin?: string;
}

interface LogSink {
  warn(fields: object, message: string): void;
}

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

export class Logins {
  readonly guard: LoginGuard;
  /** How many tries reached a password or PIN check (the rest were refused before it). */
  passwordChecks = 0;
  readonly #config: KioskConfig;
  readonly #audit: Audit;
  readonly #log: LogSink | undefined;

  constructor(config: KioskConfig, audit: Audit, log?: LogSink, guard = new LoginGuard()) {
    this.#config = config;
    this.#audit = audit;
    this.#log = log;
    this.guard = guard;
  }

  /** The staff member the request proves, or FORBIDDEN (the same words whatever was wrong). */
  async check(p: LoginRequest, caller: Caller, peer: string, now: number): Promise<StaffConfig> {
    const staff = this.#named(p);
    const account = staff?.id ?? (p.badgeUid ? `badge:${p.badgeUid.toUpperCase()}` : '?');
    const attempt = this.guard.begin(account, peer, now);
    if (!attempt.ok) {
      this.#record(peer, 'login.refused-locked', account);
      throw locked(attempt.lockedUntil, now);
    }
    const ok = staff !== undefined && (await this.#proves(staff, p, caller));
    const locks = attempt.settle(ok);
    for (const lock of locks) this.#locked(lock, peer);
    this.#record(peer, ok ? 'login.ok' : 'login.failed', account);
    if (!ok) throw badLogin();
    return staff;
  }

  #named(p: LoginRequest): StaffConfig | undefined {
    const staff = this.#config.queue.staff;
    if (!p.badgeUid) return staff.find((s) => s.id === p.staffId);
    const uid = p.badgeUid.toUpperCase();
    const holder = staff.find((s) => s.badgeUids.includes(uid));
    return holder && (!p.staffId || holder.id === p.staffId) ? holder : undefined;
  }

  async #proves(staff: StaffConfig, p: LoginRequest, caller: Caller): Promise<boolean> {
    if (p.badgeUid) {
      // A badge read by this machine's reader, or forwarded by a member's core, is enough.
      if (!p.pin) return caller.kind === 'local' || caller.kind === 'device';
      return this.#verify(staff.hashedPin, p.pin);
    }
    return this.#verify(staff.hashedPassword, p.password);
  }

  async #verify(stored: string | undefined, given: string | undefined): Promise<boolean> {
    if (!stored || !given) return false;
    this.passwordChecks += 1;
    return verifyPassword(stored, given);
  }

  #locked(lock: Lock, peer: string): void {
    const until = new Date(lock.until).toISOString();
    this.#log?.warn({ kind: lock.kind, key: lock.key, until }, 'sign-in locked');
    this.#record(`peer:${peer}`, `login.locked`, lock.key, lock.kind);
  }

  unlock(staffId: string, by: string): boolean {
    const done = this.guard.unlock(staffId);
    this.#record(by, 'login.unlocked', staffId);
    return done;
  }

  #record(actor: string, action: string, account: string, purpose = 'sign-in'): void {
    this.#audit.record({ actor, purpose, subjectIndex: '', action, result: account });
  }
}

function badLogin(): ContractError {
  return new ContractError(
    'FORBIDDEN',
    t('账号、密码或工牌不正确', 'The account, password or badge is not right'),
    {
      action: t('请核对后重试，或联系值班长', 'Check and try again, or ask the hall manager'),
      issues: [{ path: 'login', message: 'BAD_CREDENTIAL' }],
    },
  );
}

function locked(until: number, now: number): ContractError {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return new ContractError(
    'FORBIDDEN',
    t(
      `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
      `Too many failed sign-ins: locked, try again in ${minutes} min`,
    ),
    {
      action: t('或请值班长在窗口端解锁', 'Or ask the hall manager to unlock it at a counter'),
      issues: [{ path: 'login', message: 'LOCKED' }],
    },
  );
}
