/**
 * The WebSocket transport: any browser on the hall LAN (counters, displays, a kiosk page opened
 * over http) reaches the core at `/ws` on the origin that served the page. The link rules a
 * screen relies on (waiting while connecting, refusing at once while down, timeouts, probing a
 * quiet link) are the peer's own: common/rpc/client.ts.
 */
import { createRpcClient } from '../../../common/rpc/client.js';
import { socketLink, type SocketFactory } from '../../../common/rpc/socket-link.js';
import type { HallClient } from './client.js';

export { wsUrlFor, type SocketFactory, type SocketLike } from '../../../common/rpc/socket-link.js';

export interface WsClientOptions {
  url: string;
  socket?: SocketFactory;
  callTimeoutMs?: number;
  /** First and longest wait between reconnect attempts. */
  backoffMs?: { initial: number; max: number };
  /** How often an otherwise quiet link is probed; 0 turns probing off. */
  heartbeatMs?: number;
  random?: () => number;
}

export function createWsClient(options: WsClientOptions): HallClient {
  const link = socketLink({
    url: options.url,
    socket: options.socket,
    backoffMs: options.backoffMs,
    random: options.random,
  });
  return createRpcClient(link, {
    callTimeoutMs: options.callTimeoutMs,
    probeMs: options.heartbeatMs ?? 15_000,
  });
}
