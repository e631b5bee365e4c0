/**
 * The kiosk home with a real printer peer: the host (its own process) talks TCP to the
 * emulator; paper out greys 取号 with the printer's own words before anyone taps, and new
 * paper brings the tile back — no rewriting of the wire.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startTestHost, type TestHost } from '../support/host.js';
import { startTcpPrinter, type TcpPrinter } from '../rig/printer-emulator.js';

const shots = join(process.cwd(), 'test-results');
let browser: Browser;
let host: TestHost;
let printer: TcpPrinter;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  printer = await startTcpPrinter();
  printer.emulator.set({ paperOut: true });
  browser = await launchChromium();
  host = await startTestHost({
    config: {
      devices: {
        printer: {
          adapter: 'tcp',
          host: '127.0.0.1',
          port: printer.port,
          pollSeconds: 1,
          replyTimeoutMs: 300,
          confirmDelayMs: 0,
        },
      },
    },
  });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await printer?.stop();
});

describe('kiosk home with a TCP printer', () => {
  it('paper out disables 取号 with the reason; new paper enables it again', async () => {
    const context = await browser.newContext({
      hasTouch: true,
      viewport: { width: 1080, height: 1920 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto(`${host.url}/#/`);
    const ticket = page.locator('[data-tile="ticket"]');
    await expect.poll(() => ticket.getAttribute('aria-disabled'), { timeout: 10_000 }).toBe('true');
    expect(await ticket.textContent()).toContain('打印纸已用完');
    await page.screenshot({ path: join(shots, 'kiosk-home-paper-out-tcp.png') });
    // Staff at a counter see it too, in the printer's own words.
    const counter = await context.newPage();
    await counter.goto(`${host.url}/#/counter`);
    const alerts = counter.getByTestId('device-alerts');
    await expect.poll(() => alerts.textContent(), { timeout: 10_000 }).toContain('打印纸已用完');

    printer.emulator.set({ paperOut: false });
    await expect
      .poll(() => ticket.getAttribute('aria-disabled'), { timeout: 10_000 })
      .not.toBe('true');
    expect(await ticket.textContent()).not.toContain('打印纸已用完');
    await expect.poll(() => alerts.count(), { timeout: 10_000 }).toBe(0);
    await context.close();
  });

  it('technician page: printer status in words, a confirmed test page, a ticket preview', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 1600 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${host.url}/#/technician`);
    await expect
      .poll(() => page.getByTestId('tech-printer').locator('pre').textContent())
      .toContain('"adapter": "tcp"');
    const before = printer.emulator.printed().length;
    await page.getByRole('button', { name: '打印测试页' }).click();
    await expect
      .poll(() => page.getByTestId('printer-result').textContent())
      .toContain('测试页已打印并确认');
    expect(printer.emulator.printed()).toHaveLength(before + 1);
    expect(
      printer.emulator
        .printed()
        .at(-1)!
        .lines.map((l) => l.text),
    ).toContain('打印机测试页 / Printer test page');
    await page.getByRole('button', { name: '预览排队凭条' }).click();
    const img = page.getByTestId('printer-preview');
    await expect
      .poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(608);
    await page.screenshot({ path: join(shots, 'technician-printer.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
