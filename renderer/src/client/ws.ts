/**
 * The WebSocket transport: any browser on the hall LAN (counters, displays, a kiosk page opened
 * over http) reaches the core at `/ws` on the origin that served the page.
 *
 * Link rules, so a screen can rely on them:
 * - a call made while a connection attempt is in progress waits for it (up to the call timeout);
 * - a call made while the link is down is refused at once with UNAVAILABLE — the page shows the
 *   "reconnecting" banner instead of leaving the resident staring at a spinner;
 * - calls in flight when the link drops are refused with UNAVAILABLE (their outcome is unknown);
 * - every call times out (10 s), and a quiet link is probed with `system.ping` so a pulled
 *   cable is noticed even when the socket never closes;
 * - the link reconnects by itself with jittered exponential back-off.
 */
import type {
  ContractErrorBody,
  EventData,
  EventName,
  Method,
  Request,
  Response,
  Text,
} from '../../../common/contract/contract.js';
import { ClientError, type HallClient } from './client.js';

/** The part of the browser's WebSocket this client uses (tests pass a fake). */
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

const OPEN = 1;

const linkDown: Text = {
  'zh-CN': '与服务连接中断，正在重连',
  en: 'Connection to the service lost — reconnecting',
};
const timedOut: Text = {
  'zh-CN': '服务没有及时响应，请稍后再试',
  en: 'The service did not answer in time — please try again',
};
const badReply: Text = {
  'zh-CN': '服务返回了无法识别的结果',
  en: 'The service sent a reply this page cannot read',
};

function unavailable(message: Text): ClientError {
  return new ClientError({ code: 'UNAVAILABLE', message });
}

interface Pending {
  method: Method;
  params: unknown;
  sent: boolean;
  timer: ReturnType<typeof setTimeout>;
  resolve(value: unknown): void;
  reject(error: ClientError): void;
}

export function createWsClient(options: WsClientOptions): HallClient {
  const open = options.socket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const callTimeoutMs = options.callTimeoutMs ?? 10_000;
  const backoff = options.backoffMs ?? { initial: 500, max: 10_000 };
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const random = options.random ?? Math.random;

  let socket: SocketLike | null = null;
  let connecting = false;
  let up = false;
  let closed = false;
  let attempt = 0;
  let nextId = 1;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  const pending = new Map<number, Pending>();
  const eventListeners = new Map<EventName, Set<(data: unknown) => void>>();
  const connectionListeners = new Set<(up: boolean) => void>();

  function setUp(value: boolean): void {
    if (up === value) return;
    up = value;
    for (const listener of connectionListeners) listener(value);
  }

  function send(id: number, entry: Pending): void {
    entry.sent = true;
    socket?.send(JSON.stringify({ t: 'call', id, method: entry.method, params: entry.params }));
  }

  function settle(id: number): Pending | undefined {
    const entry = pending.get(id);
    if (!entry) return undefined;
    pending.delete(id);
    clearTimeout(entry.timer);
    return entry;
  }

  function connect(): void {
    if (closed) return;
    connecting = true;
    const current = open(options.url);
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      connecting = false;
      attempt = 0;
      setUp(true);
      for (const [id, entry] of pending) if (!entry.sent) send(id, entry);
      startHeartbeat();
    };
    current.onmessage = (event) => {
      if (socket === current) receive(event.data);
    };
    // Browsers fire error then close; close alone drives the state.
    current.onerror = () => {};
    current.onclose = () => {
      if (socket !== current) return;
      dropLink();
    };
  }

  function dropLink(): void {
    socket = null;
    connecting = false;
    stopHeartbeat();
    // Every call still waiting — sent or queued — learns the link is gone.
    for (const id of [...pending.keys()]) settle(id)?.reject(unavailable(linkDown));
    setUp(false);
    if (closed) return;
    const delay = Math.min(backoff.max, backoff.initial * 2 ** attempt);
    attempt += 1;
    // Jitter, so a hall full of kiosks does not reconnect in lockstep after a restart.
    retryTimer = setTimeout(connect, delay * (0.5 + random() / 2));
  }

  function startHeartbeat(): void {
    if (heartbeatMs <= 0) return;
    heartbeatTimer = setInterval(() => {
      client.call('system.ping', { nonce: `hb-${Date.now()}` }).catch((error: unknown) => {
        // A probe that times out means a dead link the socket has not noticed: drop it.
        if (error instanceof ClientError && error.body.message === timedOut) {
          const stale = socket;
          if (stale) {
            stale.onclose = null;
            stale.close();
            if (socket === stale) dropLink();
          }
        }
      });
    }, heartbeatMs);
  }

  function stopHeartbeat(): void {
    if (heartbeatTimer !== undefined) clearInterval(heartbeatTimer);
    heartbeatTimer = undefined;
  }

  function receive(raw: unknown): void {
    let message: unknown;
    try {
      message = typeof raw === 'string' ? JSON.parse(raw) : undefined;
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const m = message as Record<string, unknown>;
    if (m.t === 'result' && typeof m.id === 'number') {
      const entry = settle(m.id);
      if (!entry) return;
      if (m.ok === true) entry.resolve(m.result);
      else entry.reject(toClientError(m.error));
    } else if (m.t === 'event' && typeof m.event === 'string') {
      const listeners = eventListeners.get(m.event as EventName);
      if (listeners) for (const listener of [...listeners]) listener(m.data);
    }
  }

  const client: HallClient = {
    call<M extends Method>(method: M, params: Request<M>): Promise<Response<M>> {
      if (closed || (!up && !connecting)) return Promise.reject(unavailable(linkDown));
      return new Promise<Response<M>>((resolve, reject) => {
        const id = nextId++;
        const entry: Pending = {
          method,
          params,
          sent: false,
          timer: setTimeout(() => settle(id)?.reject(unavailable(timedOut)), callTimeoutMs),
          resolve: resolve as (value: unknown) => void,
          reject,
        };
        pending.set(id, entry);
        if (socket?.readyState === OPEN) send(id, entry);
      });
    },

    on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void {
      let listeners = eventListeners.get(event);
      if (!listeners) eventListeners.set(event, (listeners = new Set()));
      const relay = listener as (data: unknown) => void;
      listeners.add(relay);
      return () => listeners.delete(relay);
    },

    /** The listener hears the current state at once, then every change. */
    onConnection(listener: (up: boolean) => void): () => void {
      connectionListeners.add(listener);
      listener(up);
      return () => connectionListeners.delete(listener);
    },

    close(): void {
      closed = true;
      clearTimeout(retryTimer);
      const current = socket;
      if (current) {
        current.onclose = null;
        current.close(1000, 'closed by page');
      }
      dropLink();
    },
  };

  connect();
  return client;
}

function toClientError(error: unknown): ClientError {
  const body = error as Partial<ContractErrorBody> | undefined;
  if (
    body &&
    typeof body.code === 'string' &&
    body.message &&
    typeof body.message.en === 'string'
  ) {
    return new ClientError(body as ContractErrorBody);
  }
  return new ClientError({ code: 'INTERNAL', message: badReply });
}

/** `ws://host/ws` or `wss://host/ws`, following the page's own scheme and origin. */
export function wsUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}
