/**
 * 预约签到 over the LAN, through a real socket, against the real platform simulator (mutual
 * TLS, signed requests): the resident's list (masked, audited, sealed at rest), every refusal
 * of the rules, a check-in that issues a ticket the counter calls first, and the city going
 * away — check-in keeps working from the hall node's cache and the list says how old it is.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrinterPort } from '../../drivers/printer/port.js';
import { spkiPin } from '../../main/platform/client.js';
import { localParts } from '../../common/local-time.js';
import { makeCerts, type CertSet } from '../../platform/simulator/certs.js';
import type { BookedAppointment } from '../../platform/simulator/appointments.js';
import { startSimulator, type Simulator } from '../../platform/simulator/server.js';
import { idNumberFor, tempDir } from '../outbox/kit.js';
import { noonZone } from '../support/noon-zone.js';
import { hallConfig, login, post, startHall, tokens, type TestHall } from '../queue/hall.js';

const SECRET = 'appointment-signing-secret-0123456789';
// A zone where it is noon now: slots hours either side of now stay on today's date.
const TZ = noonZone();
const MIN = 60_000;
const A = idNumberFor(11);
const B = idNumberFor(12);
const now = Date.now();
const day = (ms: number) => localParts(ms, TZ).date;

function booked(
  id: string,
  idNumber: string,
  serviceId: string,
  startMs: number,
  state: 'booked' | 'cancelled' = 'booked',
): BookedAppointment {
  return {
    hallId: 'test-hall',
    date: day(startMs),
    id,
    serviceId,
    slotStart: new Date(startMs).toISOString(),
    slotEnd: new Date(startMs + 30 * MIN).toISOString(),
    resident: { idNumber, name: idNumber === A ? '赵小明' : '钱多多' },
    state,
  };
}

const list = [
  booked('AP-OPEN', A, 'general', now - 5 * MIN),
  booked('AP-EARLY', A, 'social', now + 120 * MIN),
  booked('AP-LATE', A, 'general', now - 60 * MIN),
  booked('AP-CANCELLED', A, 'social', now + 10 * MIN, 'cancelled'),
  booked('AP-TOMORROW', A, 'general', now + 24 * 60 * MIN),
  booked('AP-B', B, 'general', now),
  booked('AP-PRINT', B, 'social', now - MIN),
];

let dir: string;
let certs: CertSet;
let sim: Simulator;
let hall: TestHall;

beforeAll(async () => {
  dir = tempDir('appointments-api-');
  certs = makeCerts(join(dir, 'certs'));
  sim = await startSimulator({
    tls: { ...certs.server, ca: certs.ca },
    keys: { 'test-hall': SECRET },
    appointments: list,
  });
  hall = await startHall({
    ...hallConfig('production'),
    hall: { id: 'test-hall', name: { 'zh-CN': '测试大厅', en: 'Test hall' }, timezone: TZ },
    platform: {
      url: sim.url,
      clientCert: certs.files.clientCert,
      clientKey: certs.files.clientKey,
      caFile: certs.files.ca,
      pins: [spkiPin(new X509Certificate(certs.server.cert).raw), 'A'.repeat(43) + '='],
      signing: { keyId: 'test-hall', secret: SECRET },
      timeoutMs: 1000,
    },
  });
});

afterAll(async () => {
  await hall?.stop();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

const kiosk = (method: string, params: unknown) => post(hall, method, params, tokens.kiosk);
const events = () =>
  hall.core.store.db.prepare('SELECT count(*) FROM queue_event').pluck().get() as number;

describe('the resident’s appointments today', () => {
  it('lists only this resident’s, today’s, with the name masked and the window state', async () => {
    const r = await kiosk('queue.appointments', { idNumber: A });
    expect(r.status).toBe(200);
    const v = r.body.result;
    expect(v).toMatchObject({ day: day(now), live: true });
    expect(v.ageSeconds).toBeLessThan(60);
    const got = Object.fromEntries(
      (v.appointments as { id: string; window: string; state: string; name: string }[]).map((a) => [
        a.id,
        `${a.state}/${a.window}/${a.name}`,
      ]),
    );
    expect(got).toEqual({
      'AP-LATE': 'booked/late/赵**',
      'AP-OPEN': 'booked/open/赵**',
      'AP-CANCELLED': 'cancelled/closed/赵**',
      'AP-EARLY': 'booked/early/赵**',
    });
    expect(v.appointments[0].service).toEqual({ 'zh-CN': '综合业务', en: 'General services' });
  });

  it('keeps the resident sealed at rest and audits every read by blind index only', async () => {
    await kiosk('queue.appointments', { idNumber: B });
    const db = hall.core.store.db;
    const rows = db.prepare('SELECT * FROM appointment').all() as Record<string, unknown>[];
    expect(rows.length).toBe(list.length);
    const dump = JSON.stringify(rows, (_k, v: unknown) =>
      v && typeof v === 'object' && 'type' in v && (v as { type: string }).type === 'Buffer'
        ? Buffer.from((v as unknown as { data: number[] }).data).toString('latin1')
        : v,
    );
    for (const secret of [A, B, '赵小明', '钱多多']) expect(dump).not.toContain(secret);
    const audit = db
      .prepare("SELECT subject_index, result FROM audit_log WHERE action = 'list-appointments'")
      .all() as { subject_index: string; result: string }[];
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toContain(A);
    // The database file itself (and its WAL) holds no ID number in the clear.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(join(hall.dataDir, 'hall.db')).toString('latin1');
    expect(file).not.toContain(A);
  });

  it('refuses a wrong ID number and a non-kiosk caller', async () => {
    const bad = await kiosk('queue.appointments', { idNumber: '110105199001011234' });
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const display = await post(hall, 'queue.appointments', { idNumber: A }, tokens.display);
    expect(display.status).toBe(403);
    const nobody = await post(hall, 'queue.checkIn', { appointmentId: 'AP-OPEN', idNumber: A });
    expect(nobody.status).toBe(403);
  });
});

describe('check-in refusals change nothing', () => {
  it.each([
    ['someone else’s appointment', 'AP-OPEN', B, 'notYours', /不是您的预约/, null],
    ['too early: come back at HH:MM', 'AP-EARLY', A, 'early', /请 \d\d:\d\d 以后再来签到/, null],
    ['too late: take a normal ticket', 'AP-LATE', A, 'late', /已过签到时间/, 'general'],
    ['cancelled', 'AP-CANCELLED', A, 'cancelled', /已取消/, 'social'],
    ['not today', 'AP-TOMORROW', A, 'notToday', /不是今天/, 'general'],
    ['unknown', 'AP-NOPE', A, 'unknown', /没有找到/, null],
  ])('%s', async (_n, appointmentId, idNumber, reason, zh, normal) => {
    const before = events();
    const r = await kiosk('queue.checkIn', { appointmentId, idNumber });
    expect(r.status).toBe(200);
    expect(r.body.result).toMatchObject({ ok: false, reason, normalServiceId: normal });
    expect(r.body.result.message['zh-CN']).toMatch(zh);
    expect(r.body.result.message.en.length).toBeGreaterThan(10);
    if (reason === 'early') {
      const opens = Date.parse(list[1]!.slotStart) - 30 * MIN;
      expect(r.body.result.comeBackAt).toBe(new Date(opens).toISOString());
      expect(r.body.result.message['zh-CN']).toContain(localParts(opens, TZ).time);
    }
    expect(events()).toBe(before);
  });
});

describe('check-in', () => {
  it('issues a printed ticket with the appointment time; the counter calls it first', async () => {
    // Someone took a normal ticket before the resident arrived.
    const first = await kiosk('queue.issue', { serviceId: 'general' });
    expect(first.body.ok).toBe(true);
    const r = await kiosk('queue.checkIn', { appointmentId: 'AP-OPEN', idNumber: A });
    expect(r.body.result).toMatchObject({
      ok: true,
      ticket: { state: 'waiting', service: { 'zh-CN': '综合业务' } },
      appointment: { id: 'AP-OPEN', state: 'checkedIn', window: 'closed' },
    });
    const number = r.body.result.ticket.number as string;
    expect(r.body.result.appointment.ticketNumber).toBe(number);
    expect(r.body.result.ticket.ahead).toBe(1);

    const again = await kiosk('queue.checkIn', { appointmentId: 'AP-OPEN', idNumber: A });
    expect(again.body.result).toMatchObject({ ok: false, reason: 'checkedIn' });

    const staff = await login(hall, 'c1');
    const view = await post(hall, 'queue.counter', {}, staff);
    const waiting = view.body.result.waiting[0].tickets as {
      number: string;
      appointmentAt: string | null;
    }[];
    expect(waiting.find((w) => w.number === number)?.appointmentAt).toBe(list[0]!.slotStart);
    expect(waiting.find((w) => w.number === first.body.result.number)?.appointmentAt).toBeNull();
    const called = await post(hall, 'queue.call', {}, staff);
    expect(called.body.result.current.number).toBe(number);

    const audit = hall.core.store.db
      .prepare("SELECT result FROM audit_log WHERE action = 'check-in-appointment'")
      .pluck()
      .all() as string[];
    expect(audit).toContain(`ok:${number}`);
    expect(audit).toContain('notYours');
  });

  it('a print that fails issues no ticket and leaves the appointment to check in again', async () => {
    const printer = hall.core.devices.find((d) => d.kind === 'printer') as PrinterPort;
    const before = events();
    printer.simulated!.set('fault');
    const failed = await kiosk('queue.checkIn', { appointmentId: 'AP-PRINT', idNumber: B });
    printer.simulated!.set('ready');
    expect(failed.body.error).toMatchObject({
      code: 'CONFLICT',
      issues: [{ message: 'PRINT_FAILED' }],
    });
    // The failed print is in the log (reserved, voided); nothing waits for it.
    expect(events()).toBeGreaterThan(before);
    const list = (await kiosk('queue.appointments', { idNumber: B })).body.result;
    expect(list.appointments.find((a: { id: string }) => a.id === 'AP-PRINT')).toMatchObject({
      state: 'booked',
      ticketNumber: null,
    });
    const ok = await kiosk('queue.checkIn', { appointmentId: 'AP-PRINT', idNumber: B });
    expect(ok.body.result).toMatchObject({ ok: true, ticket: { number: 'B001' } });
  });

  it('works from the cache while the platform is down, and the list shows its age', async () => {
    await sim.close();
    expect(await hall.core.appointments.syncer.sync()).toBe(false);
    const v = (await kiosk('queue.appointments', { idNumber: B })).body.result;
    expect(v.live).toBe(false);
    expect(v.syncedAt).not.toBeNull();
    expect(v.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(v.appointments.map((a: { id: string }) => a.id)).toEqual(['AP-PRINT', 'AP-B']);
    const r = await kiosk('queue.checkIn', { appointmentId: 'AP-B', idNumber: B });
    expect(r.body.result).toMatchObject({ ok: true, ticket: { state: 'waiting' } });
  });
});
