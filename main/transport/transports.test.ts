/**
 * Every contract method round-trips over both transports — Electron IPC (through a paired
 * fake of ipcMain / ipcRenderer) and WebSocket (a real socket to the LAN server) — and invalid
 * payloads are refused at the boundary on both, with typed errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairedIpc } from '../../test/support/fake-ipc.js';
import { holdCard } from '../../test/support/card.js';
import { startTestCore, type TestCore } from '../../test/support/core.js';
import { connectWs, type WsTestClient } from '../../test/support/ws-client.js';
import { calls, methods, type Method, type Request } from '../../common/contract/contract.js';
import { paths } from '../paths.js';
import { startLanServer, type LanServer } from '../server/lan-server.js';
import { createBridge, type KioskBridge } from '../../common/contract/bridge.js';
import { serveIpc } from './ipc.js';
import { bridgeLink } from '../../common/rpc/bridge-link.js';
import { createRpcClient } from '../../common/rpc/client.js';

/** A valid request for every method: adding a method to the contract without one fails to compile. */
const samples: { [M in Method]: Request<M> } = {
  'system.info': {},
  'system.ping': { nonce: 'n-1' },
  'kiosk.settings': {},
  'kiosk.endSession': { reason: 'idle' },
  'devices.status': {},
  'technician.config': {},
  'technician.store': {},
  'technician.certificates': {},
  'technician.audit': {},
  'printer.status': {},
  'printer.testPrint': {},
  'printer.preview': { sample: 'ticket' },
  // job 1 is the test print made just before (methods run in contract order)
  'printer.reprint': { jobId: 1 },
  'printer.jobs': {},
  // identity
  'identity.read': { timeoutMs: 200 },
  'identity.cancel': {},
  'identity.demoCard': { card: null },
  // ── queue: each is exercised with its rules in test/queue/api.test.ts ──
  'queue.authenticate': { token: 'demo-kiosk-token-0001' },
  'queue.login': { counterId: 'c1', staffId: 'demo-staff', password: 'demo-staff-1' },
  'queue.logout': {},
  'queue.lockouts': {},
  'queue.unlock': { staffId: 'demo-staff' },
  'queue.services': {},
  'queue.issue': { serviceId: 'general' },
  'queue.reserve': { serviceId: 'general' },
  'queue.confirmPrint': { ticketId: 1, printed: true },
  'queue.snapshot': {},
  'queue.counter': {},
  'queue.call': {},
  'queue.recall': { ticketId: 1 },
  'queue.start': { ticketId: 1 },
  'queue.finish': { ticketId: 1 },
  'queue.noShow': { ticketId: 1 },
  'queue.transfer': { ticketId: 1, serviceId: 'social' },
  'queue.pause': { reason: '午休' },
  'queue.resume': {},
  'queue.setPriority': { ticketId: 1, flag: 'green' },
  'queue.cancel': { ticketId: 1 },
  'queue.figures': {},
  'queue.figuresCsv': {},
  'queue.enrollDevice': { id: 'kiosk-2', role: 'kiosk' },
  'queue.revokeDevice': { id: 'kiosk-9' },
  'outbox.status': {},
  'outbox.deadLetters': {},
  'outbox.retry': { id: 999 },
  'outbox.discard': { id: 999 },
  'catalog.list': {},
  // consent false: refused with problems, so both roads give the same answer and nothing is stored
  'cases.submit': {
    serviceId: 'residence-certificate',
    applicant: { idNumber: '11010519491231002X', name: '张三' },
    answers: { address: '北京市东城区某街1号', years: 3 },
    consent: false,
  },
  'cases.mine': { idNumber: '11010519491231002X' },
  'cases.receipt': { receiptNumber: 'R000000000000' },
  'ratings.submit': { subject: { kind: 'ticket', ref: 'A001' }, level: 5 },
  // No such receipt: refused alike by both roads, nothing printed
  'cases.printReceipt': {
    receiptNumber: 'R000000000000',
    idNumber: '11010519491231002X',
    why: 'reprint',
  },
  'queue.readBadge': {},
  'queue.checkTicket': { payload: 'T|1|0123abcd' },
  'queue.appointments': { idNumber: '11010519491231002X' },
  'queue.checkIn': { appointmentId: 'AP-1', idNumber: '11010519491231002X' },
  'hallLink.status': {},
};

/**
 * The round trip is checked for calls that answer the same by either road without a login:
 * queue calls that need a staff session, change the queue, or bind a credential to the
 * socket are checked with their rules in test/queue/api.test.ts. Calls only a signed-in hall
 * manager may make are refused by both roads alike (below).
 */
const managerOnly: Method[] = ['outbox.retry', 'outbox.discard'];
// Its sample names no stored receipt, so both roads refuse it alike (CONFLICT).
const refusedAlike: Method[] = ['cases.printReceipt'];
const sameByEitherRoad = (m: Method): boolean =>
  (!m.startsWith('queue.') || m === 'queue.snapshot' || m === 'queue.services') &&
  !managerOnly.includes(m) &&
  !refusedAlike.includes(m);

/** A wrong request for every method: an unknown key (every request schema is strict). */
const wrong = (m: Method): unknown => ({ ...samples[m], injected: '<script>' });

/** A resident's calls need their card on this machine's reader (other calls may end it). */
const needsCard = new Set<Method>(['cases.submit', 'cases.mine', 'cases.printReceipt']);
const cardFor = async (m: Method): Promise<void> => {
  if (needsCard.has(m)) await holdCard(t.core);
};

const trusted = 'app://kiosk/index.html';
let t: TestCore;
let server: LanServer;
let ws: WsTestClient;
let bridge: KioskBridge;
let ipc: ReturnType<typeof pairedIpc>;

beforeAll(async () => {
  t = await startTestCore();
  // This file makes two calls per method, back to back, on one socket: more than a client's
  // burst. The rate limit itself is tested in test/queue/api.test.ts.
  t.core.config.queue.rateLimit = { perSecond: 10_000, burst: 10_000 };
  server = await startLanServer(t.core, {
    host: '127.0.0.1',
    port: 0,
    rendererDir: paths.rendererDir,
  });
  ws = await connectWs(`${server.url.replace('http', 'ws')}/ws`);
  ipc = pairedIpc({ url: trusted, parent: null });
  serveIpc(ipc.ipcMain, t.core, {
    isTrustedFrame: (url) => url.startsWith('app://kiosk/'),
  }).attach(ipc.webContents);
  bridge = createBridge(ipc.ipcRenderer);
});

afterAll(async () => {
  ws.close();
  await server.close();
  await t.dispose();
});

describe.each(methods.filter(sameByEitherRoad))('%s', (method) => {
  it('round-trips over IPC and WebSocket with results that satisfy the contract', async () => {
    await cardFor(method);
    const overIpc = await bridge.calls[method](samples[method] as never);
    const overWs = await ws.call(method, samples[method]);
    expect(overIpc.ok).toBe(true);
    expect(overWs.ok).toBe(true);
    const schema = calls[method].response;
    const a = schema.parse((overIpc as { result: unknown }).result);
    const b = schema.parse(overWs.result);
    // Same answer by either road, once the clock is taken out.
    expect(withoutTimes(a)).toEqual(withoutTimes(b));
  });
});

describe.each(managerOnly)('%s', (method) => {
  it('needs a signed-in hall manager: this machine is refused by both roads', async () => {
    const overIpc = await bridge.calls[method](samples[method] as never);
    const overWs = await ws.call(method, samples[method]);
    for (const reply of [overIpc, overWs] as { ok: boolean; error?: { code: string } }[]) {
      expect(reply.ok).toBe(false);
      expect(reply.error?.code).toBe('FORBIDDEN');
    }
  });
});

describe.each(refusedAlike)('%s', (method) => {
  it('is refused alike by both roads, with the same typed error', async () => {
    await cardFor(method);
    const overIpc = await bridge.calls[method](samples[method] as never);
    const overWs = await ws.call(method, samples[method]);
    for (const reply of [overIpc, overWs] as { ok: boolean; error?: { code: string } }[]) {
      expect(reply.ok).toBe(false);
      expect(reply.error?.code).toBe('CONFLICT');
    }
  });
});

describe.each(methods)('%s', (method) => {
  it('refuses an invalid payload at the boundary on both transports', async () => {
    const overIpc = await bridge.calls[method](wrong(method) as never);
    const overWs = await ws.call(method, wrong(method));
    for (const reply of [overIpc, overWs] as {
      ok: boolean;
      error?: { code: string; issues?: { path: string }[] };
    }[]) {
      expect(reply.ok).toBe(false);
      expect(reply.error?.code).toBe('BAD_REQUEST');
      expect(reply.error?.issues?.[0]?.path).toBe('params.injected');
    }
  });
});

function withoutTimes(value: unknown): unknown {
  // jobId: each print (IPC, then WebSocket) is a new spool row
  return JSON.parse(JSON.stringify(value), (k, v: unknown) =>
    /Time$|At$/.test(k) ? 'time' : k === 'jobId' ? 'job' : v,
  );
}

describe('the IPC boundary', () => {
  it('exposes exactly the contract methods on the bridge', () => {
    expect(Object.keys(bridge.calls).sort()).toEqual([...methods].sort());
    expect(Object.isFrozen(bridge.calls)).toBe(true);
  });

  it("carries the page's RPC peer: calls, typed refusals and events, frames checked", async () => {
    const page = createRpcClient(bridgeLink(bridge));
    const pong = await page.call('system.ping', { nonce: 'page-1' });
    expect(pong.nonce).toBe('page-1');
    await expect(page.call('queue.counter', {})).rejects.toMatchObject({
      name: 'ContractError',
      body: { code: 'FORBIDDEN' },
    });
    const heard: unknown[] = [];
    page.on('system.notice', (data) => heard.push(data));
    const notice = { code: 'PEER', message: { 'zh-CN': '通知', en: 'notice' } };
    t.core.bus.publish('system.notice', notice);
    expect(heard).toEqual([notice]);
    page.close();
    t.core.bus.publish('system.notice', notice);
    expect(heard).toHaveLength(1);
  });

  it('refuses a method that is not in the contract', async () => {
    const reply = (await ipc.ipcRenderer.invoke('hall-kiosk:call', 'system.shutdown', {})) as {
      ok: boolean;
      error: { code: string };
    };
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses calls from a frame that is not our page, or from a subframe', async () => {
    for (const frame of [
      { url: 'https://evil.example/', parent: null },
      { url: trusted, parent: {} },
      null,
    ]) {
      const other = pairedIpc(frame);
      serveIpc(other.ipcMain, t.core, {
        isTrustedFrame: (url) => url.startsWith('app://kiosk/'),
      });
      const reply = await createBridge(other.ipcRenderer).calls['system.info']({});
      expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('delivers core events to the window, and stops when the window is gone', async () => {
    const seen: unknown[] = [];
    const stop = bridge.onEvent((event, data) => event === 'system.notice' && seen.push(data));
    t.core.bus.publish('system.notice', { code: 'TEST', message: { 'zh-CN': '测试', en: 'test' } });
    expect(seen).toEqual([{ code: 'TEST', message: { 'zh-CN': '测试', en: 'test' } }]);
    stop();
    t.core.bus.publish('system.notice', { code: 'AGAIN', message: { 'zh-CN': '再', en: 'again' } });
    expect(seen).toHaveLength(1);
    // A window that is gone hears nothing more, and its connection lets go of the bus.
    ipc.webContents.destroyed = true;
    const stillHeard: unknown[] = [];
    bridge.onEvent((event, data) => stillHeard.push([event, data]));
    t.core.bus.publish('system.notice', { code: 'GONE', message: { 'zh-CN': '走', en: 'gone' } });
    ipc.webContents.destroyed = false;
    t.core.bus.publish('system.notice', { code: 'LATER', message: { 'zh-CN': '后', en: 'later' } });
    expect(stillHeard).toEqual([]);
  });
});

describe('the WebSocket boundary', () => {
  it('answers invalid JSON, a wrong message shape, and an unknown method with typed errors', async () => {
    expect(await ws.sendRaw('{not json')).toMatchObject({
      t: 'result',
      id: null,
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    const shape = await ws.sendRaw(JSON.stringify({ t: 'call', id: 7, method: 42 }));
    expect(shape).toMatchObject({ id: 7, ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await ws.call('no.such', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    // The socket survives all of that.
    expect(await ws.call('system.ping', { nonce: 'still here' })).toMatchObject({
      ok: true,
      result: { nonce: 'still here' },
    });
  });

  it('pushes events to every connected client', async () => {
    const second = await connectWs(`${server.url.replace('http', 'ws')}/ws`);
    const hello = (m: Record<string, unknown>) => (m.data as { code?: string }).code === 'HELLO';
    const [a, b] = [ws.nextEvent(hello), second.nextEvent(hello)];
    t.core.bus.publish('system.notice', {
      code: 'HELLO',
      message: { 'zh-CN': '你好', en: 'hello' },
    });
    expect(await a).toMatchObject({ t: 'event', event: 'system.notice', data: { code: 'HELLO' } });
    expect(await b).toMatchObject({ t: 'event', event: 'system.notice', data: { code: 'HELLO' } });
    second.close();
  });

  it('refuses a page from another origin', async () => {
    const foreign = await connectWs(`${server.url.replace('http', 'ws')}/ws`, {
      origin: 'http://evil.example',
    });
    const code = await new Promise<number>((resolve) => foreign.socket.once('close', resolve));
    expect(code).toBe(1008);
  });
});

describe('the HTTP boundary', () => {
  const post = (path: string, body: string, type = 'application/json') =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

  it('carries a call', async () => {
    const reply = await post('/api/system.ping', JSON.stringify({ nonce: 'http' }));
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ ok: true, result: { nonce: 'http' } });
  });

  it('refuses bad JSON, a wrong type, an unknown method and a huge body with typed errors', async () => {
    const cases: [Response, number, string][] = [
      [await post('/api/system.ping', '{oops'), 400, 'BAD_REQUEST'],
      [await post('/api/system.ping', JSON.stringify({ nonce: 12 })), 400, 'BAD_REQUEST'],
      [await post('/api/system.reboot', '{}'), 404, 'UNKNOWN_METHOD'],
      [
        await post('/api/system.ping', JSON.stringify({ nonce: 'x'.repeat(100_000) })),
        413,
        'TOO_LARGE',
      ],
      [await post('/api/system.ping', 'nonce=1', 'text/plain'), 400, 'BAD_REQUEST'],
    ];
    for (const [reply, status, code] of cases) {
      expect(reply.status).toBe(status);
      expect(await reply.json()).toMatchObject({ ok: false, error: { code } });
    }
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json']) {
      const reply = await fetch(`${server.url}${path}`);
      expect(reply.status).not.toBe(200);
    }
  });
});
