/**
 * The queue over the LAN, through a real socket: who may do what, the counter flow, events to
 * displays, reconnects, restarts, and a fuzz of bad input that must change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWs } from '../support/ws-client.js';
import { hallConfig, login, post, startHall, tokens, type Json, type TestHall } from './hall.js';
import type { PrinterPort } from '../../drivers/printer/port.js';

let hall: TestHall;
beforeAll(async () => {
  hall = await startHall();
});
afterAll(() => hall.stop());

const log = () => hall.core.store.db.prepare('SELECT count(*) FROM queue_event').pluck().get();

describe('who may call', () => {
  it.each([
    ['nobody', 'queue.issue', { serviceId: 'general' }, undefined],
    ['a display', 'queue.issue', { serviceId: 'general' }, tokens.display],
    ['a forged token', 'queue.issue', { serviceId: 'general' }, 'forged-token-1234567890'],
    ['a kiosk calling a number', 'queue.call', {}, tokens.kiosk],
    ['a kiosk reading figures', 'queue.figures', {}, tokens.kiosk],
    ['nobody reading the hall', 'queue.snapshot', {}, undefined],
    ['nobody reading the config', 'technician.config', {}, undefined],
    [
      'a kiosk enrolling a device',
      'queue.enrollDevice',
      { id: 'x-1', role: 'kiosk' },
      tokens.kiosk,
    ],
  ])('%s is refused with FORBIDDEN and nothing changes', async (_n, method, params, token) => {
    const before = log();
    const r = await post(hall, method, params, token);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(r.body.error.message['zh-CN'].length).toBeGreaterThan(0);
    expect(r.body.error.action.en.length).toBeGreaterThan(0);
    expect(log()).toBe(before);
  });

  it('kiosk-level calls are for kiosks; device states are for every device and staff', async () => {
    const end = { reason: 'done' };
    expect((await post(hall, 'kiosk.endSession', end, tokens.kiosk)).status).toBe(200);
    expect((await post(hall, 'kiosk.endSession', end, tokens.display)).status).toBe(403);
    expect((await post(hall, 'devices.status', {}, tokens.display)).status).toBe(200);
    expect((await post(hall, 'devices.status', {})).status).toBe(403);
    expect((await post(hall, 'system.info', {})).status).toBe(200);
  });

  it('a wrong password or an unknown badge is refused alike, without saying which', async () => {
    const bad = await post(hall, 'queue.login', {
      counterId: 'c1',
      staffId: 'demo-staff',
      password: 'nope',
    });
    expect(bad.body.error.code).toBe('FORBIDDEN');
    const badge = await post(hall, 'queue.login', { counterId: 'c1', badgeUid: 'DEADBEEF' });
    expect(badge.body.error.message).toEqual(bad.body.error.message);
  });

  it('a badge UID a member core read and forwards signs its owner in (any letter case)', async () => {
    const typed = await post(hall, 'queue.login', { counterId: 'c1', badgeUid: '04a1b2c3' });
    expect(typed.status).toBe(403);
    const forwarded = { counterId: 'c1', badgeUid: '04a1b2c3' };
    const r = await post(hall, 'queue.login', forwarded, tokens.kiosk);
    expect(r.body.result).toMatchObject({ staff: { id: 'demo-staff' }, counterId: 'c1' });
    const view = await post(hall, 'queue.counter', {}, r.body.result.token);
    expect(view.body.result.staff.id).toBe('demo-staff');
  });

  it('a staff session that expired is refused and says so', async () => {
    const token = await login(hall, 'c3', 'demo-tech');
    hall.core.store.db.prepare('UPDATE queue_session SET expires_at = 0').run();
    const r = await post(hall, 'queue.counter', {}, token);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect(r.body.error.action.en).toMatch(/expired/);
  });

  it('a technician enrols a display; its token works once shown, only its hash is stored', async () => {
    const tech = await login(hall, 'c3', 'demo-tech');
    const r = await post(hall, 'queue.enrollDevice', { id: 'display-2', role: 'display' }, tech);
    const token = r.body.result.token as string;
    expect((await post(hall, 'queue.snapshot', {}, token)).status).toBe(200);
    const stored = hall.core.store.db.prepare('SELECT token_hash FROM queue_device').pluck().all();
    expect(stored).not.toContain(token);
  });
});

describe('a morning at two counters', () => {
  it('issue, call, recall, no-show, transfer, pause, finish — and the display hears each call', async () => {
    const display = await connectWs(hall.ws);
    expect(await display.call('queue.authenticate', { token: tokens.display })).toMatchObject({
      ok: true,
      result: { kind: 'device', role: 'display' },
    });
    const staff = await login(hall, 'c1', 'demo-staff');
    const manager = await login(hall, 'c2', 'demo-manager');

    const issue = async (serviceId: string) =>
      (await post(hall, 'queue.issue', { serviceId }, tokens.kiosk)).body.result;
    const a = await issue('general');
    const b = await issue('general');
    expect([a.number, b.number]).toEqual(['A001', 'A002']);
    expect(b.ahead).toBe(1);

    const called = await post(hall, 'queue.call', {}, staff);
    expect(called.body.result.current.number).toBe('A001');
    const event = await display.nextEvent(
      (m) => (m.data as Json)?.cause?.type === 'called' && (m.data as Json).cause.number === 'A001',
    );
    expect((event.data as Json).view.recentCalls[0]).toMatchObject({
      number: 'A001',
      counterNumber: 1,
    });

    // c2 may not touch c1's ticket, and a replayed call does not call twice.
    const foreign = await post(hall, 'queue.finish', { ticketId: a.ticketId }, manager);
    expect(foreign.body.error).toMatchObject({
      code: 'CONFLICT',
      issues: [{ message: 'NOT_YOURS' }],
    });
    const twice = await post(hall, 'queue.call', { ticketId: a.ticketId }, manager);
    expect(twice.body.error.issues[0].message).toBe('NOT_WAITING');

    await post(hall, 'queue.recall', { ticketId: a.ticketId }, staff);
    await post(hall, 'queue.recall', { ticketId: a.ticketId }, staff);
    const third = await post(hall, 'queue.recall', { ticketId: a.ticketId }, staff);
    expect(third.body.result.current).toBeNull(); // no-show after 2 recalls

    const c2 = await post(hall, 'queue.call', {}, manager);
    expect(c2.body.result.current.number).toBe('A002');
    const moved = await post(
      hall,
      'queue.transfer',
      { ticketId: b.ticketId, counterId: 'c1' },
      manager,
    );
    expect(moved.body.result.current).toBeNull();
    expect((await post(hall, 'queue.pause', { reason: ' ' }, manager)).body.error.code).toBe(
      'BAD_REQUEST',
    );
    expect(
      (await post(hall, 'queue.pause', { reason: '午休' }, manager)).body.result.counter
        .pausedReason,
    ).toBe('午休');

    const again = await post(hall, 'queue.call', {}, staff);
    expect(again.body.result.current).toMatchObject({ number: 'A002', transfers: 1 });
    await post(hall, 'queue.start', { ticketId: b.ticketId }, staff);
    const done = await post(hall, 'queue.finish', { ticketId: b.ticketId }, staff);
    expect(done.body.result.figures).toMatchObject({ called: 2, done: 1, noShow: 1 });
    const replay = await post(hall, 'queue.finish', { ticketId: b.ticketId }, staff);
    expect(replay.status).toBe(409);

    const figures = await post(hall, 'queue.figures', {}, manager);
    expect(figures.body.result.hall).toMatchObject({
      issued: 2,
      called: 3,
      done: 1,
      noShow: 1,
      transferred: 1,
    });
    const csv = await post(hall, 'queue.figuresCsv', {}, manager);
    expect(csv.body.result.csv.split('\r\n')[1]).toMatch(/,hall,hall,2,3,1,1,1,/);

    const bearer = { authorization: 'Bearer demo-metrics-token-0001' };
    const metrics = await fetch(`${hall.url}/metrics`, { headers: bearer }).then((r) => r.text());
    expect(metrics).toMatch(/hall_queue_tickets_issued_total\{service="general"\} 2/);
    display.close();
  });

  it('/metrics refuses a missing or wrong monitoring token with 401 and says what to send', async () => {
    const none = await fetch(`${hall.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.text()).toMatch(/Authorization: Bearer/);
    const wrong = await fetch(`${hall.url}/metrics`, {
      headers: { authorization: 'Bearer not-the-monitoring-token' },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toMatch(/hall_queue/);
  });

  it('a print that fails voids the ticket: the number is not kept and is issued again', async () => {
    // The demo's simulated printer reports a fault, so the print service refuses before sending.
    const printer = hall.core.devices.find((d) => d.kind === 'printer') as PrinterPort;
    const before = (await post(hall, 'queue.snapshot', {}, tokens.display)).body.result;
    printer.simulated!.set('fault');
    const failed = await post(hall, 'queue.issue', { serviceId: 'social' }, tokens.kiosk);
    printer.simulated!.set('ready');
    expect(failed.body.error).toMatchObject({
      code: 'CONFLICT',
      issues: [{ message: 'PRINT_FAILED' }],
    });
    const ok = await post(hall, 'queue.issue', { serviceId: 'social' }, tokens.kiosk);
    expect(ok.body.result.number).toBe('B001');
    const after = (await post(hall, 'queue.snapshot', {}, tokens.display)).body.result;
    const waiting = (v: Json) => v.services.find((s: Json) => s.id === 'social').waiting;
    expect(waiting(after)).toBe(waiting(before) + 1);
  });
});

describe('a kiosk that prints itself: reserve, then confirm', () => {
  it('a confirmed print makes the ticket wait; a failed one voids it and frees the number', async () => {
    const r = await post(
      hall,
      'queue.reserve',
      { serviceId: 'social', birthDate: '1940-02-02' },
      tokens.kiosk,
    );
    expect(r.body.result).toMatchObject({ state: 'reserved', priority: ['elder'] });
    const failed = await post(
      hall,
      'queue.confirmPrint',
      { ticketId: r.body.result.ticketId, printed: false, reason: 'paper jam' },
      tokens.kiosk,
    );
    expect(failed.body.result.state).toBe('voided');
    // A replayed confirmation of the voided ticket is refused and changes nothing.
    const before = log();
    const replay = await post(
      hall,
      'queue.confirmPrint',
      { ticketId: r.body.result.ticketId, printed: true },
      tokens.kiosk,
    );
    expect(replay.body.error.issues[0].message).toBe('NOT_RESERVED');
    expect(log()).toBe(before);
    const again = await post(hall, 'queue.reserve', { serviceId: 'social' }, tokens.kiosk);
    expect(again.body.result.number).toBe(r.body.result.number);
    const ok = await post(
      hall,
      'queue.confirmPrint',
      { ticketId: again.body.result.ticketId, printed: true },
      tokens.kiosk,
    );
    expect(ok.body.result.state).toBe('waiting');
  });
});

describe('reconnects and restarts', () => {
  it('after a hall-node restart the queue, counters and sessions are as they were', async () => {
    const staff = await login(hall, 'c1', 'demo-staff');
    await post(hall, 'queue.issue', { serviceId: 'general' }, tokens.kiosk);
    const before = (await post(hall, 'queue.snapshot', {}, tokens.display)).body.result;
    await hall.restart();
    const after = (await post(hall, 'queue.snapshot', {}, tokens.display)).body.result;
    expect({ ...after, serverTime: 0 }).toEqual({ ...before, serverTime: 0 });
    expect((await post(hall, 'queue.counter', {}, staff)).body.result.counter.id).toBe('c1');
  });

  it('holds up under a reconnect storm: 300 sockets connect, resync and drop at once', async () => {
    const storm = Array.from({ length: 300 }, async () => {
      const c = await connectWs(hall.ws);
      await c.call('queue.authenticate', { token: tokens.display });
      const snap = await c.call('queue.snapshot', {});
      c.close();
      return snap.ok;
    });
    expect((await Promise.all(storm)).every(Boolean)).toBe(true);
    expect((await post(hall, 'system.info', {})).status).toBe(200);
  });

  it('limits each client: a flood gets RATE_LIMITED, other clients are unaffected', async () => {
    const flood = await connectWs(hall.ws);
    const replies = await Promise.all(
      Array.from({ length: 500 }, () => flood.call('system.ping', { nonce: 'x' })),
    );
    expect(replies.some((r) => (r.error as Json)?.code === 'RATE_LIMITED')).toBe(true);
    expect((await post(hall, 'system.info', {})).status).toBe(200);
    flood.close();
  });
});

describe('fuzz: bad input over the socket changes nothing and always gets a typed error', () => {
  const random = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const junk = (r: () => number, depth = 0): unknown => {
    const k = Math.floor(r() * 8);
    if (depth > 2 || k < 2)
      return [null, true, -1, 1e308, '', '\u0000', 'A001'][Math.floor(r() * 7)];
    if (k < 4) return 'x'.repeat(Math.floor(r() * 300));
    if (k < 6) return Array.from({ length: 3 }, () => junk(r, depth + 1));
    return {
      ticketId: junk(r, depth + 1),
      counterId: junk(r, depth + 1),
      reason: junk(r, depth + 1),
    };
  };

  it('500 random payloads to every queue method, with and without credentials', async () => {
    const r = random(42);
    const methods = [
      'queue.issue',
      'queue.call',
      'queue.finish',
      'queue.transfer',
      'queue.login',
      'queue.pause',
      'queue.cancel',
      'queue.confirmPrint',
      'queue.enrollDevice',
      'queue.nope',
    ];
    const creds = [undefined, tokens.display, 'forged-token-abcdefghijkl'];
    const before = log();
    for (let i = 0; i < 500; i++) {
      const method = methods[i % methods.length]!;
      const res = await post(hall, method, junk(r), creds[i % creds.length]);
      expect(res.status).toBeLessThan(500);
      expect(res.body.ok).toBe(false);
      expect(['BAD_REQUEST', 'FORBIDDEN', 'UNKNOWN_METHOD', 'CONFLICT']).toContain(
        res.body.error.code,
      );
      expect(res.body.error.message.en.length).toBeGreaterThan(0);
    }
    expect(log()).toBe(before);
  });

  it.each([
    ['invalid JSON', '{"serviceId":', 400, 'BAD_REQUEST'],
    ['a JSON array', '[1,2,3]', 400, 'BAD_REQUEST'],
    ['a huge body', JSON.stringify({ serviceId: 'x'.repeat(200_000) }), 413, 'TOO_LARGE'],
    ['wrong types', JSON.stringify({ serviceId: 42 }), 400, 'BAD_REQUEST'],
  ])('%s', async (_n, body, status, code) => {
    const res = await post(hall, 'queue.issue', body, tokens.kiosk);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it('over WebSocket: junk frames, unknown methods and forged auth', async () => {
    const c = await connectWs(hall.ws);
    expect((await c.sendRaw('not json')).error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(
      (await c.call('queue.authenticate', { token: 'forged-token-abcdefghijkl' })).error,
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect((await c.call('queue.call', {})).error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await c.call('queue.launchMissiles', {})).error).toMatchObject({
      code: 'UNKNOWN_METHOD',
    });
    // A frame over the size limit closes that socket (1009), and only that socket.
    const closed = new Promise<number>((resolve) => c.socket.once('close', resolve));
    c.socket.send('x'.repeat(100_000));
    expect(await closed).toBe(1009);
    expect((await post(hall, 'system.info', {})).status).toBe(200);
  });
});

describe('demo mode', () => {
  it('a browser on loopback is the local device: it may issue and read the hall, not act at a counter', async () => {
    const demo = await startHall(hallConfig('demo'));
    try {
      expect((await post(demo, 'queue.issue', { serviceId: 'general' })).status).toBe(200);
      expect((await post(demo, 'queue.snapshot', {})).status).toBe(200);
      expect((await post(demo, 'queue.call', {})).status).toBe(403);
    } finally {
      await demo.stop();
    }
  });
});
