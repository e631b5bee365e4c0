/**
 * Who is calling, on the hall node: staff sessions (signed in at a counter), device tokens
 * (listed in the config or enrolled by a technician), sign-ins with their guard and lockouts,
 * and the notices a console gets when its session ends. The dispatcher identifies every caller
 * here; the queue asks it to open and close a counter's session. Only token hashes are stored.
 */
import type { KioskConfig } from '../../kiosk-config/schema.js';
import type { Text } from '../../common/contract/contract.js';
import type { CallContext, Caller } from '../../common/contract/call.js';
import { ContractError } from '../../common/contract/errors.js';
import { createAudit, type Audit } from '../privacy/audit.js';
import type { Db } from '../store/store.js';
import { newToken, sha256hex } from './auth.js';
import { Logins } from './logins.js';
import { SessionNotices } from './session-notices.js';
import { AccessStore, type SessionRow } from './store.js';

export interface HallAccessDeps {
  config: KioskConfig;
  db: Db;
  now?: () => number;
  log?: { warn(fields: object, message: string): void };
  /** Accountable acts are recorded here (the queue's cancels and voids share it). */
  audit?: Audit;
}

/** A counter's new session, and the sessions it displaced (told once the queue has moved). */
export interface OpenedSession {
  token: string;
  expiresAt: number;
  displaced: SessionRow[];
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

export class HallAccess {
  readonly store: AccessStore;
  readonly logins: Logins;
  /** Accountable acts: sign-ins, enrolments and revocations (and the queue's own). */
  readonly audit: Audit;
  /** Consoles whose session ended (displaced, signed out) are told at once. */
  readonly sessionNotices = new SessionNotices();
  readonly #deps: HallAccessDeps;
  readonly #now: () => number;

  constructor(deps: HallAccessDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.store = new AccessStore(deps.db);
    this.audit = deps.audit ?? createAudit(deps.db, this.#now);
    this.logins = new Logins(deps.config, this.audit, deps.log);
  }

  identify(ctx: CallContext): Caller {
    const token = ctx.credential;
    // The app's own window is this machine, unless a staff member signed in from it.
    if (ctx.transport === 'ipc') {
      const staff = token ? this.byToken(token) : null;
      return staff?.kind === 'staff' ? staff : { kind: 'local', role: this.#deps.config.role };
    }
    if (token) return this.byToken(token);
    if (this.#deps.config.mode === 'demo' && loopback.has(ctx.peer)) {
      return { kind: 'local', role: this.#deps.config.role };
    }
    return { kind: 'anonymous', why: 'none' };
  }

  byToken(token: string): Exclude<Caller, { kind: 'local' }> {
    const hash = sha256hex(token);
    const session = this.store.session(hash);
    if (session) {
      if (session.expiresAt <= this.#now()) return { kind: 'anonymous', why: 'expired' };
      // The role is the config's now, not the one at sign-in: a downgrade takes effect at once.
      const staff = this.staff(session.staffId);
      if (!staff) return { kind: 'anonymous', why: 'unknown' };
      return {
        kind: 'staff',
        staffId: session.staffId,
        role: staff.role,
        counterId: session.counterId,
        token,
        expiresAt: session.expiresAt,
      };
    }
    const listed = this.#deps.config.queue.devices.find((d) => d.hashedToken === hash);
    const device = listed ?? this.store.device(hash);
    if (device) return { kind: 'device', id: device.id, role: device.role };
    return { kind: 'anonymous', why: 'unknown' };
  }

  staff(id: string) {
    return this.#deps.config.queue.staff.find((s) => s.id === id);
  }

  /** A session at a counter for a signed-in staff member; whoever held it is let go. */
  openSession(staff: { id: string; role: SessionRow['role'] }, counterId: string): OpenedSession {
    const now = this.#now();
    const token = newToken();
    const expiresAt = now + this.#deps.config.queue.sessionHours * 3_600_000;
    this.store.dropExpiredSessions(now);
    const displaced = this.store.sessionsHolding(counterId, staff.id);
    for (const old of displaced) this.store.dropSession(old.tokenHash);
    this.store.putSession({
      tokenHash: sha256hex(token),
      staffId: staff.id,
      role: staff.role,
      counterId,
      expiresAt,
    });
    return { token, expiresAt, displaced };
  }

  /** The stored session behind a staff caller's token (undefined: gone). */
  sessionOf(caller: Extract<Caller, { kind: 'staff' }>): SessionRow | undefined {
    return this.store.session(sha256hex(caller.token));
  }

  /** Ends a staff caller's session; the hash its console's notice is keyed by. */
  closeSession(caller: Extract<Caller, { kind: 'staff' }>): string {
    const tokenHash = sha256hex(caller.token);
    this.store.dropSession(tokenHash);
    return tokenHash;
  }

  /** Locked sign-ins for the manager's console, and lifting one. */
  lockouts() {
    const accounts = this.logins.guard.lockedAccounts(this.#now()).map((a) => ({
      staffId: a.staffId,
      name: this.staff(a.staffId)?.name ?? null,
      until: new Date(a.until).toISOString(),
      locks: a.locks,
    }));
    return { accounts };
  }

  unlock(staffId: string, caller: Caller) {
    const by = caller.kind === 'staff' ? caller.staffId : caller.kind;
    return { staffId, unlocked: this.logins.unlock(staffId, by) };
  }

  authenticate(token: string, ctx: CallContext) {
    const caller = this.byToken(token);
    if (caller.kind === 'anonymous') {
      throw new ContractError(
        'FORBIDDEN',
        caller.why === 'expired'
          ? t('登录已过期', 'The sign-in has expired')
          : t('凭据无效', 'The token is not recognised'),
        { action: t('请重新登录或重新登记设备', 'Sign in again or re-enrol the device') },
      );
    }
    ctx.bind?.(token);
    return caller.kind === 'staff'
      ? {
          kind: 'staff' as const,
          id: caller.staffId,
          role: caller.role,
          counterId: caller.counterId,
        }
      : { kind: 'device' as const, id: caller.id, role: caller.role, counterId: null };
  }

  /**
   * A new token for a device. An id already enrolled keeps its token unless the technician
   * says `replace`: a typo'd id must not silently cut off a kiosk in service. A device listed
   * in the config is changed there, not here (its config token would go on working).
   */
  enrollDevice(id: string, role: 'kiosk' | 'display', replace = false, by = 'local') {
    if (this.#deps.config.queue.devices.some((d) => d.id === id)) throw deviceInConfig(id);
    const activeRole = this.store.activeDeviceRole(id);
    if (activeRole !== undefined && !replace) {
      this.#deps.log?.warn({ deviceId: id }, 'device enrolment refused: already enrolled');
      throw new ContractError(
        'CONFLICT',
        t(`设备 ${id} 已登记`, `Device ${id} is already enrolled`),
        {
          action: t(
            '如确要更换它的凭据，请选择“替换”；旧凭据将立即失效',
            'To give it a new token, choose "replace": the old token stops at once',
          ),
          issues: [{ path: 'id', message: 'ALREADY_ENROLLED' }],
        },
      );
    }
    const token = newToken();
    this.store.putDevice({ id, role, tokenHash: sha256hex(token) }, this.#now());
    const action = activeRole !== undefined ? 'device-re-enrolled' : 'device-enrolled';
    this.#record(by, 'device', action, `${role}:${id}`);
    // Never the token itself: only that this id's token changed, and from which role.
    if (activeRole !== undefined) {
      this.#deps.log?.warn(
        { deviceId: id, role, previousRole: activeRole },
        'device re-enrolled: its old token is replaced',
      );
    }
    return { id, role, token };
  }

  /** Ends an enrolled device's token now; its id may be enrolled again later. */
  revokeDevice(id: string, by = 'local') {
    if (this.#deps.config.queue.devices.some((d) => d.id === id)) throw deviceInConfig(id);
    if (!this.store.revokeDevice(id, this.#now())) {
      throw new ContractError(
        'CONFLICT',
        t(`没有已登记的设备 ${id}`, `No device ${id} is enrolled`),
        {
          action: t('请核对设备编号', 'Check the device id'),
          issues: [{ path: 'id', message: 'NOT_ENROLLED' }],
        },
      );
    }
    this.#deps.log?.warn({ deviceId: id }, 'device token revoked');
    this.#record(by, 'device', 'device-revoked', id);
    return { id, revoked: true as const };
  }

  #record(actor: string, purpose: string, action: string, result: string): void {
    this.audit.record({ actor, purpose, subjectIndex: '', action, result });
  }
}

function deviceInConfig(id: string): ContractError {
  return new ContractError(
    'CONFLICT',
    t(`设备 ${id} 登记在配置文件中`, `Device ${id} is listed in the config file`),
    {
      action: t('请在配置文件中更改它', 'Change it in the config file'),
      issues: [{ path: 'id', message: 'IN_CONFIG' }],
    },
  );
}
