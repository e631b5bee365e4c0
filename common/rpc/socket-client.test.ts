import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContractError } from '../contract/errors.js';
import { createRpcClient } from './client.js';
import { socketLink, wsUrlFor, wsUrlOf, type SocketLike } from './socket-link.js';

/** A socket the test drives: it records what the client sent and plays the server. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  reply(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function setup(options: { heartbeatMs?: number } = {}) {
  const sockets: FakeSocket[] = [];
  const link = socketLink({
    url: 'ws://hall/ws',
    socket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    random: () => 1,
  });
  const client = createRpcClient(link, { probeMs: options.heartbeatMs ?? 0 });
  const states: boolean[] = [];
  client.onConnection((up) => states.push(up));
  const last = (): FakeSocket => sockets.at(-1)!;
  return { client, sockets, states, last };
}

const info = {
  product: 'hall-kiosk',
  version: '0.1.0',
  role: 'kiosk',
  demo: true,
  hallId: 'test-hall',
  hallName: { 'zh-CN': '测试', en: 'Test' },
  serverTime: '2026-01-01T00:00:00Z',
  runtime: 'node',
} as const;

describe('the RPC client over a socket link', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('queues a call made while connecting and resolves it from the result', async () => {
    const { client, last, states } = setup();
    const answer = client.call('system.info', {});
    last().open();
    expect(last().sent).toEqual([{ t: 'call', id: 1, method: 'system.info', params: {} }]);
    last().reply({ t: 'result', id: 1, ok: true, result: info });
    await expect(answer).resolves.toEqual(info);
    expect(states).toEqual([false, true]);
  });

  it('turns an error envelope into a ContractError with the contract body', async () => {
    const { client, last } = setup();
    last().open();
    const answer = client.call('system.ping', { nonce: 'x' });
    const error = { code: 'BAD_REQUEST', message: { 'zh-CN': '请求有误', en: 'Bad request' } };
    last().reply({ t: 'result', id: 1, ok: false, error });
    await expect(answer).rejects.toMatchObject({ name: 'ContractError', body: error });
  });

  it('drops frames that are not the contract: the call waits on for its real answer', async () => {
    const { client, last } = setup();
    last().open();
    let settled = false;
    const answer = client.call('system.info', {});
    void answer.then(() => (settled = true));
    last().reply({ t: 'result', id: 1, ok: true, result: info, extra: 1 });
    last().reply({ t: 'result', id: 1, ok: false, error: { code: 'NOPE' } });
    last().onmessage?.({ data: '{"t":"result",' });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    last().reply({ t: 'result', id: 1, ok: true, result: info });
    await expect(answer).resolves.toEqual(info);
  });

  it('rejects calls in flight with UNAVAILABLE when the link drops, and refuses new ones', async () => {
    const { client, last, states } = setup();
    last().open();
    const inFlight = client.call('system.info', {});
    last().drop();
    await expect(inFlight).rejects.toMatchObject({ body: { code: 'UNAVAILABLE' } });
    await expect(client.call('system.info', {})).rejects.toBeInstanceOf(ContractError);
    expect(states).toEqual([false, true, false]);
  });

  it('reconnects with growing back-off and reports the link up again', () => {
    const { sockets, last, states } = setup();
    last().drop();
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    last().drop();
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    last().open();
    expect(states.at(-1)).toBe(true);
  });

  it('times a call out', async () => {
    const { client, last } = setup();
    last().open();
    const answer = client.call('system.info', {});
    vi.advanceTimersByTime(10_000);
    await expect(answer).rejects.toMatchObject({ body: { code: 'UNAVAILABLE' } });
  });

  it('delivers events to their listeners until unsubscribed', () => {
    const { client, last } = setup();
    last().open();
    const seen: unknown[] = [];
    const stop = client.on('devices.changed', (d) => seen.push(d));
    last().reply({ t: 'event', event: 'devices.changed', data: [] });
    last().reply({ t: 'event', event: 'system.notice', data: {} });
    stop();
    last().reply({ t: 'event', event: 'devices.changed', data: [] });
    expect(seen).toEqual([[]]);
  });

  it('drops a link whose heartbeat goes unanswered', async () => {
    const { sockets, last, states } = setup({ heartbeatMs: 15_000 });
    last().open();
    vi.advanceTimersByTime(15_000);
    expect(last().sent.at(-1)).toMatchObject({ method: 'system.ping' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(states.at(-1)).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(sockets).toHaveLength(2);
  });

  it('follows the page scheme', () => {
    expect(wsUrlFor({ protocol: 'http:', host: '10.0.0.5:8080' })).toBe('ws://10.0.0.5:8080/ws');
    expect(wsUrlFor({ protocol: 'https:', host: 'hall' })).toBe('wss://hall/ws');
    expect(wsUrlOf('https://hall-node:8443/')).toBe('wss://hall-node:8443/ws');
  });
});
