/**
 * The kiosk's identify screen in a real browser against a real headless host, for each
 * source: the demo's simulated reader (sample residents), a SAM reader (GA 467 emulator on a
 * socat pty), a social-security card (pcscd + vpcd virtual card), and the keypad — and for
 * the errors. Screenshots land in test-results/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoResidents } from '../../drivers/id-card/demo-residents.js';
import { startPcscd, type PcscRig } from '../rig/pcscd.js';
import { SamEmulator } from '../rig/sam-emulator.js';
import { openPtyPair, type PtyPair } from '../rig/socat.js';
import { ssseCard, SSSE_ATR } from '../rig/ssse-card.js';
import { VirtualCard } from '../rig/vpcd-card.js';
import { launchChromium } from '../support/browser.js';
import { startTestHost, type TestHost } from '../support/host.js';

const shots = join(process.cwd(), 'test-results');
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function open(host: TestHost): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    hasTouch: true,
    viewport: { width: 1080, height: 1920 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${host.url}/#/`);
  await page.locator('[data-tile="caseQuery"]').tap();
  await page.getByTestId('manual-entry').waitFor();
  return { page, problems };
}

describe('identify with the demo reader', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost();
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('reads a sample elder, shows only the masked identity, and continues to the service', async () => {
    const { page, problems } = await open(host);
    await page.getByTestId('demo-cards').waitFor();
    await page.screenshot({ path: join(shots, 'identity-place-card.png') });
    await page.getByTestId('demo-card-elder').tap();
    await page.getByTestId('masked-identity').waitFor();
    expect(await page.getByTestId('masked-name').textContent()).toBe('张**');
    expect(await page.getByTestId('masked-id').textContent()).toBe('1101**********002X');
    expect(await page.content()).not.toContain('11010519491231002X');
    await page.screenshot({ path: join(shots, 'identity-read-masked.png') });
    await page.getByTestId('identity-continue').tap();
    // 办件查询 opens for the identified resident.
    await page.getByTestId('cases-freshness').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('keeps a minority name with · and a rare character, masked', async () => {
    const { page } = await open(host);
    await page.getByTestId('demo-card-minority').tap();
    await expect.poll(() => page.getByTestId('masked-name').textContent()).toBe('阿***·***');
    await page.getByTestId('go-home').tap();
    await page.locator('[data-tile="caseQuery"]').tap();
    await page.getByTestId('demo-card-rare').tap();
    await expect.poll(() => page.getByTestId('masked-name').textContent()).toBe('王*');
    await page.context().close();
  });

  it.each([
    ['expired', '已过期'],
    ['unreadable', '读卡失败'],
  ])('shows the %s card as a clear fault and no identity', async (card, zh) => {
    const { page } = await open(host);
    await page.getByTestId(`demo-card-${card}`).tap();
    await expect.poll(() => page.getByTestId('identity-fault').textContent()).toContain(zh);
    // The resident reads words; the device's code is for the technician.
    expect(await page.getByTestId('identity-fault').textContent()).not.toContain('SW3');
    expect(await page.getByTestId('masked-identity').count()).toBe(0);
    await page.screenshot({ path: join(shots, `identity-fault-${card}.png`) });
    await page.context().close();
  });

  it.each([
    ['110105194912310021', '校验位不正确'],
    ['11010519990230', '出生日期无效'],
    ['110105199902300012', '出生日期无效'],
  ])('the keypad says what is wrong with %s, and 确认 stays disabled', async (typed, zh) => {
    const { page } = await open(host);
    await page.getByTestId('manual-entry').tap();
    for (const key of typed) await page.locator(`[data-key="${key}"]`).tap();
    await expect.poll(() => page.getByTestId('keypad-fault').textContent()).toContain(zh);
    const confirm = page.locator('[data-key="confirm"]');
    expect(await confirm.isDisabled()).toBe(true);
    // The reason on screen is tied to the button for screen readers.
    expect(await confirm.getAttribute('aria-describedby')).toBe('keypad-fault');
    // Enter from a keyboard does not go on either.
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('id-display').count()).toBe(1);
    await page.screenshot({ path: join(shots, `identity-keypad-${typed.length}-${zh}.png`) });
    await page.context().close();
  });

  it('a valid typed number goes on to the service', async () => {
    const { page } = await open(host);
    await page.getByTestId('manual-entry').tap();
    const confirm = page.locator('[data-key="confirm"]');
    for (const key of '11010519491231002') await page.locator(`[data-key="${key}"]`).tap();
    expect(await confirm.isDisabled()).toBe(true); // 17 of 18: not complete yet
    await page.locator('[data-key="X"]').tap();
    expect(await page.getByTestId('keypad-fault').count()).toBe(0);
    expect(await confirm.isDisabled()).toBe(false);
    expect(await confirm.getAttribute('aria-describedby')).toBeNull();
    await confirm.tap();
    // 办件查询 goes on, and asks for the card: a typed number opens no one's cases.
    await page.getByTestId('card-needed').waitFor();
    expect(await page.getByTestId('cases-freshness').count()).toBe(0);
    await page.context().close();
  });
});

describe('the idle timer wipes a read identity', () => {
  // As short as the config schema allows (seconds ≥ 10), with a short warning.
  const idle = { seconds: 10, elderSeconds: 12, warnSeconds: 2 };
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ config: { kiosk: { idle } } });
  });
  afterAll(async () => {
    await host?.stop();
  });

  const waitForIdleWipe = async (page: Page): Promise<void> => {
    const dialog = page.getByTestId('idle-dialog');
    await dialog.waitFor({ state: 'visible', timeout: (idle.seconds + 3) * 1000 });
    await dialog.waitFor({ state: 'detached', timeout: (idle.warnSeconds + 3) * 1000 });
    await page.locator('[data-tile="caseQuery"]').waitFor();
  };
  const expectNothingLeft = async (page: Page): Promise<void> => {
    const html = await page.content();
    for (const shown of ['张**', '1101**********002X', '11010519491231002X', '张桂英']) {
      expect(html).not.toContain(shown);
    }
    expect(await page.getByTestId('masked-identity').count()).toBe(0);
  };

  it('on the identify screen (read, shown, not yet confirmed) and after continuing', async () => {
    const { page } = await open(host);
    // Read and shown, the resident walks away before 确认，继续办理.
    await page.getByTestId('demo-card-elder').tap();
    await expect.poll(() => page.getByTestId('masked-name').textContent()).toBe('张**');
    await waitForIdleWipe(page);
    await expectNothingLeft(page);

    // Read, confirmed (the session holds the identity), then the resident walks away.
    await page.locator('[data-tile="caseQuery"]').tap();
    await page.getByTestId('demo-card-elder').tap();
    await page.getByTestId('identity-continue').tap();
    await page.getByTestId('cases-freshness').waitFor();
    await waitForIdleWipe(page);
    await expectNothingLeft(page);
    // The session holds no identity any more: 办件查询 asks who the resident is again.
    await page.locator('[data-tile="caseQuery"]').tap();
    await page.getByTestId('manual-entry').waitFor();
    expect(await page.getByTestId('cases-list').count()).toBe(0);
    await page.context().close();
  });
});

describe('identify with real device peers', () => {
  let pair: PtyPair;
  let emu: SamEmulator;
  let rig: PcscRig;
  let host: TestHost;

  beforeAll(async () => {
    pair = await openPtyPair();
    emu = await SamEmulator.open(pair.b);
    rig = await startPcscd({ basePort: 'auto' });
    // The host is a child process: it inherits the rig's socket path.
    Object.assign(process.env, rig.env);
    host = await startTestHost({
      config: {
        devices: {
          idReader: { adapter: 'sam-serial', path: pair.a, pollMs: 100 },
          cardReader: { adapter: 'pcsc', reader: 'Virtual PCD 00 00' },
        },
      },
    });
  });

  afterAll(async () => {
    await host?.stop();
    await emu?.close();
    await pair?.stop();
    await rig?.stop();
  });

  it('reads a resident ID card from the SAM reader', async () => {
    const { page } = await open(host);
    emu.card = demoResidents.minority;
    await expect
      .poll(() => page.getByTestId('masked-name').textContent(), { timeout: 10_000 })
      .toBe('阿***·***');
    expect(await page.getByTestId('masked-identity').textContent()).toContain('居民身份证');
    emu.card = null;
    await page.context().close();
  });

  it('reads a social-security card over PC/SC, and says so when the card is PIN-gated', async () => {
    const { page } = await open(host);
    const data = {
      cardNumber: 'A12345678',
      issueDate: '20200115',
      expiry: '20300115',
      idNumber: '11010519491231002X',
      name: '张桂英',
      sex: '2' as const,
      nation: '01',
      birthDate: '19491231',
    };
    let card = new VirtualCard({ atr: SSSE_ATR, port: rig.ports[0], respond: ssseCard(data) });
    await card.insert();
    await expect
      .poll(() => page.getByTestId('masked-identity').textContent(), { timeout: 10_000 })
      .toContain('社会保障卡');
    await page.screenshot({ path: join(shots, 'identity-ssc-masked.png') });
    await card.remove();
    await page.getByTestId('go-home').tap();
    await page.locator('[data-tile="caseQuery"]').tap();
    await new Promise((r) => setTimeout(r, 1000)); // pcscd notices the removal at its next poll
    card = new VirtualCard({
      atr: SSSE_ATR,
      port: rig.ports[0],
      respond: ssseCard(data, { pinLocked: true }),
    });
    await card.insert();
    await expect
      .poll(() => page.getByTestId('identity-fault').textContent(), { timeout: 10_000 })
      .toContain('需要密码');
    await page.screenshot({ path: join(shots, 'identity-fault-pin.png') });
    await card.remove();
    await page.context().close();
  });

  it('says the reader is gone when the SAM device is unplugged', async () => {
    const { page } = await open(host);
    await emu.close();
    await pair.stop();
    await expect
      .poll(() => page.locator('body').textContent(), { timeout: 10_000 })
      .toMatch(/身份证阅读器(无响应|未连接)|找不到身份证阅读器|阅读器断开/);
    // The social-security reader still works: the screen names the one that is out, and the
    // read goes on (a card on the PC/SC reader would still be read).
    await page.getByTestId('reader-partly-down').waitFor();
    expect(await page.getByTestId('identity-fault').count()).toBe(0);
    await page.screenshot({ path: join(shots, 'identity-sam-unplugged.png') });
    await page.context().close();
  });
});
