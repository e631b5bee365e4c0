/**
 * The one client side of the contract, whatever carries it: the page (over Electron IPC or a
 * WebSocket), a member machine (WebSocket events, HTTP calls to the hall node) and the tests
 * all call through it. A transport is only a link that sends a call frame and hands back the
 * frames and states it meets (links.ts); ids, timeouts, refusals and events live here once.
 *
 * Rules a screen can rely on:
 * - a call made while the link is connecting waits for it (up to the call timeout);
 * - a call made while the link is down is refused at once with UNAVAILABLE, so the page can say
 *   "reconnecting" instead of leaving the resident staring at a spinner;
 * - calls in flight when the link drops are refused with UNAVAILABLE (their outcome is unknown);
 * - every call times out, and a quiet link can be probed with `system.ping`, so a pulled cable
 *   is noticed even when the socket never closes;
 * - every frame is checked against the contract's frames; anything else is dropped.
 */
import type { EventData, EventName, Method, Request, Response } from '../contract/contract.js';
import { ContractError } from '../contract/errors.js';
import { parseServerFrame, type CallFrame, type ResultFrame } from '../contract/frames.js';
import type { Text } from '../text.js';
import type { CallOptions, ClientLink, LinkState } from './links.js';

export interface RpcClient {
  call<M extends Method>(
    method: M,
    params: Request<M>,
    options?: CallOptions,
  ): Promise<Response<M>>;
  on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void;
  /** Every event the link brings, by name. */
  onEvent(listener: (event: EventName, data: unknown) => void): () => void;
  /** Called with true when the link is up, false while it is down; at once with the current state. */
  onConnection(listener: (up: boolean) => void): () => void;
  /** Every state the link reports, attempts included (a peer that must tell each one apart). */
  onState(listener: (state: LinkState) => void): () => void;
  close(): void;
}

export interface RpcClientOptions {
  callTimeoutMs?: number;
  /** How often an otherwise quiet link is probed with `system.ping`; 0 (the default) never. */
  probeMs?: number;
  /**
   * Checks an event before listeners hear it; null drops it. Node peers check the data against
   * the contract's own schema; the page takes what the core checked on the way out.
   */
  checkEvent?: (event: string, data: unknown) => { event: EventName; data: unknown } | null;
}

export const linkDown: Text = {
  'zh-CN': '与服务连接中断，正在重连',
  en: 'Connection to the service lost — reconnecting',
};
export const timedOut: Text = {
  'zh-CN': '服务没有及时响应，请稍后再试',
  en: 'The service did not answer in time — please try again',
};

const unavailable = (message: Text): ContractError => new ContractError('UNAVAILABLE', message);
const asNamed = (event: string, data: unknown) => ({ event: event as EventName, data });

interface Pending {
  frame: CallFrame;
  options: CallOptions;
  sent: boolean;
  timer: ReturnType<typeof setTimeout>;
  resolve(value: unknown): void;
  reject(error: ContractError): void;
}

export function createRpcClient(link: ClientLink, options: RpcClientOptions = {}): RpcClient {
  const callTimeoutMs = options.callTimeoutMs ?? 10_000;
  const checkEvent = options.checkEvent ?? asNamed;
  let state: LinkState = 'connecting';
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(event: EventName, data: unknown) => void>();
  const connectionListeners = new Set<(up: boolean) => void>();
  const stateListeners = new Set<(state: LinkState) => void>();
  const probe = prober(options.probeMs ?? 0, () => client, link);

  const send = (entry: Pending): void => {
    entry.sent = true;
    link.send(entry.frame, entry.options);
  };
  const settle = (id: number): Pending | undefined => {
    const entry = pending.get(id);
    if (!entry) return undefined;
    pending.delete(id);
    clearTimeout(entry.timer);
    return entry;
  };

  const onState = (next: LinkState): void => {
    const wasUp = state === 'up';
    state = next;
    if (next === 'up') {
      for (const entry of pending.values()) if (!entry.sent) send(entry);
      probe.start();
    } else {
      probe.stop();
      // Every call still waiting — sent or queued — learns the link is gone.
      if (next === 'down')
        for (const id of [...pending.keys()]) settle(id)?.reject(unavailable(linkDown));
    }
    if (wasUp !== (next === 'up'))
      for (const listener of connectionListeners) listener(next === 'up');
    for (const listener of [...stateListeners]) listener(next);
  };

  const onResult = (frame: ResultFrame): void => {
    if (frame.id === null) return;
    const entry = settle(frame.id);
    if (!entry) return;
    if (frame.ok) entry.resolve(frame.result);
    else entry.reject(ContractError.fromBody(frame.error));
  };

  const onFrame = (raw: unknown): void => {
    const frame = parseServerFrame(raw);
    if (!frame) return;
    if (frame.t === 'result') return onResult(frame);
    const checked = checkEvent(frame.event, frame.data);
    if (checked) for (const listener of [...eventListeners]) listener(checked.event, checked.data);
  };

  const client: RpcClient = {
    call(method, params, callOptions = {}) {
      if (closed || state === 'down') return Promise.reject(unavailable(linkDown));
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const entry: Pending = {
          frame: { t: 'call', id, method, params },
          options: callOptions,
          sent: false,
          timer: setTimeout(() => settle(id)?.reject(unavailable(timedOut)), callTimeoutMs),
          resolve: resolve as (value: unknown) => void,
          reject,
        };
        pending.set(id, entry);
        if (state === 'up') send(entry);
      });
    },
    on(event, listener) {
      return client.onEvent((name, data) => {
        if (name === event) listener(data as never);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state === 'up');
      return () => connectionListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      link.close();
      onState('down');
    },
  };
  link.open({
    frame: onFrame,
    state: (next) => {
      if (!closed) onState(next);
    },
  });
  return client;
}

/** A probe that times out means a dead link the transport has not noticed: drop it. */
function prober(everyMs: number, client: () => RpcClient, link: ClientLink) {
  let timer: ReturnType<typeof setInterval> | undefined;
  const ping = (): void => {
    client()
      .call('system.ping', { nonce: `hb-${Date.now()}` })
      .catch((error: unknown) => {
        if (error instanceof ContractError && error.body.message === timedOut) link.reset();
      });
  };
  return {
    start() {
      if (everyMs > 0 && timer === undefined) timer = setInterval(ping, everyMs);
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}
