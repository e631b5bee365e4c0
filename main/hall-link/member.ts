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
import type { HallLinkStatus } from '../../common/contract/hall-link.js';
import type { Logger } from '../log/logger.js';
import type { PrintService } from '../print/service.js';
import type { Caller, CallContext, Handler, Handlers } from '../../common/contract/call.js';
import type { EventBus } from '../../common/contract/bus.js';
import { credentialFor, KnownCallers, memberIdentify } from './callers.js';
import { hallNodeClient, type HallCall } from './hall-node-client.js';
import { startHallNodeLink } from './hall-node-link.js';
import { confirmFlusher, memberCheckIn, memberIssue } from './issue.js';
import { memberSessionHandlers } from './member-sessions.js';
import { PendingConfirms } from './pending-confirms.js';
import type { Db } from '../store/store.js';
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

/** Where older versions kept the pending confirmations (moved into the database once). */
const LEGACY_CONFIRMS = 'pending-confirms.json';

export function startHallMember(deps: HallMemberDeps): HallMember {
  const hallNode = deps.config.hallNode!;
  const now = deps.now ?? Date.now;
  const deviceToken = hallNode.deviceToken ?? null;
  const known = new KnownCallers(now);
  const sessionNotices = new SessionNotices();
  const watches = sessionWatches({
    url: hallNode.url,
    notices: sessionNotices,
    forget: (token) => known.forget(token),
  });
  const pending = new PendingConfirms(deps.db, join(deps.dataDir, 'hall-link', LEGACY_CONFIRMS));
  const warn = (obj: object, msg: string) => deps.log.warn(obj, msg);
  const printing = new Set<number>();
  const link = startHallNodeLink({
    url: hallNode.url,
    ours: deps.config.hall.id,
    deviceToken,
    raw: hallNodeClient({ url: hallNode.url, timeoutMs: deps.timeoutMs }),
    bus: deps.bus,
    log: deps.log,
    now,
    pendingConfirms: () => pending.size,
    onOurs: () => void flushConfirms(),
  });
  const call = link.call;
  // Notes the hall node has not heard yet go whenever the link is up to our own hall.
  const flushConfirms = confirmFlusher({ call, pending, printing, warn }, deviceToken);

  const credential = (ctx: CallContext) => credentialFor(ctx.caller, deviceToken);
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
    ...memberSessionHandlers({ call, known, watches, deviceToken, now }),
    'hallLink.status': () => link.status(),
  };

  return {
    handlers: { ...forwarded(call, deps.local, credential), ...own } as Pick<Handlers, LinkMethods>,
    identify: memberIdentify(known, deps.identify),
    status: () => link.status(),
    sessionNotices,
    close() {
      watches.close();
      link.close();
    },
  };
}

/** Every call of the queue's channel goes to the hall node, but for the few that stay here. */
function forwarded(
  call: HallCall,
  local: HallMemberDeps['local'],
  credential: (ctx: CallContext) => string | null,
): Pick<Handlers, QueueMethod> {
  const forward =
    <M extends QueueMethod>(method: M): Handler<M> =>
    (params, ctx) =>
      call(method, params as never, credential(ctx));
  const handlers = {} as Record<QueueMethod, Handler<QueueMethod>>;
  for (const method of methodNames.filter(isQueueMethod)) {
    const own = localQueueCalls.has(method) ? local[method] : undefined;
    handlers[method] = (own ?? forward(method)) as Handler<QueueMethod>;
  }
  return handlers as unknown as Pick<Handlers, QueueMethod>;
}

/** The hall node itself has no link: the status says so, for pages that ask everywhere. */
export function hallNodeLinkHandlers(startedAt: Date): Pick<Handlers, 'hallLink.status'> {
  const since = startedAt.toISOString();
  return { 'hallLink.status': () => ({ state: 'none', since, pendingConfirms: 0 }) };
}
