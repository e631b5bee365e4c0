/**
 * 预约签到 in real browsers against a real hall node in demo mode, whose platform simulator
 * seeds today's appointments (platform/simulator/appointments.ts): a resident with none today
 * takes a normal ticket; an elder is refused (too late, too early) in elder mode; a resident
 * whose slot is now checks in and gets a ticket marked 预约, and the counter calls that ticket
 * first although a normal ticket was taken before it. Screenshots into test-results/.
 */
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spkiPin } from '../../main/platform/client.js';
import { localParts } from '../../common/local-time.js';
import { makeCerts } from '../../platform/simulator/certs.js';
import { startSimulator } from '../../platform/simulator/server.js';
import { launchChromium, openTouchPage } from '../support/browser.js';
import { noonZone } from '../support/noon-zone.js';
import { hallConfig, startHall, type TestHall } from '../queue/hall.js';

const shots = join(process.cwd(), 'test-results');
// The simulator's demo residents (drivers/id-card/demo-residents.ts).
const RARE = '440104199003150017'; // an appointment tomorrow only
const ELDER = '11010519491231002X'; // one too late, one too early
const MINORITY = '650102198801010037'; // one now (check-in open), one cancelled

let browser: Browser;
let hall: TestHall;
// The hall in a zone where it is noon now: the demo's slots (an hour ago, three hours ahead)
// and this file's stay on today's date whatever time CI runs.
const zone = noonZone();
const inZone = (config: ReturnType<typeof hallConfig>) => ({
  ...config,
  hall: { ...config.hall, timezone: zone },
});

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await launchChromium();
  hall = await startHall(inZone(hallConfig('demo')));
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

const open = (path: string, viewport: { width: number; height: number }): Promise<Page> =>
  openTouchPage(browser, `${hall.url}/${path}`, viewport);

const cards = { [RARE]: 'rare', [ELDER]: 'elder', [MINORITY]: 'minority' } as const;

/** 取号 → the resident's card on the demo reader → 预约签到. */
async function openAppointments(kiosk: Page, idNumber: keyof typeof cards): Promise<void> {
  await kiosk.locator('[data-tile="ticket"]').tap();
  await kiosk.getByTestId(`demo-card-${cards[idNumber]}`).tap();
  await kiosk.getByTestId('identity-continue').tap();
  await kiosk.getByTestId('open-appointments').tap();
}

it('a resident checks in on the kiosk and the appointment ticket is called first', async () => {
  const kiosk = await open('#/', { width: 1080, height: 1920 });

  // None today: the screen says so and offers a normal ticket, which is taken first.
  await openAppointments(kiosk, RARE);
  await kiosk.getByTestId('appointment-none').waitFor();
  expect(await kiosk.getByTestId('appointment-none').textContent()).toContain('您今天没有预约');
  await kiosk.getByTestId('appointment-none').getByRole('button').tap();
  await kiosk.locator('button[data-service="general"]:not([disabled])').tap();
  const normal = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
  expect(normal).toBe('A001');
  await kiosk.getByRole('button', { name: '完成' }).tap();

  // An elder, in elder mode: too late for one (a normal ticket offered), too early for the other.
  await kiosk.getByTestId('elder-toggle').tap();
  await expect.poll(() => kiosk.getByTestId('kiosk').getAttribute('data-elder')).toBe('');
  await openAppointments(kiosk, ELDER);
  expect(await kiosk.getByTestId('kiosk').getAttribute('data-elder')).toBe('');
  const rows = kiosk.locator('[data-appointment]');
  await expect.poll(() => rows.count()).toBe(2);
  await kiosk.locator('[data-window="late"] button').tap();
  const refusal = kiosk.getByTestId('appointment-refusal');
  await expect.poll(() => refusal.getAttribute('data-reason')).toBe('late');
  expect(await refusal.textContent()).toContain('已过签到时间');
  expect(await kiosk.getByTestId('appointment-normal').isVisible()).toBe(true);
  await kiosk.screenshot({ path: join(shots, 'appointment-checkin-elder.png') });
  await kiosk.locator('[data-window="early"] button').tap();
  await expect.poll(() => refusal.getAttribute('data-reason')).toBe('early');
  expect(await refusal.textContent()).toMatch(/请 \d\d:\d\d 以后再来签到/);
  // 返回首页 wipes the session, elder mode included.
  await kiosk.getByRole('button', { name: '返回首页' }).tap();
  await expect.poll(() => kiosk.getByTestId('kiosk').getAttribute('data-elder')).toBeNull();

  // The resident whose slot is now: the list (the cancelled one shown as such), then 签到.
  await openAppointments(kiosk, MINORITY);
  await expect.poll(() => kiosk.locator('[data-appointment]').count()).toBe(2);
  expect(await kiosk.locator('[data-window="open"]').textContent()).toContain('现在可以签到');
  expect(await kiosk.locator('[data-window="closed"]').textContent()).toContain('已取消');
  await kiosk.screenshot({ path: join(shots, 'appointment-checkin-zh-CN.png') });
  await kiosk.locator('[data-window="open"] button').tap();
  const ticket = kiosk.getByTestId('appointment-ticket');
  await ticket.waitFor();
  expect(await ticket.getByTestId('appointment-mark').textContent()).toBe('预约');
  const booked = (await ticket.getByTestId('ticket-number').textContent())!.trim();
  expect(booked).toBe('A002');
  expect(await ticket.getByTestId('ticket-ahead').textContent()).toContain('1');
  await ticket.getByTestId('ticket-preview').waitFor();
  await kiosk.screenshot({ path: join(shots, 'appointment-ticket.png') });
  await kiosk.getByRole('button', { name: '完成' }).tap();
  // Wiped with the session: home again, nothing of the resident left.
  await kiosk.locator('[data-tile="ticket"]').waitFor();

  // The counter: A002 marked 预约 in the waiting list, and called before A001.
  const counter = await open('#/counter', { width: 1600, height: 1000 });
  const form = counter.getByTestId('counter-login');
  await form.locator('input[name="counter"]').fill('c1');
  await form.locator('input[name="staff"]').fill('demo-staff');
  await form.locator('input[name="password"]').fill('demo-staff-1');
  await form.locator('button[type="submit"]').click();
  await counter.getByTestId('counter-current').waitFor();
  const marked = counter.locator('li', { has: counter.getByTestId('appointment-mark') });
  await expect.poll(() => marked.locator('.n').allTextContents()).toEqual(['A002']);
  await counter.screenshot({ path: join(shots, 'appointment-counter.png') });
  await counter.locator('[data-action="call"]').click();
  await expect.poll(() => counter.getByTestId('counter-current').textContent()).toBe('A002');
});

it('while the city is unreachable, the kiosk shows the cached list with its age and checks in', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'appointments-e2e-'));
  const certs = makeCerts(join(dir, 'certs'));
  const secret = 'e2e-appointments-secret-0123456789';
  const now = Date.now();
  const sim = await startSimulator({
    tls: { ...certs.server, ca: certs.ca },
    keys: { 'e2e-hall': secret },
    appointments: [
      {
        hallId: 'test-hall',
        date: localParts(now, zone).date,
        id: 'AP-OFFLINE',
        serviceId: 'social',
        slotStart: new Date(now - 60_000).toISOString(),
        slotEnd: new Date(now + 29 * 60_000).toISOString(),
        resident: { idNumber: MINORITY, name: '阿依古丽·买买提' },
        state: 'booked',
      },
    ],
  });
  const offline = await startHall({
    ...inZone(hallConfig('demo')),
    platform: {
      url: sim.url,
      clientCert: certs.files.clientCert,
      clientKey: certs.files.clientKey,
      caFile: certs.files.ca,
      pins: [spkiPin(new X509Certificate(certs.server.cert).raw), 'A'.repeat(43) + '='],
      signing: { keyId: 'e2e-hall', secret },
      timeoutMs: 1000,
    },
  });
  try {
    // The list was fetched at start; then the city goes away.
    await expect.poll(() => offline.core.appointments.syncer.lastOk).toBe(true);
    await sim.close();
    expect(await offline.core.appointments.syncer.sync()).toBe(false);

    const context = await browser.newContext({
      viewport: { width: 1080, height: 1920 },
      locale: 'zh-CN',
      hasTouch: true,
    });
    const kiosk = await context.newPage();
    await kiosk.goto(`${offline.url}/#/`);
    await openAppointments(kiosk, MINORITY);
    const age = kiosk.getByTestId('appointment-age');
    await age.waitFor();
    expect(await age.textContent()).toMatch(/暂时连不上市平台.*更新于 \d+ (秒|分钟) 前/);
    // The name is masked on screen: the surname's first character only.
    expect(await kiosk.locator('body').textContent()).not.toContain('阿依古丽');
    await kiosk.screenshot({ path: join(shots, 'appointment-checkin-offline.png') });
    await kiosk.locator('[data-window="open"] button').tap();
    const ticket = kiosk.getByTestId('appointment-ticket');
    await ticket.waitFor();
    expect((await ticket.getByTestId('ticket-number').textContent())!.trim()).toBe('B001');
    expect(await ticket.getByTestId('appointment-mark').textContent()).toBe('预约');
  } finally {
    await offline.stop();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
