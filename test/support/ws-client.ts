/** A minimal contract client over a real WebSocket, for tests. */
import WebSocket from 'ws';
import { WsServerFrame } from '../../common/contract/contract.js';

export interface WsTestClient {
  socket: WebSocket;
  call(method: string, params: unknown): Promise<Record<string, unknown>>;
  sendRaw(data: string | Buffer): Promise<Record<string, unknown>>;
  /** The next event (queued or coming) that matches. */
  nextEvent(match?: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  close(): void;
}

export async function connectWs(
  url: string,
  headers: Record<string, string> = {},
): Promise<WsTestClient> {
  const socket = new WebSocket(url, { headers });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  const events: Record<string, unknown>[] = [];
  type Waiter = {
    match: (m: Record<string, unknown>) => boolean;
    resolve: (m: Record<string, unknown>) => void;
  };
  let eventWaiters: Waiter[] = [];
  socket.on('message', (raw) => {
    const message = JSON.parse(raw.toString()) as Record<string, unknown>;
    // Every frame the core sends is the contract's: a test that meets another one fails.
    const frame = WsServerFrame.safeParse(message);
    if (!frame.success) throw new Error(`not a contract frame: ${raw.toString().slice(0, 200)}`);
    if (message.t === 'event') {
      const waiter = eventWaiters.find((w) => w.match(message));
      if (waiter) {
        eventWaiters = eventWaiters.filter((w) => w !== waiter);
        waiter.resolve(message);
      } else events.push(message);
    } else waiting.shift()?.(message);
  });
  // Replies come back in order for these tests: one request at a time.
  const next = () => new Promise<Record<string, unknown>>((resolve) => waiting.push(resolve));
  let id = 0;
  return {
    socket,
    call(method, params) {
      const reply = next();
      socket.send(JSON.stringify({ t: 'call', id: ++id, method, params }));
      return reply;
    },
    sendRaw(data) {
      const reply = next();
      socket.send(data);
      return reply;
    },
    nextEvent: (match = () => true) => {
      const index = events.findIndex(match);
      if (index >= 0) return Promise.resolve(events.splice(index, 1)[0]!);
      return new Promise((resolve) => eventWaiters.push({ match, resolve }));
    },
    close: () => socket.close(),
  };
}
