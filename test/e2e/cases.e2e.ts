/**
 * 自助申报 against a real host and the platform simulator: the case is submitted while the
 * platform is down and shows as pending; the platform comes back and the receipt gains its
 * platform case number. Then 办件查询 and 评价, with screenshots.
 */
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spkiPin } from '../../main/platform/client.js';
import { makeCerts, type CertSet } from '../../platform/simulator/certs.js';
import { startSimulator, type Simulator } from '../../platform/simulator/server.js';
import { launchChromium } from '../support/browser.js';
import { startTestHost, type TestHost } from '../support/host.js';

const shots = join(process.cwd(), 'test-results');
const SECRET = 'e2e-signing-secret-0123456789';
const ID = '11010519491231002X';
let dir: string;
let certs: CertSet;
let sim: Simulator | null = null;
let port = 0;
let browser: Browser;
let host: TestHost;

const simulator = async () =>
  startSimulator({ tls: { ...certs.server, ca: certs.ca }, keys: { 'e2e-hall': SECRET }, port });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'cases-e2e-'));
  certs = makeCerts(join(dir, 'certs'));
  sim = await simulator();
  port = sim.port;
  const pin = spkiPin(new X509Certificate(certs.server.cert).raw);
  host = await startTestHost({
    config: {
      platform: {
        url: sim.url,
        clientCert: certs.files.clientCert,
        clientKey: certs.files.clientKey,
        caFile: certs.files.ca,
        pins: [pin, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
        signing: { keyId: 'e2e-hall', secret: SECRET },
        timeoutMs: 1000,
        backoff: { baseMs: 10, capMs: 1000 },
      },
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function identify(page: Page, tile: string): Promise<void> {
  await page.locator(`[data-tile="${tile}"]`).tap();
  await page.getByTestId('manual-entry').tap();
  for (const ch of ID) await page.locator(`[data-key="${ch}"]`).tap();
  await page.locator('[data-key="confirm"]').tap();
}

it('submits while the platform is down, then shows the platform case number', async () => {
  const context = await browser.newContext({
    hasTouch: true,
    viewport: { width: 1080, height: 1920 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.goto(`${host.url}/#/`);
  await identify(page, 'caseSubmit');
  // The catalog was synced at start; now the platform goes down.
  await page.getByTestId('service-residence-certificate').waitFor();
  await sim!.close();
  sim = null;
  await page.getByTestId('service-residence-certificate').tap();
  await page.getByTestId('field-applicant-name').locator('xpath=.').fill('张三');
  await page.locator('[data-testid="field-address"] input').fill('北京市东城区某街1号');
  await page.locator('[data-testid="field-years"] button.value').tap();
  await page.locator('[data-testid="field-years"] .pad button', { hasText: '3' }).first().tap();
  await page.screenshot({ path: join(shots, 'cases-form.png') });
  await page.getByTestId('case-next').tap();
  await page.getByTestId('case-review').waitFor();
  expect(await page.getByTestId('case-review').textContent()).toContain('1101**********002X');
  // Nothing goes before consent.
  expect(await page.getByTestId('case-submit').isDisabled()).toBe(true);
  await page.getByTestId('case-consent').check();
  await page.getByTestId('case-submit').tap();
  await page.getByTestId('case-receipt').waitFor();
  expect(await page.getByTestId('platform-number').textContent()).toContain('等待平台受理');
  expect(await page.getByTestId('receipt-number').textContent()).toMatch(/^R\d+/);
  // The kiosk's plain note (a count, nothing personal) says one item waits for the platform.
  await expect
    .poll(() => page.getByTestId('outbox-pending-note').textContent(), { timeout: 5_000 })
    .toContain('1 件待上传到市级平台');
  await page.screenshot({ path: join(shots, 'cases-pending.png') });

  sim = await simulator();
  await expect
    .poll(() => page.getByTestId('platform-number').textContent(), { timeout: 15_000 })
    .toMatch(/^SC\d+/);
  // Delivered: the note goes away.
  await expect.poll(() => page.getByTestId('outbox-pending-note').count()).toBe(0);
  await page.screenshot({ path: join(shots, 'cases-delivered.png') });
  expect(sim.creations.size).toBe(1);
  await context.close();
}, 60_000);

it('shows the resident their cases with live status, and takes a rating', async () => {
  const context = await browser.newContext({
    hasTouch: true,
    viewport: { width: 1080, height: 1920 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.goto(`${host.url}/#/`);
  const [only] = [...sim!.cases.keys()];
  sim!.advance(only!, 'in-progress', '街道社会事务办');
  await identify(page, 'caseQuery');
  await page.getByTestId('cases-list').waitFor();
  expect(await page.getByTestId('cases-freshness').textContent()).toContain('实时状态');
  expect(await page.getByTestId('cases-list').textContent()).toContain('办理中');
  await page.screenshot({ path: join(shots, 'cases-query.png') });
  await page.getByTestId('go-home').tap();

  await page.locator('[data-tile="rating"]').tap();
  await page.getByTestId('rating-ref').fill('A012');
  await page.screenshot({ path: join(shots, 'cases-rating.png') });
  await page.getByTestId('rating-5').tap();
  await page.getByTestId('rating-thanks').waitFor();
  await expect.poll(() => sim!.ratings.size, { timeout: 10_000 }).toBe(1);
  expect([...sim!.ratings.values()][0]).toMatchObject({
    level: 5,
    subject: { kind: 'ticket', ref: 'A012' },
  });
  await context.close();
}, 60_000);
