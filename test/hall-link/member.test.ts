// Member machines join the hall node: real hall node (core + LAN server on a real port), real
// member cores configured with its URL and the demo device tokens, printers on the TCP
// emulator. The hall node numbers every ticket; members print on their own paper.
import { afterEach, describe, expect, it } from 'vitest';
import { demoResidents } from '../../drivers/id-card/demo-residents.js';
import { paths } from '../../main/paths.js';
import { startLanServer } from '../../main/server/lan-server.js';
import { startTcpPrinter, type TcpPrinter } from '../rig/printer-emulator.js';
import { holdCard } from '../support/card.js';
import { connectWs } from '../support/ws-client.js';
import { login, post, type Json, type TestHall } from '../queue/hall.js';
import {
  passwords,
  startHallNode,
  startMember,
  tcpPrinter,
  tokens,
  type HallNode,
  type Member,
} from './kit.js';

const ipc = { transport: 'ipc' as const, peer: 'app://kiosk/index.html' };
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.reverse()) await stop();
  cleanup = [];
});

async function hallNode(mode: 'demo' | 'production' = 'production'): Promise<HallNode> {
  const hall = await startHallNode(mode);
  cleanup.push(() => hall.dispose());
  return hall;
}
async function printer(): Promise<TcpPrinter> {
  const p = await startTcpPrinter();
  cleanup.push(() => p.stop());
  return p;
}
async function member(options: Parameters<typeof startMember>[0]): Promise<Member> {
  const m = await startMember(options);
  cleanup.push(() => m.dispose());
  return m;
}
async function linkUp(m: Member): Promise<void> {
  if (m.core.hallLink?.status().state === 'up') return;
  await m.next((e, d) => e === 'hallLink.changed' && d.state === 'up');
}
/** A member's slip prints slowly, and the hall node goes away while it prints. */
async function hallGoneMidPrint() {
  const hall = await hallNode();
  const p = await printer();
  const m = await kioskMember(hall, p, true);
  p.emulator.set({ replyDelayMs: 150 });
  const issuing = m.call('queue.issue', { serviceId: 'general' });
  await new Promise((r) => setTimeout(r, 100));
  await hall.stop();
  return { hall, p, m, r: await issuing };
}
/** The link comes up again, the member sends its pending note, and the ticket waits. */
async function confirmedOnceUp(hall: HallNode, m: Member, ticketId: number): Promise<void> {
  await m.next((e, d) => e === 'hallLink.changed' && d.state === 'up', 20_000);
  await expect.poll(() => hall.core.queue.engine.tickets.get(ticketId)?.state).toBe('waiting');
  await expect.poll(() => m.core.hallLink!.status().pendingConfirms).toBe(0);
}
/** slow: the printer will answer slowly on purpose, so its replies get a generous timeout. */
const kioskMember = async (hall: HallNode, p?: TcpPrinter, slow = false) => {
  const m = await member({
    role: 'kiosk',
    hallUrl: hall.url,
    token: tokens.kiosk,
    ...(p ? { printer: tcpPrinter(p.port, slow ? 3000 : 300) } : {}),
  });
  await linkUp(m);
  return m;
};

describe('member kiosks take numbers from the hall node', () => {
  it('two members and the hall node’s own kiosk give unique consecutive numbers', async () => {
    const hall = await hallNode();
    const [pa, pb] = [await printer(), await printer()];
    const a = await kioskMember(hall, pa);
    const b = await kioskMember(hall, pb);
    const numbers: string[] = [];
    const take = async (who: Member | 'hall') => {
      const r =
        who === 'hall'
          ? await hall.core.dispatcher.dispatch('queue.issue', { serviceId: 'general' }, ipc)
          : await who.call('queue.issue', { serviceId: 'general' });
      expect(r).toMatchObject({ ok: true, result: { state: 'waiting' } });
      numbers.push((r as { result: { number: string } }).result.number);
    };
    for (const who of [a, 'hall', b, a, b, 'hall'] as const) await take(who);
    expect(numbers).toEqual(['A001', 'A002', 'A003', 'A004', 'A005', 'A006']);
    // Each member printed its own slips, and the hall node checks their QR as its own.
    const printedA = pa.emulator.printed().map((j) => j.lines.map((l) => l.text));
    expect(printedA.map((lines) => lines.includes('A001'))).toEqual([true, false]);
    expect(printedA[1]).toContain('A004');
    expect(pb.emulator.printed()).toHaveLength(2);
    for (const job of [...pa.emulator.printed(), ...pb.emulator.printed()]) {
      const check = await hall.core.dispatcher.dispatch(
        'queue.checkTicket',
        { payload: job.qr[0]!.data },
        ipc,
      );
      expect(check).toMatchObject({ ok: true, result: { verdict: 'valid', state: 'waiting' } });
    }
    // The hall knows which device issued each; the members' own queues issued nothing.
    const rows = hall.core.store.db
      .prepare(
        "SELECT json_extract(data, '$.deviceId') AS device FROM queue_event WHERE type = 'reserved' ORDER BY id",
      )
      .all() as { device: string }[];
    expect(rows.map((r) => r.device)).toEqual([
      'demo-kiosk',
      'local',
      'demo-kiosk',
      'demo-kiosk',
      'demo-kiosk',
      'local',
    ]);
    expect(a.core.queue.engine.tickets.size + b.core.queue.engine.tickets.size).toBe(0);
  });

  it('a print refused before sending frees the number on the hall node; one failed mid-job retires it', async () => {
    const hall = await hallNode();
    const p = await printer();
    const m = await kioskMember(hall, p);
    p.emulator.set({ paperOut: true });
    const refused = await m.call('queue.issue', { serviceId: 'general' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(refused.error.message['zh-CN']).toContain('取号失败');
    const first = [...hall.core.queue.engine.tickets.values()][0]!;
    expect(first).toMatchObject({ number: 'A001', state: 'voided' });
    p.emulator.set({ paperOut: false, paperOutAfterBytes: 50 });
    expect(await m.call('queue.issue', { serviceId: 'general' })).toMatchObject({ ok: false });
    p.emulator.set({ paperOut: false, paperOutAfterBytes: undefined });
    // A001 was freed (nothing printed) and went to the failed job; that one may be on paper.
    const ok = await m.call('queue.issue', { serviceId: 'general' });
    expect(ok).toMatchObject({ ok: true, result: { number: 'A002', state: 'waiting' } });
    expect(m.core.hallLink!.status().pendingConfirms).toBe(0);
  });
});

describe('预约签到 on a member kiosk', () => {
  it('the hall node checks the appointment and numbers; the member prints 预约; a failed print frees it', async () => {
    // A demo hall node runs the platform simulator, whose demo day gives 阿依古丽 a slot now.
    const hall = await hallNode('demo');
    const p = await printer();
    const m = await kioskMember(hall, p);
    const idNumber = demoResidents.minority.idNumber!;
    // Without the resident's card on this member's reader, the list stays closed.
    expect(await m.call('queue.appointments', { idNumber })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', issues: [{ path: 'idNumber', message: 'CARD_NOT_READ' }] },
    });
    await holdCard(m.core, 'minority');
    const list = await m.call('queue.appointments', { idNumber });
    expect(list).toMatchObject({ ok: true });
    const open = (list.result.appointments as { id: string; window: string }[]).find(
      (a) => a.window === 'open',
    )!;
    expect(open).toBeDefined();

    p.emulator.set({ paperOut: true });
    const refused = await m.call('queue.checkIn', { appointmentId: open.id, idNumber });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const voided = [...hall.core.queue.engine.tickets.values()][0]!;
    expect(voided.state).toBe('voided');
    expect(hall.core.appointments.book.get(open.id)).toMatchObject({ checkedInAt: null });

    p.emulator.set({ paperOut: false });
    const ok = await m.call('queue.checkIn', { appointmentId: open.id, idNumber });
    expect(ok).toMatchObject({ ok: true, result: { ok: true, ticket: { state: 'waiting' } } });
    const number = ok.result.ticket.number as string;
    const slip = p.emulator
      .printed()
      .at(-1)!
      .lines.map((l) => l.text);
    expect(slip).toContain(number);
    expect(slip.some((line) => /^预约 \d\d:\d\d$/.test(line))).toBe(true);
    // The refused print freed its number, so the check-in's ticket may carry the same one.
    const ticket = hall.core.queue.engine.tickets.get(ok.result.ticket.ticketId)!;
    expect(ticket.state).toBe('waiting');
    expect(ticket.appointmentAt).not.toBeNull();
    expect(hall.core.appointments.book.get(open.id)).toMatchObject({ ticketNumber: number });
    expect(m.core.queue.engine.tickets.size).toBe(0);

    const again = await m.call('queue.checkIn', { appointmentId: open.id, idNumber });
    expect(again).toMatchObject({ ok: true, result: { ok: false, reason: 'checkedIn' } });
  });
});

describe('a member counter', () => {
  it('signs in by password and by badge at the hall node, calls, and signs out', async () => {
    const hall = await hallNode();
    const kiosk = await kioskMember(hall, await printer());
    const counter = await member({ role: 'counter', hallUrl: hall.url, token: tokens.display });
    await linkUp(counter);
    await kiosk.call('queue.issue', { serviceId: 'general' });
    await kiosk.call('queue.issue', { serviceId: 'general' });

    const login = await counter.call('queue.login', {
      counterId: 'c1',
      staffId: 'demo-staff',
      password: passwords.staff,
    });
    expect(login).toMatchObject({
      ok: true,
      result: { counterId: 'c1', staff: { id: 'demo-staff' } },
    });
    const called = counter.next((e, d) => e === 'queue.changed' && d.cause.type === 'called');
    const r = await counter.call('queue.call', {});
    expect(r).toMatchObject({ ok: true, result: { current: { number: 'A001', state: 'called' } } });
    // The hall's event reached the member's own bus (relayed from the hall node's socket).
    expect(await called).toMatchObject({ cause: { number: 'A001', counterNumber: 1 } });
    expect(hall.core.queue.engine.ticket(r.result.current.id).state).toBe('called');

    expect(await counter.call('queue.logout')).toMatchObject({ ok: true });
    const after = await counter.call('queue.call', {});
    expect(after).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // 刷工牌: the UID the counter's own reader gave (reading it is tested in main/queue/badge.test.ts).
    const badge = await counter.call('queue.login', { counterId: 'c2', badgeUid: '04a1b2c3' });
    expect(badge).toMatchObject({
      ok: true,
      result: { counterId: 'c2', staff: { id: 'demo-staff' } },
    });
    expect(await counter.call('queue.call', {})).toMatchObject({
      ok: true,
      result: { current: { number: 'A002' } },
    });
    // A wrong password is the hall node's refusal, word for word.
    const wrong = await counter.call('queue.login', {
      counterId: 'c3',
      staffId: 'demo-staff',
      password: 'not-the-password',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('a member display follows the hall: snapshot and queue events', async () => {
    const hall = await hallNode();
    const display = await member({ role: 'display', hallUrl: hall.url, token: tokens.display });
    await linkUp(display);
    const snap = await display.call('queue.snapshot');
    expect(snap).toMatchObject({ ok: true, result: { seq: hall.core.queue.commands.seq } });
    const changed = display.next((e, d) => e === 'queue.changed' && d.cause.type === 'confirmed');
    await hall.core.dispatcher.dispatch('queue.issue', { serviceId: 'social' }, ipc);
    const change = await changed;
    expect(change.view.services.find((s: { id: string }) => s.id === 'social').waiting).toBe(1);
    // Only the queue is the hall's: the hall node's own device events are not relayed.
    expect(display.events.filter((e) => e.event === 'devices.changed')).toHaveLength(0);
  });
});

describe('a member counter whose session ends at the hall node', () => {
  const atHall = (hall: HallNode) => ({ url: hall.url }) as TestHall;

  it('its window is told at once who signed in there, and its next call acts on nothing', async () => {
    const hall = await hallNode();
    const counter = await member({ role: 'counter', hallUrl: hall.url, token: tokens.display });
    await linkUp(counter);
    const signedIn = await counter.call('queue.login', {
      counterId: 'c1',
      staffId: 'demo-staff',
      password: passwords.staff,
    });
    expect(signedIn.ok).toBe(true);
    const manager = await login(atHall(hall), 'c1', 'demo-manager');
    await expect
      .poll(() => counter.windowEvents.find((e) => e.event === 'session.ended')?.data, {
        timeout: 5000,
      })
      .toMatchObject({ reason: 'displaced', counterNumber: 1, by: { id: 'demo-manager' } });
    // The window holds no session any more: nothing is forwarded in the staff member's name.
    const pause = await counter.call('queue.pause', { reason: '午休' });
    expect(pause).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(hall.core.queue.engine.counter('c1').pausedReason).toBeNull();
    await post(atHall(hall), 'queue.logout', {}, manager);
  });

  it('a console on the member’s own LAN page is told too, and one signed out at the hall node as well', async () => {
    const hall = await hallNode();
    const counter = await member({ role: 'counter', hallUrl: hall.url, token: tokens.display });
    await linkUp(counter);
    const lan = await startLanServer(counter.core, {
      host: '127.0.0.1',
      port: 0,
      rendererDir: paths.rendererDir,
    });
    cleanup.push(() => lan.close());
    const socket = await connectWs(`ws://127.0.0.1:${lan.port}/ws`);
    cleanup.push(async () => socket.close());
    // A badge UID typed on the member's LAN page is a number anyone could type.
    const typed = await socket.call('queue.login', { counterId: 'c2', badgeUid: '04a1b2c3' });
    expect(typed).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', issues: [{ path: 'badgeUid' }] },
    });
    const r = await socket.call('queue.login', {
      counterId: 'c2',
      staffId: 'demo-staff',
      password: passwords.staff,
    });
    expect(r.ok).toBe(true);
    const token = (r.result as Json).token as string;
    const told = socket.nextEvent((m) => m.event === 'session.ended');
    // Signed out from elsewhere with the same session (the hall node's own API).
    expect((await post(atHall(hall), 'queue.logout', {}, token)).status).toBe(200);
    expect((await told).data).toMatchObject({ reason: 'loggedOut', counterNumber: 2 });
    const call = await socket.call('queue.call', {});
    expect(call).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('when the hall node goes away', () => {
  it('calls fail at once with a clear error, the link says down, and it comes back by itself', async () => {
    const hall = await hallNode();
    const m = await kioskMember(hall, await printer());
    await hall.stop();
    await m.next((e, d) => e === 'hallLink.changed' && d.state === 'down');
    const started = Date.now();
    const r = await m.call('queue.issue', { serviceId: 'general' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(r.error.message['zh-CN']).toContain('无法连接大厅主机');
    expect(r.error.action.en).toContain('reconnecting');
    expect(await m.call('hallLink.status')).toMatchObject({ ok: true, result: { state: 'down' } });
    // Local device calls stay on this machine and still work.
    expect(await m.call('devices.status')).toMatchObject({ ok: true });

    await hall.start();
    await m.next((e, d) => e === 'hallLink.changed' && d.state === 'up', 20_000);
    const view = await m.call('queue.snapshot');
    expect(view).toMatchObject({ ok: true, result: { seq: hall.core.queue.commands.seq } });
    expect(await m.call('queue.issue', { serviceId: 'general' })).toMatchObject({
      ok: true,
      result: { number: 'A001' },
    });
  });

  it('a confirmation lost between reserve and confirm is kept in the database and sent when the link is back', async () => {
    const { hall, p, m, r } = await hallGoneMidPrint();
    // The slip printed; the hall node has not heard it yet.
    expect(r).toMatchObject({ ok: true, result: { number: 'A001', state: 'reserved' } });
    expect(p.emulator.printed()).toHaveLength(1);
    expect(m.core.hallLink!.status().pendingConfirms).toBe(1);
    expect(m.core.store.db.prepare('SELECT count(*) AS n FROM hall_pending_confirm').get()).toEqual(
      { n: 1 },
    );

    await hall.start();
    expect(hall.core.queue.engine.tickets.get(r.result.ticketId)?.state).toBe('reserved');
    await confirmedOnceUp(hall, m, r.result.ticketId);
  });
});

describe('the link comes back while a slip is printing', () => {
  it('the retry loop leaves that ticket alone: its own 取号 confirms it when the print ends', async () => {
    const hall = await hallNode();
    const p = await printer();
    const m = await kioskMember(hall, p, true);
    p.emulator.set({ replyDelayMs: 250 });
    let done = false;
    const issuing = m.call('queue.issue', { serviceId: 'general' }).finally(() => (done = true));
    await new Promise((r) => setTimeout(r, 100));
    await hall.stop();
    await hall.start();
    await m.next((e, d) => e === 'hallLink.changed' && d.state === 'up', 20_000);
    expect(done).toBe(false); // the link was back (and the retry loop ran) mid-print
    const r = await issuing;
    expect(r).toMatchObject({ ok: true, result: { number: 'A001', state: 'waiting' } });
    expect(hall.core.queue.engine.tickets.get(r.result.ticketId)?.state).toBe('waiting');
  });
});

describe('a kiosk restarted while a confirmation waits', () => {
  it('sends the note it left on disk once the hall node is back', async () => {
    const { hall, m, r } = await hallGoneMidPrint();
    expect(m.core.hallLink!.status().pendingConfirms).toBe(1);
    await m.restart(); // the kiosk is switched off and on while the hall node is away
    expect(m.core.hallLink!.status().pendingConfirms).toBe(1);
    await hall.start();
    await confirmedOnceUp(hall, m, r.result.ticketId);
  });
});

describe('a wrong device token', () => {
  it('is refused clearly: the link says refused and 取号 answers FORBIDDEN', async () => {
    const hall = await hallNode();
    const m = await member({
      role: 'kiosk',
      hallUrl: hall.url,
      token: 'not-an-enrolled-token-0000',
    });
    await m.next((e, d) => e === 'hallLink.changed' && d.state === 'refused');
    const r = await m.call('queue.issue', { serviceId: 'general' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(hall.core.queue.engine.tickets.size).toBe(0);
  });
});

describe('a hall node of another hall', () => {
  it('is refused: the link says wrong-hall, nothing is forwarded, no event of that hall shows', async () => {
    const hall = await hallNode();
    const m = await member({
      role: 'kiosk',
      hallUrl: hall.url,
      token: tokens.kiosk,
      hallId: 'another-hall',
    });
    await m.next((e, d) => e === 'hallLink.changed' && d.state === 'wrong-hall');
    expect(m.core.hallLink!.status().state).toBe('wrong-hall');
    const r = await m.call('queue.issue', { serviceId: 'general' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', issues: [{ path: 'hallNode.url', message: 'WRONG_HALL' }] },
    });
    expect(hall.core.queue.engine.tickets.size).toBe(0);
    // The other hall's own kiosk takes a number: its event does not reach this machine.
    const before = m.events.length;
    const issued = await hall.core.dispatcher.dispatch('queue.issue', { serviceId: 'social' }, ipc);
    expect(issued).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(m.events.slice(before).filter((e) => e.event.startsWith('queue.'))).toEqual([]);
  });
});

describe("a member's /metrics", () => {
  it('says the queue lives on the hall node and where, instead of a queue of zeros', async () => {
    const hall = await hallNode();
    const m = await kioskMember(hall);
    const server = await startLanServer(m.core, {
      host: '127.0.0.1',
      port: 0,
      rendererDir: paths.rendererDir,
    });
    cleanup.push(() => server.close());
    const reply = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer demo-metrics-token-0001' },
    });
    expect(reply.status).toBe(404);
    const text = await reply.text();
    expect(text).toContain(`${hall.url}/metrics`);
    expect(text).toMatch(/大厅成员机/);
    expect(text).not.toMatch(/hall_queue_/);
  });
});
