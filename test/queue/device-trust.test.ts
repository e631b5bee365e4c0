/**
 * What an enrolled kiosk's token may do on a production hall node: re-enrolment is explicit,
 * a token can be revoked, a kiosk settles only its own reservations, and no caller sets an
 * appointment time on a ticket (only the appointment check-in does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallConfig, login, post, startHall, tokens, type TestHall } from './hall.js';

let hall: TestHall;
let tech: string;

beforeAll(async () => {
  hall = await startHall(hallConfig('production'));
  tech = await login(hall, 'c1', 'demo-tech');
});
afterAll(async () => hall?.stop());

const enroll = (params: object) => post(hall, 'queue.enrollDevice', params, tech);

describe('enrolment and revocation', () => {
  it('refuses to re-enrol an id silently; replace: true does, and the old token stops', async () => {
    const first = await enroll({ id: 'kiosk-east', role: 'kiosk' });
    expect(first.body.ok).toBe(true);
    const oldToken = first.body.result.token as string;

    const again = await enroll({ id: 'kiosk-east', role: 'kiosk' });
    expect(again.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(again.body.error.message['zh-CN']).toMatch(/已登记/);
    // The refused call left the old token working.
    expect((await post(hall, 'queue.services', {}, oldToken)).status).toBe(200);

    const replaced = await enroll({ id: 'kiosk-east', role: 'kiosk', replace: true });
    expect(replaced.body.ok).toBe(true);
    expect((await post(hall, 'queue.services', {}, oldToken)).status).toBe(403);
    expect((await post(hall, 'queue.services', {}, replaced.body.result.token)).status).toBe(200);
  });

  it('revokes a device: its token is refused at once; staff without the right cannot', async () => {
    const e = await enroll({ id: 'kiosk-west', role: 'kiosk' });
    const token = e.body.result.token as string;
    expect((await post(hall, 'queue.services', {}, token)).status).toBe(200);

    const staff = await login(hall, 'c2');
    const notAllowed = await post(hall, 'queue.revokeDevice', { id: 'kiosk-west' }, staff);
    expect(notAllowed.status).toBe(403);
    const byKiosk = await post(hall, 'queue.revokeDevice', { id: 'kiosk-west' }, token);
    expect(byKiosk.status).toBe(403);

    const r = await post(hall, 'queue.revokeDevice', { id: 'kiosk-west' }, tech);
    expect(r.body).toMatchObject({ ok: true, result: { id: 'kiosk-west', revoked: true } });
    expect((await post(hall, 'queue.services', {}, token)).status).toBe(403);

    const unknown = await post(hall, 'queue.revokeDevice', { id: 'no-such-kiosk' }, tech);
    expect(unknown.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // A revoked id may be enrolled again (a new token), without replace.
    const back = await enroll({ id: 'kiosk-west', role: 'kiosk' });
    expect(back.body.ok).toBe(true);
  });
});

describe('reservations', () => {
  it('lets a kiosk confirm or void only its own reservation', async () => {
    const other = (await enroll({ id: 'kiosk-north', role: 'kiosk' })).body.result.token as string;
    const reserved = await post(hall, 'queue.reserve', { serviceId: 'general' }, tokens.kiosk);
    expect(reserved.body.ok).toBe(true);
    const ticketId = reserved.body.result.ticketId as number;

    for (const printed of [true, false]) {
      const r = await post(hall, 'queue.confirmPrint', { ticketId, printed }, other);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const view = await post(hall, 'queue.snapshot', {}, tokens.display);
    expect(view.body.result.services.find((s: { id: string }) => s.id === 'general').waiting).toBe(
      0,
    );
    const own = await post(hall, 'queue.confirmPrint', { ticketId, printed: true }, tokens.kiosk);
    expect(own.body).toMatchObject({ ok: true, result: { state: 'waiting' } });
  });

  it('refuses a caller-supplied appointment time on queue.issue and queue.reserve', async () => {
    const appointmentAt = new Date().toISOString();
    for (const method of ['queue.issue', 'queue.reserve']) {
      const r = await post(hall, method, { serviceId: 'social', appointmentAt }, tokens.kiosk);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(r.body.error.message['zh-CN']).toMatch(/预约签到/);
    }
    const staff = await login(hall, 'c1');
    const counter = await post(hall, 'queue.counter', {}, staff);
    const tickets = counter.body.result.waiting.flatMap(
      (w: { tickets: { appointmentAt: string | null }[] }) => w.tickets,
    );
    expect(tickets.every((t: { appointmentAt: string | null }) => !t.appointmentAt)).toBe(true);
  });
});
