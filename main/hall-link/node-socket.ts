/**
 * A WebSocket for a Node peer of the hall node (the `ws` package, which has the browser's
 * shape the socket link expects). A hall node that vanished without closing — power, a pulled
 * cable — is noticed by a missed pong, so the link does not wait on a dead socket.
 */
import WebSocket from 'ws';
import type { SocketFactory, SocketLike } from '../../common/rpc/socket-link.js';

const HEARTBEAT_MS = 10_000;

export const nodeSocket: SocketFactory = (url) => {
  const ws = new WebSocket(url, { handshakeTimeout: 5000 });
  let alive = true;
  const heartbeat = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    if (ws.readyState === WebSocket.OPEN) ws.ping();
  }, HEARTBEAT_MS);
  ws.on('pong', () => (alive = true));
  ws.on('close', () => clearInterval(heartbeat));
  // 'close' follows every error; the link acts on close alone.
  ws.on('error', () => {});
  return ws as unknown as SocketLike;
};
