// A counter checks a scanned slip: the rule (pure) table-driven, then the call through the
// core's dispatcher against the real event log (an earlier day's ticket with the same id).
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../test/support/core.js';
import { checkTicket, type IssuedTicket } from './ticket-check.js';
import { ticketCheckCode, ticketCheckKey } from './ticket-printing.js';

const today: IssuedTicket = {
  day: '2026-11-28',
  number: 'A007',
  issuedAt: '2026-11-28T01:02:03.000Z',
  state: 'waiting',
};
// A fixed key whose code for today's slip has a letter in it, so that its upper-case form
// really differs from what we print (a random key gives an all-digit code now and then).
const key = (() => {
  for (let i = 0; ; i++) {
    const k = createHash('sha256').update(`ticket-check test key ${i}`).digest();
    if (/[a-f]/.test(ticketCheckCode(k, 7, today.number, today.issuedAt))) return k;
  }
})();
const yesterday: IssuedTicket = {
  day: '2026-11-27',
  number: 'B003',
  issuedAt: '2026-11-27T02:00:00.000Z',
  state: null,
};
const code = (t: IssuedTicket, id = 7, k = key) => ticketCheckCode(k, id, t.number, t.issuedAt);
const earlier = (id: number) => (id === 7 ? [yesterday] : []);

describe('checking a scanned ticket QR', () => {
  it.each([
    ['a real slip from today', `T|7|${code(today)}`, 'valid', 'A007'],
    ['surrounding spaces from the scanner', ` T|7|${code(today)}\n`, 'valid', 'A007'],
    ["yesterday's slip with the same id", `T|7|${code(yesterday)}`, 'otherDay', 'B003'],
    ['a made-up code', 'T|7|deadbeef', 'forged', null],
    [
      'a slip of another hall (other key)',
      `T|7|${code(today, 7, randomBytes(32))}`,
      'forged',
      null,
    ],
    ["today's code moved to another id", `T|8|${code(today)}`, 'forged', null],
    ['not a ticket QR', 'https://example.org/x', 'malformed', null],
    ['upper-case hex is not what we print', `T|7|${code(today).toUpperCase()}`, 'malformed', null],
  ])('%s → %s', (_name, payload, verdict, number) => {
    const id = Number(/^\s*T\|(\d+)/.exec(payload)?.[1]);
    const r = checkTicket(payload, key, id === 7 ? today : undefined, earlier);
    expect(r.verdict).toBe(verdict);
    expect(r.number).toBe(number);
    expect(r.message['zh-CN'].length).toBeGreaterThan(0);
  });

  it('says which day an old slip is from', () => {
    const r = checkTicket(`T|7|${code(yesterday)}`, key, today, earlier);
    expect(r).toMatchObject({ verdict: 'otherDay', day: '2026-11-27', state: null });
    expect(r.message['zh-CN']).toContain('2026-11-27');
  });
});

describe('queue.checkTicket on the hall node', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });
  const ipc = { transport: 'ipc' as const, peer: 'app://kiosk/index.html' };

  it('a slip issued today is valid, a forged one is not, one from an earlier day is told apart', async () => {
    t = await startTestCore();
    const core = t.core;
    const call = (payload: string, ctx: object = ipc) =>
      core.dispatcher.dispatch('queue.checkTicket', { payload }, ctx as typeof ipc);
    const ticket = await core.queue.issuing.issue({ serviceId: 'general' }, 'local');
    const k = ticketCheckKey(core.store.db);
    const real = ticketCheckCode(k, ticket.ticketId, ticket.number, ticket.issuedAt);
    expect(await call(`T|${ticket.ticketId}|${real}`)).toMatchObject({
      ok: true,
      result: { verdict: 'valid', number: ticket.number, state: 'waiting' },
    });
    expect(await call(`T|${ticket.ticketId}|00000000`)).toMatchObject({
      ok: true,
      result: { verdict: 'forged', number: null },
    });
    // The same ticket id, issued on an earlier day (ids restart every day).
    const at = Date.parse('2026-01-05T01:00:00Z');
    core.queue.commands.repo.append('2026-01-05', [
      {
        type: 'reserved',
        at,
        ticketId: ticket.ticketId,
        number: 'C042',
        serviceId: 'general',
        priority: [],
        appointmentAt: null,
        deviceId: 'k',
      },
    ]);
    const old = ticketCheckCode(k, ticket.ticketId, 'C042', new Date(at).toISOString());
    expect(await call(`T|${ticket.ticketId}|${old}`)).toMatchObject({
      ok: true,
      result: { verdict: 'otherDay', number: 'C042', day: '2026-01-05' },
    });
    // Nobody on the LAN without a staff session may probe slips.
    expect(
      await call(`T|${ticket.ticketId}|${real}`, { transport: 'http', peer: '192.168.1.50' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
