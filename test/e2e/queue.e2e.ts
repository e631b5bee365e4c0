/**
 * A morning in the hall, in real browsers against a real hall node: a kiosk page issues
 * tickets, two counter pages call, recall, mark a no-show, transfer, pause and finish, a
 * display page shows and speaks every call — and the hall node restarts in the middle. At the
 * end the display, the voice queue's log and the figures must agree.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserArgs, openTouchPage } from '../support/browser.js';
import { ticketCheckCode, ticketCheckKey } from '../../main/queue/ticket-printing.js';
import { hallConfig, passwords, post, startHall, type TestHall } from '../queue/hall.js';

const shots = join(process.cwd(), 'test-results');
/** What the page-side callback uses of an <img> (the root tsconfig has no DOM lib). */
interface PageImage {
  decode(): Promise<void>;
  naturalHeight: number;
}
let browser: Browser;
let hall: TestHall;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    // The hall display speaks without anyone touching it.
    args: [...browserArgs, '--autoplay-policy=no-user-gesture-required'],
  });
  hall = await startHall(
    hallConfig('demo', {
      display: { calls: 6, voiceRepeat: 1 },
      recall: { cooldownSeconds: 0, max: 3 },
    }),
  );
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

const open = (path: string, viewport: { width: number; height: number }): Promise<Page> =>
  openTouchPage(browser, `${hall.url}/${path}`, viewport);

async function takeTicket(kiosk: Page, idNumber: string, serviceId: string): Promise<string> {
  await kiosk.locator('[data-tile="ticket"]').tap();
  await kiosk.getByTestId('manual-entry').tap();
  for (const ch of idNumber) await kiosk.locator(`[data-key="${ch}"]`).tap();
  await kiosk.locator('[data-key="confirm"]').tap();
  await kiosk.locator(`button[data-service="${serviceId}"]:not([disabled])`).tap();
  const number = (await kiosk.getByTestId('ticket-number').textContent())!.trim();
  return number;
}

async function signIn(page: Page, counterId: string, staffId: string, password: string) {
  const form = page.getByTestId('counter-login');
  await form.locator('input[name="counter"]').fill(counterId);
  await form.locator('input[name="staff"]').fill(staffId);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await page.getByTestId('counter-current').waitFor();
}

const current = (page: Page) => page.getByTestId('counter-current').textContent();
const press = async (page: Page, key: string) => {
  await page.locator('body').press(key);
};
const voiceLog = (display: Page) =>
  display.getByTestId('voice-log').locator('li').allTextContents();

describe('a morning in the hall', () => {
  it('kiosk, two counters and the display agree, through a hall-node restart', async () => {
    const display = await open('#/display', { width: 1920, height: 1080 });
    const c1 = await open('#/counter', { width: 1600, height: 1000 });
    const c2 = await open('#/counter', { width: 1600, height: 1000 });
    const kiosk = await open('#/', { width: 1080, height: 1920 });
    await display.getByTestId('display-counters').waitFor();

    // 取号: an elder (born 1950) and a younger resident for 综合业务, one for 社保医保.
    const a1 = await takeTicket(kiosk, '110101195003070013', 'general');
    expect(a1).toBe('A001');
    // Demo mode has no paper: the slip itself is on the receipt screen, and it decodes.
    const slip = kiosk.getByTestId('ticket-preview');
    expect(await slip.textContent()).toContain('演示模式');
    expect(await slip.locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(
      await slip
        .locator('img')
        .evaluate((img: PageImage) => img.decode().then(() => img.naturalHeight)),
    ).toBeGreaterThan(100);
    await kiosk
      .getByTestId('ticket-receipt')
      .screenshot({ path: join(shots, 'queue-kiosk-ticket.png') });
    await kiosk.getByRole('button', { name: '完成' }).tap();
    const a2 = await takeTicket(kiosk, '110101199001010015', 'general');
    expect(await kiosk.getByTestId('ticket-ahead').textContent()).toContain('1');
    await kiosk.getByRole('button', { name: '完成' }).tap();
    const b1 = await takeTicket(kiosk, '110101199202020017', 'social');
    await kiosk.getByRole('button', { name: '完成' }).tap();
    expect([a2, b1]).toEqual(['A002', 'B001']);

    await signIn(c1, 'c1', 'demo-staff', 'demo-staff-1');
    await signIn(c2, 'c2', 'demo-manager', 'demo-manager-1');

    // 叫号 (keyboard C) at counter 1: the elder first; then 重呼.
    await press(c1, 'c');
    await expect.poll(() => current(c1)).toBe('A001');
    await press(c1, 'r');
    await expect.poll(() => c1.getByTestId('counter-state').textContent()).toContain('1');
    // Counter 2 calls A002, who does not come: 过号.
    await c2.locator('[data-action="call"]').click();
    await expect.poll(() => current(c2)).toBe('A002');
    await c2.locator('[data-action="noShow"]').click();
    await expect.poll(() => current(c2)).toBe('暂无');
    // Counter 1 sends A001 to 社保医保; counter 2 takes it (same number, earliest arrival).
    await press(c1, 't');
    await c1.locator('select[name="target"]').selectOption('service:social');
    await c1.locator('.panel button[type="submit"]').click();
    await expect.poll(() => current(c1)).toBe('暂无');
    await c2.locator('[data-action="call"]').click();
    await expect.poll(() => current(c2)).toBe('A001');
    await c2.locator('[data-action="start"]').click();
    await c2.locator('[data-action="finish"]').click();
    // Counter 1 pauses, with a reason.
    await press(c1, 'p');
    await c1.locator('input[name="reason"]').fill('午休');
    await c1.locator('.panel button[type="submit"]').click();
    await c1.getByTestId('counter-paused').waitFor();

    await expect.poll(() => voiceLog(display), { timeout: 30_000 }).toHaveLength(4);
    await display.screenshot({ path: join(shots, 'queue-display.png'), animations: 'disabled' });

    // The hall node restarts; every page comes back by itself, signed in, nothing repeated.
    await hall.restart();
    await expect
      .poll(() => display.locator('[data-counter="c1"]').getAttribute('data-state'), {
        timeout: 30_000,
      })
      .toBe('paused');
    // The console may still be reconnecting: a click while the link is down is refused
    // (UNAVAILABLE), so the staff member presses again — as the test does.
    const resumed = async (page: Page) => {
      const button = page.locator('[data-action="resume"]');
      // A short click timeout: a button still disabled must not hold the poll for 30 s.
      if (await button.count()) await button.click({ timeout: 2_000 }).catch(() => {});
      return page.getByTestId('counter-paused').count();
    };
    await expect.poll(() => resumed(c1), { timeout: 30_000, interval: 1000 }).toBe(0);
    await expect
      .poll(() => c2.locator('[data-action="call"]').isEnabled(), { timeout: 30_000 })
      .toBe(true);
    const called = async (page: Page) => {
      if ((await current(page)) === '暂无') {
        await page
          .locator('[data-action="call"]')
          .click({ timeout: 2_000 })
          .catch(() => {});
      }
      return current(page);
    };
    await expect.poll(() => called(c2), { timeout: 30_000, interval: 1000 }).toBe('B001');
    await c2.locator('[data-action="start"]').click();
    await c2.locator('[data-action="finish"]').click();

    // The display: the last calls, newest first and flashing.
    await expect
      .poll(() => display.getByTestId('display-calls').locator('li .number').allTextContents())
      .toEqual(['B001', 'A001', 'A002', 'A001', 'A001']);
    expect(
      await display.locator('[data-testid="display-calls"] li.flash .number').textContent(),
    ).toBe('B001');
    // The voice queue: each call once, in order, none lost across the restart.
    await expect
      .poll(() => voiceLog(display), { timeout: 30_000 })
      .toEqual([
        expect.stringContaining('请 B001 号到 2 号窗口办理'),
        expect.stringContaining('请 A001 号到 2 号窗口办理'),
        expect.stringContaining('请 A002 号到 2 号窗口办理'),
        expect.stringContaining('请 A001 号到 1 号窗口办理'),
        expect.stringContaining('请 A001 号到 1 号窗口办理'),
      ]);
    // The figures (the manager's report) agree with what the display saw.
    const hallRow = c2.getByTestId('report-hall').locator('tr[data-key="hall"] td');
    await expect
      .poll(() => hallRow.allTextContents())
      .toEqual([
        '3', // issued
        '4', // called (A001 at 1, A002 at 2, A001 at 2, B001 at 2)
        '2', // done
        '1', // no-show
        '1', // transferred
        expect.any(String),
        expect.any(String),
        expect.any(String),
        expect.any(String),
      ]);
    expect(
      await c1.getByTestId('figures-c1').locator('[data-fig="transferred"]').textContent(),
    ).toBe('1');
    await display.screenshot({
      path: join(shots, 'queue-display-after-restart.png'),
      animations: 'disabled', // the newest call's flash, at its end rather than mid-fade
    });
    await c2.screenshot({ path: join(shots, 'queue-counter-manager.png'), fullPage: true });
    // docs/screenshots/queue-*.png are copies of these, chosen by hand.
  });

  it('staff extras: a manager voids a ticket, a slip is checked, badge sign-in says there is no reader, a device is enrolled', async () => {
    const kiosk = await open('#/', { width: 1080, height: 1920 });
    const number = await takeTicket(kiosk, '110101199001010015', 'general');
    await kiosk.getByRole('button', { name: '完成' }).tap();
    const ticket = [...hall.core.queue.engine.tickets.values()].find((t) => t.number === number)!;

    // 核验号票 at a counter: the slip's own QR text is genuine; a changed code is not.
    const mgr = await open('#/counter', { width: 1600, height: 1000 });
    await signIn(mgr, 'c2', 'demo-manager', passwords.manager);
    // The platform outbox's strip: nothing waits in this hall, and it says so.
    await expect
      .poll(() => mgr.getByTestId('outbox-strip').getAttribute('data-tone'))
      .toBe('clear');
    expect(await mgr.getByTestId('outbox-strip-pending').textContent()).toContain('全部已上传');
    const code = ticketCheckCode(
      ticketCheckKey(hall.core.store.db),
      ticket.id,
      ticket.number,
      new Date(ticket.reservedAt).toISOString(),
    );
    const check = async (payload: string) => {
      await mgr.locator('input[name="ticket-qr"]').fill(payload);
      await mgr.getByTestId('ticket-check-form').locator('button[type="submit"]').click();
    };
    // The verdict replaces the previous one when the answer arrives: wait for it.
    const verdict = () => mgr.getByTestId('ticket-check').getAttribute('data-verdict');
    await check(`T|${ticket.id}|${code}`);
    await expect.poll(verdict).toBe('valid');
    expect(await mgr.getByTestId('ticket-check').textContent()).toContain(number);
    await check(`T|${ticket.id}|00000000`);
    await expect.poll(verdict).toBe('forged');

    // 作废 by the hall manager: two presses, and the ticket leaves the queue for good.
    const voidButton = mgr.locator(`[data-action="cancel"][data-ticket="${number}"]`);
    await voidButton.click();
    await expect.poll(() => voidButton.textContent()).toContain(`确认作废 ${number}`);
    await voidButton.click();
    await expect.poll(() => voidButton.count()).toBe(0);
    expect(hall.core.queue.engine.ticket(ticket.id).state).toBe('cancelled');
    await mgr.screenshot({ path: join(shots, 'queue-counter-void-check.png'), fullPage: true });

    // 刷工牌登录 on a machine whose card reader is the simulated one: a clear message.
    const desk = await open('#/counter', { width: 1600, height: 1000 });
    await desk.locator('[data-action="badge"]').click();
    await expect
      .poll(() =>
        desk
          .getByTestId('counter-error')
          .textContent()
          .catch(() => ''),
      )
      .toContain('本机没有工牌读卡器');

    // The technician enrols a kiosk: the token is shown once, and it works.
    const tech = await open('#/technician', { width: 1600, height: 1000 });
    await tech.locator('input[name="device-id"]').fill('kiosk-9');
    await tech.locator('select[name="device-role"]').selectOption('kiosk');
    await tech.getByTestId('enroll-form').locator('button[type="submit"]').click();
    const token = (await tech.getByTestId('enroll-token').textContent())!.trim();
    expect(token.length).toBeGreaterThanOrEqual(16);
    const who = await post(hall, 'queue.authenticate', { token });
    expect(who.body).toMatchObject({
      ok: true,
      result: { kind: 'device', id: 'kiosk-9', role: 'kiosk' },
    });
    // Lost: the technician revokes it on the same page, and the token works no more.
    await tech.locator('input[name="revoke-id"]').fill('kiosk-9');
    await tech.getByTestId('revoke-device').locator('button[type="submit"]').click();
    await tech.getByTestId('revoked').waitFor();
    const after = await post(hall, 'queue.authenticate', { token });
    expect(after.body.ok).toBe(false);
    await tech.reload();
    await tech.getByTestId('enroll-device').waitFor();
    expect(await tech.getByTestId('enroll-token').count()).toBe(0);
  });

  it('a console signed out by a later sign-in at its counter says by whom and where', async () => {
    const first = await open('#/counter', { width: 1600, height: 1000 });
    await signIn(first, 'c3', 'demo-staff', passwords.staff);
    const second = await open('#/counter', { width: 1600, height: 1000 });
    await signIn(second, 'c3', 'demo-manager', passwords.manager);
    await expect
      .poll(() =>
        first
          .getByTestId('counter-error')
          .textContent()
          .catch(() => ''),
      )
      .toContain('演示值班长 已在3 号窗口登录');
    expect(await first.getByTestId('counter-current').count()).toBe(0);
    await first.screenshot({ path: join(shots, 'queue-counter-displaced.png') });
    // The manager's console lists locked accounts; none are locked here.
    expect(await second.getByTestId('lockouts').textContent()).toContain('没有被锁定的账号');
  });
});
