/**
 * The resident's kiosk in a real browser against a real headless host: Debian's chromium,
 * touch input, the kiosk's portrait resolution. Screenshots land in test-results/ for a person
 * to look at (Chinese glyphs, nothing clipped, big targets).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startTestHost, type TestHost } from '../support/host.js';

// Callbacks given to evaluate() run in the page, not here. The root tsconfig has no DOM lib
// (the core must not lean on browser globals), so this module declares, for itself only, the
// little page-side API those callbacks use.
interface PageBox {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  textContent: string | null;
}
declare const window: { innerWidth: number; innerHeight: number };
declare const document: {
  documentElement: PageBox;
  querySelectorAll(selector: string): Iterable<PageBox>;
};
declare function getComputedStyle(element: unknown): { fontSize: string };

const shots = join(process.cwd(), 'test-results');
// As short as the config schema allows (kiosk.idle.seconds and elderSeconds are ≥ 10), with
// elder mode still the longer of the two.
const idle = { seconds: 10, elderSeconds: 12, warnSeconds: 2 };

let browser: Browser;
let host: TestHost;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await launchChromium();
  host = await startTestHost({ config: { kiosk: { idle } } });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** A touch panel in portrait, and every console error or page error the page produces. */
async function openPage(
  path: string,
  viewport = { width: 1080, height: 1920 },
): Promise<{ page: Page; context: BrowserContext; problems: string[]; sent: string[] }> {
  const context = await browser.newContext({ hasTouch: true, viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  const sent: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
  await page.goto(`${host.url}/${path}`);
  return { page, context, problems, sent };
}

const label = (page: Page, tile: string) => page.locator(`[data-tile="${tile}"] .label`);
const fontPx = (page: Page, tile: string) =>
  label(page, tile).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

describe('kiosk home', () => {
  it('shows the hall in zh-CN, switches to elder mode and English, and idles back to the defaults', async () => {
    const { page, context, problems, sent } = await openPage('#/');

    // Home in zh-CN: five services, the demo banner, the device strip, the two switches.
    await expect.poll(() => label(page, 'ticket').textContent()).toBe('取号');
    expect(await label(page, 'caseQuery').textContent()).toBe('办件查询');
    expect(await label(page, 'guide').textContent()).toBe('办事指南');
    expect(await label(page, 'caseSubmit').textContent()).toBe('自助申报');
    expect(await label(page, 'rating').textContent()).toBe('评价');
    expect(await page.getByTestId('demo-banner').textContent()).toContain('演示模式');
    expect(await page.getByTestId('hall-name').textContent()).toContain('测试街道便民服务中心');
    // The clock shows hall time (Asia/Shanghai) though the browser here runs in UTC.
    const hallTime = (offsetMs: number) =>
      new Date(Date.now() + offsetMs).toLocaleTimeString('zh-CN', {
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
        timeZone: 'Asia/Shanghai',
      });
    const shown = await page.locator('.clock .time').textContent();
    expect([hallTime(-60_000), hallTime(0)]).toContain(shown);
    await page.getByTestId('device-strip').locator('li').first().waitFor();
    expect(await page.locator('.kiosk').getAttribute('lang')).toBe('zh-CN');
    await expectTargets(page, 44);
    await page.screenshot({ path: join(shots, 'kiosk-home-zh-CN.png') });

    // 长辈版: the tile labels grow to main-function size (≥ 30), targets to ≥ 60.
    const before = await fontPx(page, 'ticket');
    await page.getByTestId('elder-toggle').tap();
    expect(await page.getByTestId('elder-toggle').getAttribute('aria-pressed')).toBe('true');
    const after = await fontPx(page, 'ticket');
    expect(after).toBeGreaterThan(before);
    expect(after).toBeGreaterThanOrEqual(30);
    await expectTargets(page, 60);
    await page.screenshot({ path: join(shots, 'kiosk-home-elder.png') });

    // 中文/EN: every label re-renders in English.
    await page.getByTestId('language-switch').tap();
    await expect.poll(() => label(page, 'ticket').textContent()).toBe('Take a number');
    expect(await label(page, 'rating').textContent()).toBe('Rate us');
    expect(await page.getByTestId('demo-banner').textContent()).toContain('Demo mode');
    await expectNoOverflow(page);
    await page.screenshot({ path: join(shots, 'kiosk-home-en.png') });

    // A service that needs an identity: identify → keypad → type by tapping.
    await page.locator('[data-tile="caseQuery"]').tap();
    await page.getByTestId('manual-entry').waitFor();
    await page.screenshot({ path: join(shots, 'kiosk-identify.png') });
    await page.getByTestId('manual-entry').tap();
    for (const digit of '110105') await page.locator(`[data-key="${digit}"]`).tap();
    expect(await page.getByTestId('id-display').getAttribute('data-value')).toBe('110105');
    expect(await page.locator('[data-key="X"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-key="confirm"]').isDisabled()).toBe(true); // 6 of 18
    await expectTargets(page, 60);
    await page.screenshot({ path: join(shots, 'kiosk-keypad.png') });

    // Quiet for elderSeconds: the warning, and 继续 keeps everything.
    const dialog = page.getByTestId('idle-dialog');
    await dialog.waitFor({ state: 'visible', timeout: (idle.elderSeconds + 2) * 1000 });
    expect(await dialog.textContent()).toContain('Do you need more time?');
    await page.screenshot({ path: join(shots, 'kiosk-idle-warning.png') });
    await page.getByTestId('idle-continue').tap();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('id-display').getAttribute('data-value')).toBe('110105');

    // Quiet again, and this time nobody answers: home, wiped, defaults back.
    await dialog.waitFor({ state: 'visible', timeout: (idle.elderSeconds + 2) * 1000 });
    await dialog.waitFor({ state: 'detached', timeout: (idle.warnSeconds + 2) * 1000 });
    await expect.poll(() => label(page, 'ticket').textContent()).toBe('取号');
    expect(await page.getByTestId('elder-toggle').getAttribute('aria-pressed')).toBe('false');
    expect(await fontPx(page, 'ticket')).toBe(before);
    expect(await page.locator('.kiosk').getAttribute('lang')).toBe('zh-CN');
    await expect
      .poll(() => sent.some((f) => f.includes('"kiosk.endSession"') && f.includes('"idle"')))
      .toBe(true);

    // The digits went with the session: the keypad is empty when the next resident comes.
    await page.locator('[data-tile="caseQuery"]').tap();
    await page.getByTestId('manual-entry').tap();
    expect(await page.getByTestId('id-display').getAttribute('data-value')).toBe('');
    await page.getByTestId('go-home').tap();
    await label(page, 'ticket').waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });

  it('fits a landscape panel too, in both modes', async () => {
    const { page, context, problems } = await openPage('#/', { width: 1920, height: 1080 });
    await expect.poll(() => label(page, 'ticket').textContent()).toBe('取号');
    await page.screenshot({ path: join(shots, 'kiosk-home-landscape.png') });
    await expectNoOverflow(page);
    await page.getByTestId('elder-toggle').tap();
    await page.getByTestId('language-switch').tap();
    await expect.poll(() => label(page, 'ticket').textContent()).toBe('Take a number');
    await page.screenshot({ path: join(shots, 'kiosk-home-landscape-elder-en.png') });
    await expectNoOverflow(page);
    await expectTargets(page, 60);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('device trouble', () => {
  it('says a printer fault on the home screen before the resident taps 取号', async () => {
    const context = await browser.newContext({
      hasTouch: true,
      viewport: { width: 1080, height: 1920 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    // The demo host's printer is always ready; rewrite its status on the wire to a paper-out.
    await page.routeWebSocket(/\/ws$/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => server.send(m));
      server.onMessage((m) => ws.send(typeof m === 'string' ? withPrinterFault(m) : m));
    });
    await page.goto(`${host.url}/#/`);
    const printer = page.locator('[data-testid="device-strip"] li[data-kind="printer"]');
    await expect.poll(() => printer.getAttribute('data-state')).toBe('fault');
    expect(await printer.textContent()).toContain('故障');
    expect(await page.getByTestId('device-strip').textContent()).toContain(
      '打印机缺纸，请联系工作人员',
    );
    const ticket = page.locator('[data-tile="ticket"]');
    expect(await ticket.getAttribute('aria-disabled')).toBe('true');
    expect(await ticket.textContent()).toContain('打印机缺纸');
    await page.screenshot({ path: join(shots, 'kiosk-home-printer-fault.png') });
    await ticket.tap({ force: true }); // a resident taps the greyed tile anyway
    expect(await page.getByTestId('manual-entry').count()).toBe(0);
    await context.close();
  });
});

/** A devices.status result or devices.changed event, with the printer out of paper. */
function withPrinterFault(raw: string): string {
  const message = JSON.parse(raw) as { t: string; result?: unknown; data?: unknown };
  const fault = (list: unknown) =>
    Array.isArray(list)
      ? list.map((d: { kind?: string }) =>
          d.kind === 'printer'
            ? {
                ...d,
                state: 'fault',
                message: {
                  'zh-CN': '打印机缺纸，请联系工作人员',
                  en: 'Printer out of paper — please ask staff',
                },
              }
            : d,
        )
      : list;
  if (message.t === 'result') message.result = fault(message.result);
  if (message.t === 'event') message.data = fault(message.data);
  return JSON.stringify(message);
}

describe('other routes', () => {
  it.each([
    ['counter', '窗口工作台'],
    // The hall display's heading is the hall's name.
    ['display', '测试街道便民服务中心'],
    ['technician', '运维页面'],
  ])('#/%s renders', async (route, title) => {
    const { page, context, problems } = await openPage(`#/${route}`);
    const frame = page.getByTestId(`page-${route}`);
    await frame.waitFor();
    // The display's heading arrives with the hall's view, a moment after the frame.
    await expect.poll(() => frame.locator('h1').textContent()).toBe(title);
    if (route === 'technician') {
      // The core's real answers, as JSON.
      await expect
        .poll(() => page.getByTestId('tech-devices').locator('pre').textContent())
        .toContain('"kind"');
      await expect
        .poll(() => page.getByTestId('tech-store').locator('pre').textContent())
        .toContain('"integrity"');
      await expect
        .poll(() => page.getByTestId('tech-config').locator('pre').textContent())
        .toContain('"config"');
      await page.screenshot({ path: join(shots, 'technician.png'), fullPage: true });
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('link to the core', () => {
  it('says when the link is lost and recovers by itself', async () => {
    const own = await startTestHost({ config: { kiosk: { idle } } });
    const port = Number(new URL(own.url).port);
    const context = await browser.newContext({
      hasTouch: true,
      viewport: { width: 1080, height: 1920 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto(`${own.url}/#/`);
    await label(page, 'ticket').waitFor();

    await own.stop();
    const banner = page.getByTestId('link-lost');
    await banner.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await banner.textContent()).toContain('与服务连接中断，正在重连');
    await page.screenshot({ path: join(shots, 'kiosk-link-lost.png') });

    const again = await startTestHost({ port, config: { kiosk: { idle } } });
    try {
      await banner.waitFor({ state: 'detached', timeout: 30_000 });
      await page.getByTestId('device-strip').locator('li').first().waitFor();
      await page.locator('[data-tile="guide"]').tap();
      // 办事指南 answers from the catalog once the link is back.
      await page.getByTestId('guide-list').waitFor();
    } finally {
      await context.close();
      await again.stop();
    }
  });
});

/** Every visible button is at least `min` CSS px in both directions. */
async function expectTargets(page: Page, min: number): Promise<void> {
  const small = await page.locator('button:visible').evaluateAll(
    (buttons, floor) =>
      buttons
        .map((b) => ({ b, r: b.getBoundingClientRect() }))
        .filter(({ r }) => r.width < floor || r.height < floor)
        .map(
          ({ b, r }) =>
            `${b.textContent?.trim() || b.getAttribute('aria-label')}: ${Math.round(r.width)}×${Math.round(r.height)}`,
        ),
    min,
  );
  expect(small).toEqual([]);
}

/** Nothing sticks out sideways or below the panel; no text is cut inside its box. */
async function expectNoOverflow(page: Page): Promise<void> {
  const issues = await page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth) out.push(`page is ${doc.scrollWidth}px wide`);
    if (doc.scrollHeight > window.innerHeight) out.push(`page is ${doc.scrollHeight}px tall`);
    for (const el of document.querySelectorAll('button, h1, p, .label, .hint')) {
      if (el.scrollWidth > el.clientWidth + 1) out.push(`clipped: ${el.textContent?.trim()}`);
    }
    return out;
  });
  expect(issues).toEqual([]);
}
