/**
 * The WebSocket link: one socket at a time to `<origin>/ws`, reopened by itself with jittered
 * exponential back-off. Written against the browser's WebSocket shape, which the `ws` package
 * also has, so the page and a member machine use the same link.
 */
import type { CallFrame } from '../contract/frames.js';
import type { ClientLink, LinkSink } from './links.js';

/** The part of a WebSocket the link uses (the browser's, `ws`'s, or a test's fake). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}
export type SocketFactory = (url: string) => SocketLike;

export interface SocketLinkOptions {
  url: string;
  socket?: SocketFactory;
  /** First and longest wait between attempts to reopen. */
  backoffMs?: { initial: number; max: number };
  random?: () => number;
  /**
   * Whether an open socket starts the back-off over (the default). A peer that must first be
   * accepted (a member presenting its token) says false and calls `settled()` once it is.
   */
  settleOnOpen?: boolean;
}

export interface SocketLink extends ClientLink {
  /** The connection is good: the next wait after a drop starts from the shortest again. */
  settled(): void;
}

const OPEN = 1;

export function socketLink(options: SocketLinkOptions): SocketLink {
  const open = options.socket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const backoff = options.backoffMs ?? { initial: 500, max: 10_000 };
  const random = options.random ?? Math.random;
  let sink: LinkSink | null = null;
  let socket: SocketLike | null = null;
  let closed = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function connect(): void {
    if (closed || !sink) return;
    sink.state('connecting');
    const current = open(options.url);
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      if (options.settleOnOpen ?? true) attempt = 0;
      sink?.state('up');
    };
    current.onmessage = (event) => {
      if (socket === current) sink?.frame(event.data);
    };
    // Browsers fire error then close; close alone drives the state.
    current.onerror = () => {};
    current.onclose = () => {
      if (socket === current) drop();
    };
  }

  function drop(): void {
    socket = null;
    sink?.state('down');
    if (closed) return;
    const delay = Math.min(backoff.max, backoff.initial * 2 ** attempt);
    attempt += 1;
    // Jitter, so a hall full of kiosks does not reconnect in lockstep after a restart.
    retryTimer = setTimeout(connect, delay * (0.5 + random() / 2));
  }

  /** Lets go of the current socket without waiting for its close. */
  function release(code?: number, reason?: string): void {
    const current = socket;
    if (!current) return;
    current.onclose = null;
    current.close(code, reason);
  }

  return {
    open(target) {
      sink = target;
      connect();
    },
    send(frame: CallFrame) {
      if (socket?.readyState === OPEN) socket.send(JSON.stringify(frame));
    },
    settled() {
      attempt = 0;
    },
    reset() {
      if (!socket) return;
      release();
      drop();
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      release(1000, 'closed by page');
      socket = null;
    },
  };
}

/** `ws://host/ws` or `wss://host/ws`, following the page's own scheme and origin. */
export function wsUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

/** A hall node's base URL (http or https) → its socket, `<url>/ws`. */
export function wsUrlOf(url: string): string {
  return `${url.replace(/\/+$/, '').replace(/^http/, 'ws')}/ws`;
}
