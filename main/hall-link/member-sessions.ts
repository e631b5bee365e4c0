/**
 * Signing in through a member: the hall node checks the credential; this machine remembers
 * which hall caller a window's token stands for (callers.ts), keeps a watch on each staff
 * session so the window hears at once when the hall node ends it, and forgets it on sign-out.
 */
import type { Caller, Handlers, StaffRole } from '../../common/contract/call.js';
import type { Response } from '../../common/contract/contract.js';
import type { KnownCallers } from './callers.js';
import type { HallCall } from './hall-node-client.js';
import { badgeNotRead } from './refusals.js';
import type { SessionWatches } from './session-watch.js';

type SessionMethods = 'queue.login' | 'queue.authenticate' | 'queue.logout';
type HallCaller = Exclude<Caller, { kind: 'local' } | { kind: 'anonymous' }>;

export interface MemberSessionDeps {
  call: HallCall;
  known: KnownCallers;
  watches: SessionWatches;
  deviceToken: string | null;
  now: () => number;
}

/** How long a token presented here is trusted without word from the hall node. */
const SESSION_FALLBACK_MS = 12 * 3_600_000;

export function memberSessionHandlers(deps: MemberSessionDeps): Pick<Handlers, SessionMethods> {
  const { call, known, watches } = deps;
  return {
    'queue.login': async (p, ctx) => {
      // The device token vouches for a badge this machine's own reader read, nothing typed.
      if (p.badgeUid && !p.pin && ctx.caller?.kind !== 'local') throw badgeNotRead();
      const r = await call('queue.login', p, deps.deviceToken);
      const staff = { kind: 'staff', staffId: r.staff.id, role: r.staff.role } as const;
      const caller = { ...staff, counterId: r.counterId, token: r.token };
      known.remember(r.token, caller, Date.parse(r.expiresAt));
      await watches.watch(r.token);
      ctx.bind?.(r.token);
      return r;
    },
    'queue.authenticate': async ({ token }, ctx) => {
      let r;
      try {
        r = await call('queue.authenticate', { token }, token);
      } catch (error) {
        known.forget(token);
        throw error;
      }
      const caller = callerOf(r, token);
      known.remember(token, caller, deps.now() + SESSION_FALLBACK_MS);
      if (caller.kind === 'staff') await watches.watch(token);
      ctx.bind?.(token);
      return r;
    },
    'queue.logout': async (_p, ctx) => {
      const token = ctx.caller?.kind === 'staff' ? ctx.caller.token : null;
      // Signed out here whatever the hall node says, so the window holds no session.
      known.forget(token);
      watches.unwatch(token);
      ctx.bind?.(null);
      return call('queue.logout', {}, token);
    },
  };
}

/** The hall caller the hall node says a presented token stands for. */
function callerOf(r: Response<'queue.authenticate'>, token: string): HallCaller {
  if (r.kind === 'staff') {
    const role = r.role as StaffRole;
    return { kind: 'staff', staffId: r.id, role, counterId: r.counterId, token };
  }
  return { kind: 'device', id: r.id, role: r.role === 'display' ? 'display' : 'kiosk' };
}
