/**
 * The audit on a production hall node, through its HTTP API: every read of a resident's cases
 * names who read them (a kiosk token alone reads none), and cancels, voids, enrolments and revocations
 * name the staff member or device that did them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { holdCard } from '../support/card.js';
import { hallConfig, login, post, startHall, tokens, type Json, type TestHall } from './hall.js';

let hall: TestHall;
beforeAll(async () => {
  // The hall node's own kiosk reads cards (simulated at the device boundary).
  hall = await startHall({
    ...hallConfig('production'),
    devices: { idReader: { adapter: 'simulated' } },
  });
});
afterAll(() => hall.stop());

const audit = (action: string) =>
  hall.core.store.db
    .prepare('SELECT actor, purpose, action, result FROM audit_log WHERE action = ?')
    .all(action) as Json[];

it('a read of a resident’s cases names who read them; a kiosk token alone reads nothing', async () => {
  const byToken = await post(hall, 'cases.mine', { idNumber: '11010519491231002X' }, tokens.kiosk);
  expect(byToken.status).toBe(403);
  expect(byToken.body.error.issues).toEqual([{ path: 'idNumber', message: 'CARD_NOT_READ' }]);
  expect(audit('list-cases')).toEqual([]);
  // The hall node's own window, with the resident's card on its reader.
  await holdCard(hall.core);
  const reply = await hall.core.dispatcher.dispatch(
    'cases.mine',
    { idNumber: '11010519491231002X' },
    { transport: 'ipc', peer: 'app://kiosk/index.html' },
  );
  expect(reply.ok).toBe(true);
  expect(audit('list-cases')).toEqual([
    expect.objectContaining({ actor: 'local:hall-node', purpose: 'resident-self-query' }),
  ]);
});

it('a manager’s cancel and a kiosk’s void name who did them', async () => {
  const reserved = await post(hall, 'queue.reserve', { serviceId: 'general' }, tokens.kiosk);
  const voidIt = { ticketId: reserved.body.result.ticketId, printed: false, reason: 'no paper' };
  expect((await post(hall, 'queue.confirmPrint', voidIt, tokens.kiosk)).status).toBe(200);
  expect(audit('ticket-voided')).toEqual([
    expect.objectContaining({ actor: 'kiosk:demo-kiosk', result: reserved.body.result.number }),
  ]);
  const issued = await post(hall, 'queue.issue', { serviceId: 'general' }, tokens.kiosk);
  const manager = await login(hall, 'c1', 'demo-manager');
  const ticketId = issued.body.result.ticketId as number;
  expect((await post(hall, 'queue.cancel', { ticketId }, manager)).status).toBe(200);
  expect(audit('ticket-cancelled')).toEqual([
    expect.objectContaining({ actor: 'staff:demo-manager', result: issued.body.result.number }),
  ]);
});

it('enrolments and revocations name the technician', async () => {
  const tech = await login(hall, 'c3', 'demo-tech');
  const device = { id: 'kiosk-7', role: 'kiosk' };
  expect((await post(hall, 'queue.enrollDevice', device, tech)).status).toBe(200);
  expect((await post(hall, 'queue.revokeDevice', { id: 'kiosk-7' }, tech)).status).toBe(200);
  expect(audit('device-enrolled')).toEqual([
    expect.objectContaining({ actor: 'staff:demo-tech', result: 'kiosk:kiosk-7' }),
  ]);
  expect(audit('device-revoked')).toEqual([
    expect.objectContaining({ actor: 'staff:demo-tech', result: 'kiosk-7' }),
  ]);
});

it('the technician reads the audit over the API, with no resident data in it; staff may not', async () => {
  const staff = await login(hall, 'c2', 'demo-staff');
  expect((await post(hall, 'technician.audit', {}, staff)).status).toBe(403);
  const tech = await login(hall, 'c3', 'demo-tech');
  const r = await post(hall, 'technician.audit', { limit: 500 }, tech);
  expect(r.status).toBe(200);
  expect(r.body.result.keptDays).toBeGreaterThanOrEqual(183);
  const actions = (r.body.result.rows as Json[]).map((row) => row.action);
  expect(actions).toEqual(expect.arrayContaining(['list-cases', 'device-revoked', 'login.ok']));
  expect(JSON.stringify(r.body)).not.toContain('11010519491231002X');
});
