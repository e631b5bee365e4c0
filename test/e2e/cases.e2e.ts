/**
 * 自助申报 against a real host and the platform simulator: the case is submitted while the
 * platform is down and shows as pending; the platform comes back and the receipt gains its
 * platform case number, with a receipt that carries it (marked 补打). Then 办件查询: live, with
 * 补打回执, updated on screen by the host's background refresh, and cached with its age when the
 * platform is gone; and 评价 with its thanks. Screenshots of each (docs/screenshots/cases-*.png).
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
      caseStatus: { intervalSeconds: 5 },
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

/** A portrait touch kiosk page in zh-CN on the host's home screen. */
async function kioskPage() {
  const context = await browser.newContext({
    hasTouch: true,
    viewport: { width: 1080, height: 1920 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  await page.goto(`${host.url}/#/`);
  return { context, page };
}

/** The sample elder's card (ID) on the demo reader: a resident's cases need their card. */
async function identify(page: Page, tile: string): Promise<void> {
  await page.locator(`[data-tile="${tile}"]`).tap();
  await page.getByTestId('demo-card-elder').tap();
  await page.getByTestId('identity-continue').tap();
}

it('submits while the platform is down, then shows the platform case number', async () => {
  const { context, page } = await kioskPage();
  await identify(page, 'caseSubmit');
  // The catalog was synced at start; now the platform goes down.
  await page.getByTestId('service-residence-certificate').waitFor();
  await sim!.close();
  sim = null;
  await page.getByTestId('service-residence-certificate').tap();
  // The name comes from the card: no field to type it in.
  await page.locator('[data-testid="field-address"]').waitFor();
  expect(await page.getByTestId('field-applicant-name').count()).toBe(0);
  await page.locator('[data-testid="field-address"] input').fill('北京市东城区某街1号');
  await page.locator('[data-testid="field-years"] button.value').tap();
  await page.locator('[data-testid="field-years"] .pad button', { hasText: '3' }).first().tap();
  await page.screenshot({ path: join(shots, 'cases-form.png') });
  await page.getByTestId('case-next').tap();
  await page.getByTestId('case-review').waitFor();
  expect(await page.getByTestId('case-review').textContent()).toContain('1101**********002X');
  expect(await page.getByTestId('case-review').textContent()).toContain('张**');
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
  // The resident is still here: a receipt with the case number (demo mode: shown, not printed).
  await page.getByTestId('print-with-number').tap();
  await page.getByTestId('print-with-number-done').waitFor();
  await page.getByTestId('print-with-number-preview').locator('img').waitFor();
  await page.screenshot({ path: join(shots, 'cases-receipt-with-number.png') });
  await context.close();
}, 60_000);

it('shows the resident their cases live, offers 补打, and updates when the platform moves', async () => {
  const { context, page } = await kioskPage();
  const [only] = [...sim!.cases.keys()];
  sim!.advance(only!, 'in-progress', '街道社会事务办');
  await identify(page, 'caseQuery');
  await page.getByTestId('cases-list').waitFor();
  expect(await page.getByTestId('cases-freshness').textContent()).toContain('实时状态');
  expect(await page.getByTestId('cases-list').textContent()).toContain('办理中');
  await page.screenshot({ path: join(shots, 'cases-query.png') });

  const receipt = (await page
    .locator('[data-testid^="reprint-R"]')
    .first()
    .getAttribute('data-testid'))!;
  await page.getByTestId(receipt).tap();
  await page.getByTestId(`${receipt}-done`).waitFor();
  expect(await page.getByTestId(`${receipt}-done`).textContent()).toContain('回执已补打');
  await page.getByTestId(`${receipt}-preview`).locator('img').waitFor();
  await page.screenshot({ path: join(shots, 'cases-query-reprint.png') });

  // The platform finishes the case while the list is on screen: the host's own refresh
  // (every 5 s here) finds it and the list follows, with no tap.
  sim!.advance(only!, 'completed', '街道社会事务办');
  await expect
    .poll(() => page.getByTestId('cases-list').textContent(), { timeout: 20_000 })
    .toContain('已办结');
  await context.close();
}, 60_000);

it('shows the cached status with its age while the platform is gone', async () => {
  const { context, page } = await kioskPage();
  await sim!.close();
  sim = null;
  await identify(page, 'caseQuery');
  await page.getByTestId('cases-list').waitFor();
  expect(await page.getByTestId('cases-freshness').textContent()).toMatch(
    /离线缓存，更新于 \d+ (秒|分钟) 前/,
  );
  expect(await page.getByTestId('cases-list').textContent()).toContain('已办结');
  await page.screenshot({ path: join(shots, 'cases-query-cached.png') });
  sim = await simulator();
  await context.close();
}, 60_000);

it('takes a rating on five levels and thanks the resident', async () => {
  const { context, page } = await kioskPage();
  await page.locator('[data-tile="rating"]').tap();
  await page.getByTestId('rating-ref').fill('A012');
  for (const level of [5, 4, 3, 2, 1]) await page.getByTestId(`rating-${level}`).waitFor();
  await page.screenshot({ path: join(shots, 'cases-rating.png') });
  await page.getByTestId('rating-5').tap();
  await page.getByTestId('rating-thanks').waitFor();
  await page.screenshot({ path: join(shots, 'cases-rating-thanks.png') });
  await expect.poll(() => sim!.ratings.size, { timeout: 10_000 }).toBe(1);
  expect([...sim!.ratings.values()][0]).toMatchObject({
    level: 5,
    subject: { kind: 'ticket', ref: 'A012' },
  });
  await context.close();
}, 60_000);

it('办件查询 shows a case still waiting, and its case number as soon as it is delivered', async () => {
  await sim!.close();
  sim = null;
  // Submitted at this kiosk a moment ago (the form flow is the first test's).
  const submitted = (await (
    await fetch(`${host.url}/api/cases.submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        serviceId: 'residence-certificate',
        applicant: { idNumber: ID, name: '张三' },
        answers: { address: '北京市东城区某街2号', years: 5 },
        consent: true,
      }),
    })
  ).json()) as { ok: boolean; result: { receiptNumber: string } };
  expect(submitted.ok).toBe(true);
  const receipt = submitted.result.receiptNumber;
  const { context, page } = await kioskPage();
  await identify(page, 'caseQuery');
  await page.getByTestId(`status-${receipt}`).waitFor();
  expect(await page.getByTestId(`status-${receipt}`).textContent()).toContain('待发送');
  sim = await simulator();
  // No tap: the outbox delivers, and the waiting case on screen gets its number.
  await expect
    .poll(() => page.getByTestId('cases-list').textContent(), { timeout: 20_000 })
    .toMatch(new RegExp(`${receipt}\\s*平台办件号\\s+SC\\d+`));
  expect(await page.getByTestId(`status-${receipt}`).textContent()).toContain('已提交平台');
  await context.close();
}, 60_000);

it('a typed ID number takes a ticket but opens no one’s cases: the kiosk asks for the card', async () => {
  const { context, page } = await kioskPage();
  await page.locator('[data-tile="caseQuery"]').tap();
  await page.getByTestId('manual-entry').tap();
  for (const ch of ID) await page.locator(`[data-key="${ch}"]`).tap();
  await page.locator('[data-key="confirm"]').tap();
  await expect.poll(() => page.locator('body').textContent()).toContain('请把身份证放在读卡器上');
  expect(await page.getByTestId('cases-list').count()).toBe(0);
  // 去读卡: the reader screen again for the same service; the card opens the cases.
  await page.getByTestId('card-needed-read').tap();
  await page.getByTestId('demo-card-elder').tap();
  await page.getByTestId('identity-continue').tap();
  await page.getByTestId('cases-freshness').waitFor();
  await page.screenshot({ path: join(shots, 'cases-card-needed.png') });
  await context.close();
});
