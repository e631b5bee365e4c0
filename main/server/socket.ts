/**
 * The WebSocket transport, server side: one socket is one connection to the RPC peer
 * (main/transport/peer.ts). Text in, frames out; a bad message gets a typed error on the same
 * socket, which stays open, the core untouched.
 */
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { EventFrame, ResultFrame } from '../../common/contract/frames.js';
import type { Core } from '../core/core.js';
import { ContractError, messages } from '../../common/contract/errors.js';
import { idOf, openConnection, refuse, type Connection } from '../transport/peer.js';
import { sameOrigin } from './guards.js';
import { TokenBucket, type RateLimiter } from './rate-limit.js';

const HEARTBEAT_MS = 30_000;

/** One event goes to every socket: encode it once, not once per socket. */
const encoded = new WeakMap<object, string>();
function eventText(frame: EventFrame): string {
  const data = frame.data;
  if (!data || typeof data !== 'object') return JSON.stringify(frame);
  let text = encoded.get(data);
  if (text === undefined) {
    text = JSON.stringify(frame);
    encoded.set(data, text);
  }
  return text;
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
  const send = (frame: ResultFrame): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const connection = openConnection(core, {
    transport: 'ws',
    peer: req.ip,
    push: (frame) => {
      if (socket.readyState === socket.OPEN) socket.send(eventText(frame));
    },
  });
  const bucket = new TokenBucket(core.config.queue.rateLimit);
  let alive = true;
  socket.on('pong', () => (alive = true));
  const heartbeat = setInterval(() => {
    if (!alive) return socket.terminate();
    alive = false;
    socket.ping();
  }, HEARTBEAT_MS);
  socket.on('close', () => {
    clearInterval(heartbeat);
    connection.close();
  });
  socket.on('message', (raw, isBinary) => {
    const json = isBinary ? undefined : decode(raw.toString());
    if (!bucket.take() || !perAddress.take(req.ip)) {
      send(refuse(idOf(json), new ContractError('RATE_LIMITED', messages.rateLimited)));
      return;
    }
    void receive(json, connection).then(send);
  });
}

const notJson = Symbol('not JSON');

function decode(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return notJson;
  }
}

function receive(json: unknown, connection: Connection): Promise<ResultFrame> {
  if (json === notJson) {
    return Promise.resolve(refuse(null, new ContractError('BAD_REQUEST', messages.notJson)));
  }
  return connection.receive(json);
}
