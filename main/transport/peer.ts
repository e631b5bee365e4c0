/**
 * The one server side of the contract. Each connection — an Electron window, a WebSocket, one
 * HTTP request — hands it calls and gets result frames back; a connection that can hear events
 * is pushed the ones its caller may hear, and is told when its staff session ends. Transports
 * only carry frames: ipc.ts, server/socket.ts and the LAN server's `/api` route.
 */
import { eventSpecs, type Envelope, type EventData } from '../../common/contract/contract.js';
import type { EventBus } from '../../common/contract/bus.js';
import type { CallContext, Caller } from '../../common/contract/call.js';
import { ContractError, messages } from '../../common/contract/errors.js';
import { CallFrame, type EventFrame, type ResultFrame } from '../../common/contract/frames.js';
import { toIssues } from '../../common/contract/zod-issues.js';
import { allows } from '../access/access.js';
import type { Dispatcher } from './dispatch.js';

/** Staff sessions that end elsewhere (the queue's, or a member's watch of the hall node's). */
export interface SessionWatch {
  watch(
    credential: () => string | null,
    onEnded: (notice: EventData<'session.ended'>) => void,
  ): () => void;
}

/** What the peer needs of the core. */
export interface PeerHost {
  dispatcher: Dispatcher;
  identify(ctx: CallContext): Caller;
  bus: EventBus;
  sessionNotices?: SessionWatch;
}

export interface ConnectionOptions {
  transport: CallContext['transport'];
  /** Who is at the other end, for the log: an address or a frame URL. */
  peer: string;
  /** A credential the transport carried (HTTP's Bearer); calls may bind another. */
  credential?: string | null;
  /** Where this connection's events go; without it the connection hears none. */
  push?(frame: EventFrame): void;
}

export interface Connection {
  /** A decoded frame as it arrived: a call is answered, anything else refused. */
  receive(raw: unknown): Promise<ResultFrame>;
  /** A call a transport has already taken apart (HTTP carries the method in its URL). */
  answer(id: number, method: unknown, params: unknown): Promise<ResultFrame>;
  close(): void;
}

export function openConnection(host: PeerHost, options: ConnectionOptions): Connection {
  // The connection's credential (set by a login or authenticate call) and who it makes us.
  const ctx: CallContext = {
    transport: options.transport,
    peer: options.peer,
    credential: options.credential ?? null,
  };
  let caller: Caller = host.identify(ctx);
  ctx.bind = (token) => {
    ctx.credential = token;
    caller = host.identify(ctx);
  };
  const stopEvents = options.push ? hearEvents(host, ctx, () => caller, options.push) : () => {};

  const answer = async (id: number, method: unknown, params: unknown): Promise<ResultFrame> => {
    const envelope = await host.dispatcher.dispatch(method, params, ctx);
    return { t: 'result', id, ...envelope };
  };
  return {
    answer,
    receive(raw) {
      const parsed = CallFrame.safeParse(raw, { reportInput: true });
      if (parsed.success) return answer(parsed.data.id, parsed.data.method, parsed.data.params);
      const error = new ContractError('BAD_REQUEST', messages.badRequest('message'), {
        issues: toIssues(parsed.error, { root: 'message' }),
      });
      return Promise.resolve(refuse(idOf(raw), error));
    },
    close: stopEvents,
  };
}

/** A result frame as the transports that answer one call per request carry it (IPC, HTTP). */
export function envelopeOf(frame: ResultFrame): Envelope {
  const { t: _t, id: _id, ...envelope } = frame;
  return envelope as Envelope;
}

/** A refusal of a frame that was never run; `id` is null when the frame had none. */
export function refuse(id: number | null, error: ContractError): ResultFrame {
  return { t: 'result', id, ok: false, error: error.body };
}

/** The id of a frame, if it has one, so a refused call is answered, not left hanging. */
export function idOf(raw: unknown): number | null {
  const id = (raw as { id?: unknown } | null | undefined)?.id;
  return Number.isInteger(id) && (id as number) >= 0 ? (id as number) : null;
}

/**
 * Events go to a connection whose caller is in their audience. A session that ended is told so,
 * and from then on the connection hears what anonymous hears.
 */
function hearEvents(
  host: PeerHost,
  ctx: CallContext,
  caller: () => Caller,
  push: (frame: EventFrame) => void,
): () => void {
  const endSession = (notice: EventData<'session.ended'>): void => {
    ctx.bind?.(null);
    push({ t: 'event', event: 'session.ended', data: notice });
  };
  const stopNotices =
    host.sessionNotices?.watch(() => ctx.credential ?? null, endSession) ?? (() => {});
  const stopBus = host.bus.subscribe((event, data) => {
    const now = caller();
    if (now.kind === 'staff' && now.expiresAt !== undefined && now.expiresAt <= Date.now()) {
      endSession({ reason: 'expired', by: null, counterNumber: null });
    }
    if (allows(eventSpecs[event].audience, caller())) push({ t: 'event', event, data });
  });
  return () => {
    stopBus();
    stopNotices();
  };
}
