/**
 * A second kiosk joins the hall: its page is served by a member host (the built headless host,
 * role kiosk, hallNode = the hall node's address), the ticket it takes is numbered by the hall
 * node and appears on the hall node's display page. The hall node then goes away: the member
 * kiosk says so and blocks 取号; it comes back by itself and numbering carries on.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openTouchPage } from '../support/browser.js';
import { startTestHost, type TestHost } from '../support/host.js';
import { startHallNode, tokens, type HallNode } from '../hall-link/kit.js';
import { passwords } from '../queue/hall.js';

const shots = join(process.cwd(), 'test-results');
let browser: Browser;
let hall: HallNode;
let member: TestHost;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await launchChromium();
  hall = await startHallNode('demo');
  member = await startTestHost({
    config: { role: 'kiosk', hallNode: { url: hall.url, deviceToken: tokens.kiosk } },
  });
});

afterAll(async () => {
  await browser?.close();
  await member?.stop();
  await hall?.dispose();
});

const open = (url: string, viewport: { width: number; height: number }): Promise<Page> =>
  openTouchPage(browser, url, viewport);

async function takeTicket(kiosk: Page, idNumber: string): Promise<string> {
  await kiosk.locator('[data-tile="ticket"]').tap();
  await kiosk.getByTestId('manual-entry').tap();
  for (const ch of idNumber) await kiosk.locator(`[data-key="${ch}"]`).tap();
  await kiosk.locator('[data-key="confirm"]').tap();
  await kiosk.locator('button[data-service="general"]:not([disabled])').tap();
  return (await kiosk.getByTestId('ticket-number').textContent())!.trim();
}

async function post(method: string, params: object, token?: string) {
  const res = await fetch(`${hall.url}/api/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(params),
  });
  return (await res.json()) as { ok: boolean; result: Record<string, string> };
}

describe('a member kiosk in the hall', () => {
  it('takes a ticket the hall node numbers and its display shows; survives the hall node going away', async () => {
    const display = await open(`${hall.url}/#/display`, { width: 1920, height: 1080 });
    const kiosk = await open(`${member.url}/#/`, { width: 1080, height: 1920 });
    await display.getByTestId('display-counters').waitFor();

    // The hall node's own queue has a ticket already; the member's comes after it.
    await post('queue.issue', { serviceId: 'general' });
    const number = await takeTicket(kiosk, '110101199001010015');
    expect(number).toBe('A002');
    await kiosk.getByTestId('ticket-receipt').screenshot({
      path: join(shots, 'hall-link-member-ticket.png'),
    });
    await kiosk.getByRole('button', { name: '完成' }).tap();
    await expect.poll(() => display.getByTestId('display-waiting').textContent()).toMatch(/2/);

    // A counter at the hall node calls A001 and then the member's A002: the display shows it.
    const login = await post('queue.login', {
      counterId: 'c1',
      staffId: 'demo-staff',
      password: passwords.staff,
    });
    const token = login.result.token;
    const first = (await post('queue.call', {}, token)) as unknown as {
      result: { current: { id: number; number: string } };
    };
    expect(first.result.current.number).toBe('A001');
    await post('queue.start', { ticketId: first.result.current.id }, token);
    await post('queue.finish', { ticketId: first.result.current.id }, token);
    await post('queue.call', {}, token);
    await expect.poll(() => display.getByTestId('display-calls').textContent()).toContain(number);
    await display.screenshot({ path: join(shots, 'hall-link-display.png') });

    // The hall node goes away: the member kiosk says so and 取号 is unavailable.
    await hall.stop();
    await kiosk.getByTestId('hall-link-lost').waitFor({ timeout: 15_000 });
    expect(await kiosk.getByTestId('hall-link-lost').textContent()).toContain('无法连接大厅主机');
    expect(await kiosk.locator('[data-tile="ticket"]').textContent()).toContain(
      '暂不可用：无法连接大厅主机',
    );
    await kiosk.screenshot({ path: join(shots, 'hall-link-member-hall-down.png') });

    // Back by itself: the banner goes, and numbering carries on from the hall node's log.
    await hall.start();
    await kiosk.getByTestId('hall-link-lost').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await takeTicket(kiosk, '110101199202020017')).toBe('A003');
  });
});
