/**
 * A member machine (kiosk, counter or display with hallNode in its config) joins the hall
 * node: the queue is the hall's, so every queue call is forwarded there and the hall's queue
 * events are relayed onto the local bus; this machine's own devices, cases and outbox stay
 * local. The core uses these handlers in place of its own queue handlers, so a member's local
 * QueueService never numbers a ticket (see decision 0015).
 */
import { join } from 'node:path';
import type { KioskConfig } from '../../kiosk-config/schema.js';
import { channels, type Method } from '../../common/contract/contract.js';
import { methodNames } from '../../common/contract/names.js';
import type { HallLinkState, HallLinkStatus } from '../../common/contract/hall-link.js';
import type { Logger } from '../log/logger.js';
import type { PrintService } from '../print/service.js';
import type {
  Caller,
  StaffRole,
  CallContext,
  Handler,
  Handlers,
} from '../../common/contract/call.js';
import type { EventBus } from '../../common/contract/bus.js';
import { credentialFor, KnownCallers, memberIdentify } from './callers.js';
import { startEventLink } from './event-link.js';
import { hallNodeClient, type HallCall } from './hall-node-client.js';
import { memberCheckIn, memberIssue, sendConfirm } from './issue.js';
import { PendingConfirms } from './pending-confirms.js';
import type { Db } from '../store/store.js';
import { badgeNotRead, hallUnreachable, wrongHall } from './refusals.js';
import { withOwnBirthDate } from '../identity/age-evidence.js';
import { SessionNotices } from '../access/session-notices.js';
import { printServiceTicketPrinter } from '../queue/ticket-printing.js';
import { sessionWatches } from './session-watch.js';

/** The queue's channel is the hall node's: a member forwards it, but for its own few calls. */
type QueueMethod = keyof typeof channels.queue;
const isQueueMethod = (m: Method): m is QueueMethod => Object.hasOwn(channels.queue, m);
export type LinkMethods = QueueMethod | 'hallLink.status';

/** Anyone may ask whether the link is up: it says nothing about the hall or a resident. */

/** Calls that stay on this machine even for a member: its own badge reader. */
const localQueueCalls = new Set<QueueMethod>(['queue.readBadge']);

export const isMember = (config: KioskConfig): boolean =>
  config.role !== 'hall-node' && config.hallNode !== undefined;

export interface HallMemberDeps {
  config: KioskConfig;
  dataDir: string;
  /** This machine's database: the confirmations the hall node has not heard yet. */
  db: Db;
  bus: EventBus;
  log: Logger;
  print: PrintService;
  /** This machine's own queue handlers, for the calls that stay local (queue.readBadge). */
  local: Partial<Pick<Handlers, QueueMethod>>;
  /** How a caller is identified when no hall token is known for it (the core's own rule). */
  identify(ctx: CallContext): Caller;
  /** The identity this machine's own reader read for the resident now at the screen. */
  heldIdentity?: () => { birthDate: string } | null;
  /** Milliseconds before a forwarded call counts as unanswered (default 5 s). */
  timeoutMs?: number;
  now?: () => number;
}

export interface HallMember {
  handlers: Pick<Handlers, LinkMethods>;
  identify(ctx: CallContext): Caller;
  status(): HallLinkStatus;
  /** The hall node ended a session a window here holds: that window is told. */
  sessionNotices: SessionNotices;
  close(): void;
}

const SESSION_FALLBACK_MS = 12 * 3_600_000;
const RETRY_CONFIRMS_MS = 10_000;
/** Where older versions kept the pending confirmations (moved into the database once). */
const LEGACY_CONFIRMS = 'pending-confirms.json';

export function startHallMember(deps: HallMemberDeps): HallMember {
  const hallNode = deps.config.hallNode!;
  const now = deps.now ?? Date.now;
  const deviceToken = hallNode.deviceToken ?? null;
  const raw = hallNodeClient({ url: hallNode.url, timeoutMs: deps.timeoutMs });
  const known = new KnownCallers(now);
  const sessionNotices = new SessionNotices();
  const watches = sessionWatches({
    url: hallNode.url,
    notices: sessionNotices,
    forget: (token) => known.forget(token),
  });
  const pending = new PendingConfirms(deps.db, join(deps.dataDir, 'hall-link', LEGACY_CONFIRMS));
  let since = new Date(now()).toISOString();
  const warn = (obj: object, msg: string) => deps.log.warn(obj, msg);

  // Whose hall node answers: checked each time the link comes up, before its events are
  // relayed or the link is said to be up. A machine pointed at another hall's node (a typo in
  // hallNode.url) must not take that hall's numbers or show its calls.
  const ours = deps.config.hall.id;
  let hall: 'unchecked' | 'ours' | { theirs: string } = 'unchecked';
  const otherHall = () => (typeof hall === 'object' ? hall.theirs : null);

  // While the link is known down, or known to be another hall's, a call fails at once.
  const call: HallCall = (method, params, credential) => {
    if (link.state === 'down') return Promise.reject(hallUnreachable(hallNode.url));
    const theirs = otherHall();
    if (theirs !== null) return Promise.reject(wrongHall(hallNode.url, theirs, ours));
    return raw(method, params, credential);
  };

  const state = (): HallLinkState => {
    if (link.state !== 'up') return link.state;
    if (hall === 'ours') return 'up';
    return otherHall() === null ? 'connecting' : 'wrong-hall';
  };
  const status = (): HallLinkStatus => ({
    state: state(),
    since,
    pendingConfirms: pending.size,
  });

  const printing = new Set<number>();
  let flushing = false;
  const flushConfirms = async (): Promise<void> => {
    if (flushing) return;
    flushing = true;
    try {
      for (const note of [...pending.list]) {
        if (printing.has(note.ticketId)) continue; // its own 取号 sends it when the print ends
        if ((await sendConfirm({ call, pending, warn }, note, deviceToken)) === 'retry') return;
      }
    } finally {
      flushing = false;
    }
  };

  const announce = (): void => {
    since = new Date(now()).toISOString();
    deps.log.info({ hallNode: hallNode.url, state: state() }, 'hall link');
    deps.bus.publish('hallLink.changed', status());
  };
  const checkHall = async (): Promise<void> => {
    try {
      const info = await raw('system.info', {}, deviceToken);
      hall = info.hallId === ours ? 'ours' : { theirs: String(info.hallId) };
    } catch (error) {
      warn({ err: error }, 'hall link: cannot ask the hall node which hall it serves; will retry');
      return;
    }
    if (link.state !== 'up') return; // gone again meanwhile: its own change said so
    if (hall !== 'ours')
      deps.log.error(
        { hallNode: hallNode.url, theirs: otherHall(), ours },
        'hall link: another hall',
      );
    announce();
    if (hall === 'ours') void flushConfirms();
  };
  const onState = (linkState: HallLinkState): void => {
    hall = 'unchecked';
    announce();
    if (linkState === 'up') void checkHall();
  };
  const link = startEventLink({
    url: hallNode.url,
    token: deviceToken,
    relay: (event, data) => {
      if (hall === 'ours') deps.bus.publish(event, data as never);
    },
    onState,
  });
  const retryTimer = setInterval(() => {
    if (link.state !== 'up') return;
    if (hall === 'unchecked') void checkHall();
    else if (hall === 'ours' && pending.size > 0) void flushConfirms();
  }, RETRY_CONFIRMS_MS);
  retryTimer.unref();

  const credential = (ctx: CallContext) => credentialFor(ctx.caller, deviceToken);
  const forward =
    <M extends QueueMethod>(method: M): Handler<M> =>
    (params, ctx) =>
      call(method, params as never, credential(ctx));

  const handlers = {} as Record<QueueMethod, Handler<QueueMethod>>;
  for (const method of methodNames.filter(isQueueMethod)) {
    const local = localQueueCalls.has(method) ? deps.local[method] : undefined;
    handlers[method] = (local ?? forward(method)) as Handler<QueueMethod>;
  }
  const ownBirthDate = <P extends { birthDate?: string; idNumber?: string }>(p: P): P =>
    withOwnBirthDate(p, deps.heldIdentity) as P;
  const slipPrinter = printServiceTicketPrinter(deps.print, null);
  const slips = () => ({
    call,
    slips: slipPrinter,
    pending,
    printing,
    demo: deps.config.mode === 'demo',
    warn,
  });
  const own: Partial<Pick<Handlers, LinkMethods>> = {
    // The hall node trusts the birth date this kiosk's device token forwards, so it is this
    // core's, from the card its own reader read or the number typed on its keypad; the page's
    // birth date is dropped and the typed number goes no further.
    'queue.issue': (p, ctx) => memberIssue(slips(), ownBirthDate(p), credential(ctx)),
    'queue.reserve': (p, ctx) => call('queue.reserve', ownBirthDate(p), credential(ctx)),
    'queue.checkIn': (p, ctx) => memberCheckIn(slips(), p, credential(ctx)),
    'queue.login': async (p, ctx) => {
      // The device token vouches for a badge this machine's own reader read, nothing typed.
      if (p.badgeUid && !p.pin && ctx.caller?.kind !== 'local') throw badgeNotRead();
      const r = await call('queue.login', p, deviceToken);
      const staff = { kind: 'staff', staffId: r.staff.id, role: r.staff.role } as const;
      known.remember(
        r.token,
        { ...staff, counterId: r.counterId, token: r.token },
        Date.parse(r.expiresAt),
      );
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
      const caller: Exclude<Caller, { kind: 'local' } | { kind: 'anonymous' }> =
        r.kind === 'staff'
          ? {
              kind: 'staff',
              staffId: r.id,
              role: r.role as StaffRole,
              counterId: r.counterId,
              token,
            }
          : { kind: 'device', id: r.id, role: r.role === 'display' ? 'display' : 'kiosk' };
      known.remember(token, caller, now() + SESSION_FALLBACK_MS);
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
    'hallLink.status': () => status(),
  };

  return {
    handlers: { ...(handlers as unknown as Pick<Handlers, QueueMethod>), ...own } as Pick<
      Handlers,
      LinkMethods
    >,
    identify: memberIdentify(known, deps.identify),
    status,
    sessionNotices,
    close() {
      clearInterval(retryTimer);
      watches.close();
      link.close();
    },
  };
}

/** The hall node itself has no link: the status says so, for pages that ask everywhere. */
export function hallNodeLinkHandlers(startedAt: Date): Pick<Handlers, 'hallLink.status'> {
  const since = startedAt.toISOString();
  return { 'hallLink.status': () => ({ state: 'none', since, pendingConfirms: 0 }) };
}
