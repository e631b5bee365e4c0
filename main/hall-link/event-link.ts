/**
 * The member's WebSocket to the hall node: it presents the device token, then relays the
 * hall's queue events onto the local bus. It reconnects by itself with capped, jittered
 * backoff and reports every change of state, so pages can say "link down" and resync on "up".
 */
import WebSocket from 'ws';
import {
  checkedEvent,
  events,
  eventSpecs,
  parseServerFrame,
  type EventName,
  type WsServerFrame,
} from '../../common/contract/contract.js';
import type { HallLinkState } from '../../common/contract/hall-link.js';
import { nextDelay, type Backoff } from '../outbox/backoff.js';

const HEARTBEAT_MS = 10_000;

export interface EventLinkOptions {
  /** The hall node's base URL (http or https); the socket is `<url>/ws`. */
  url: string;
  token: string | null;
  /** A hall event to relay (already checked against the contract). */
  relay(event: EventName, data: unknown): void;
  /** Which of the hall's events to relay (default: its queue events). */
  accept?: (event: string) => event is EventName;
  onState(state: HallLinkState): void;
  backoff?: Backoff;
  random?: () => number;
}

export interface EventLink {
  readonly state: HallLinkState;
  close(): void;
}

/** Only the hall's events are relayed; this machine's devices, notices and cases stay its own. */
export const relayed = (event: string): event is EventName =>
  Object.hasOwn(events, event) && eventSpecs[event as EventName].scope === 'hall';

const refusal = (m: WsServerFrame): boolean =>
  m.t === 'result' && !m.ok && (m.error.code === 'FORBIDDEN' || m.error.code === 'BAD_REQUEST');

export function wsUrlOf(url: string): string {
  return `${url.replace(/\/+$/, '').replace(/^http/, 'ws')}/ws`;
}

export function startEventLink(options: EventLinkOptions): EventLink {
  const backoff = options.backoff ?? { baseMs: 500, capMs: 15_000 };
  const random = options.random ?? Math.random;
  let state: HallLinkState = 'connecting';
  let attempt = 0;
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  const refusedHere = new WeakSet<WebSocket>();
  const accept = options.accept ?? relayed;

  const set = (next: HallLinkState): void => {
    if (next === state) return;
    state = next;
    options.onState(next);
  };

  const retry = (): void => {
    if (closed || timer) return;
    const delay = nextDelay(backoff, attempt++, random);
    timer = setTimeout(
      () => {
        timer = null;
        open();
      },
      Math.max(100, delay),
    );
  };

  const onMessage = (raw: WebSocket.RawData): void => {
    // Every frame is the contract's, or it is dropped.
    const message = parseServerFrame(raw.toString());
    if (!message) return;
    if (message.t === 'result' && message.id === 1) {
      if (message.ok === true) {
        attempt = 0;
        set('up');
      } else if (refusal(message)) {
        // The hall node answered and refused the token: keep trying (it may be enrolled).
        set('refused');
        if (socket) refusedHere.add(socket);
        socket?.close();
      } else socket?.close(); // busy (rate limit, restart): down, and try again

      return;
    }
    if (message.t !== 'event' || !accept(message.event)) return;
    const checked = checkedEvent(message);
    if (checked) options.relay(checked.event, checked.data);
  };

  function open(): void {
    if (closed) return;
    const ws = new WebSocket(wsUrlOf(options.url), { handshakeTimeout: 5000 });
    socket = ws;
    // A hall node that vanished without closing (power, cable) is noticed by a missed pong.
    let alive = true;
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, HEARTBEAT_MS);
    ws.on('pong', () => (alive = true));
    ws.on('open', () => {
      // Without a token the hall node sends no queue events; the state stays honest about it.
      const token = options.token ?? '';
      ws.send(
        JSON.stringify({ t: 'call', id: 1, method: 'queue.authenticate', params: { token } }),
      );
    });
    ws.on('message', onMessage);
    ws.on('error', () => {
      // 'close' follows and schedules the retry.
    });
    ws.on('close', () => {
      clearInterval(heartbeat);
      if (socket === ws) socket = null;
      if (closed) return;
      if (!refusedHere.has(ws)) set('down');
      retry();
    });
  }

  open();
  return {
    get state() {
      return state;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.terminate();
    },
  };
}
