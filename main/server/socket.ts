/**
 * One WebSocket client: calls in, results and events out. A bad message gets a typed error on
 * the same socket; the socket stays open, the core is untouched.
 */
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import {
  eventSpecs,
  WsClientMessage,
  type EventData,
  type WsServerMessage,
} from '../../common/contract/contract.js';
import { toIssues } from '../../common/contract/zod-issues.js';
import type { Core } from '../core/core.js';
import { allows } from '../access/access.js';
import type { Caller, CallContext } from '../../common/contract/call.js';
import { ContractError, messages } from '../../common/contract/errors.js';
import { sameOrigin } from './guards.js';
import { TokenBucket, type RateLimiter } from './rate-limit.js';

const HEARTBEAT_MS = 30_000;

/** One event goes to every socket: encode it once, not once per socket. */
const encoded = new WeakMap<object, string>();
function eventFrame(event: string, data: unknown): string {
  if (!data || typeof data !== 'object') return JSON.stringify({ t: 'event', event, data });
  let frame = encoded.get(data);
  if (frame === undefined) {
    frame = JSON.stringify({ t: 'event', event, data });
    encoded.set(data, frame);
  }
  return frame;
}

/**
 * `perAddress` is the one bucket every socket and HTTP request from an address draws on, so
 * opening more sockets buys no more calls.
 */
export function handleSocket(
  socket: WebSocket,
  req: FastifyRequest,
  core: Core,
  perAddress: RateLimiter,
): void {
  // A page from another site must not drive the hall through a resident's browser.
  if (!sameOrigin(req.headers.origin, req.headers.host)) {
    socket.close(1008, 'origin not allowed');
    return;
  }
  const send = (message: WsServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  // The connection's credential (set by a login or authenticate call) and who it makes us.
  const link: CallContext = { transport: 'ws', peer: req.ip, credential: null };
  let caller: Caller = core.identify(link);
  link.bind = (token) => {
    link.credential = token;
    caller = core.identify(link);
  };
  const bucket = new TokenBucket(core.config.queue.rateLimit);
  // A session that ended is told so, and from then on the socket hears what anonymous hears.
  const endSession = (notice: EventData<'session.ended'>): void => {
    link.credential = null;
    caller = core.identify(link);
    if (socket.readyState === socket.OPEN) {
      socket.send(JSON.stringify({ t: 'event', event: 'session.ended', data: notice }));
    }
  };
  const stopNotices = core.sessionNotices.watch(() => link.credential ?? null, endSession);
  // The hall's queue is for enrolled devices and staff; other events go to every page.
  const stopEvents = core.bus.subscribe((event, data) => {
    if (
      caller.kind === 'staff' &&
      caller.expiresAt !== undefined &&
      caller.expiresAt <= Date.now()
    ) {
      endSession({ reason: 'expired', by: null, counterNumber: null });
    }
    if (!allows(eventSpecs[event].audience, caller)) return;
    if (socket.readyState === socket.OPEN) socket.send(eventFrame(event, data));
  });
  let alive = true;
  socket.on('pong', () => (alive = true));
  const heartbeat = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, HEARTBEAT_MS);
  socket.on('close', () => {
    clearInterval(heartbeat);
    stopEvents();
    stopNotices();
  });
  socket.on('message', (raw, isBinary) => {
    if (!bucket.take() || !perAddress.take(req.ip)) {
      send(refuse(callId(raw, isBinary), new ContractError('RATE_LIMITED', messages.rateLimited)));
      return;
    }
    void onMessage(isBinary ? null : raw.toString(), link, core).then(send);
  });
}

/** The id of a call, if the message has one, so a refused call is answered, not left hanging. */
function callId(raw: unknown, isBinary: boolean): number | null {
  if (isBinary) return null;
  try {
    const id = (JSON.parse(String(raw)) as { id?: unknown } | null)?.id;
    return Number.isInteger(id) ? (id as number) : null;
  } catch {
    return null;
  }
}

async function onMessage(
  text: string | null,
  link: CallContext,
  core: Core,
): Promise<WsServerMessage> {
  let json: unknown;
  try {
    json = text === null ? undefined : JSON.parse(text);
  } catch {
    return refuse(null, new ContractError('BAD_REQUEST', messages.notJson));
  }
  const parsed = WsClientMessage.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    const id = (json as { id?: unknown } | null)?.id;
    return refuse(
      Number.isInteger(id) ? (id as number) : null,
      new ContractError('BAD_REQUEST', messages.badRequest('message'), {
        issues: toIssues(parsed.error, { root: 'message' }),
      }),
    );
  }
  const { id, method, params } = parsed.data;
  const envelope = await core.dispatcher.dispatch(method, params, link);
  return { t: 'result', id, ...envelope };
}

function refuse(id: number | null, error: ContractError): WsServerMessage {
  return { t: 'result', id, ok: false, error: error.body };
}
