/**
 * Case receipts on paper, through a real core: the printer emulator over TCP and the platform
 * simulator over mutual TLS. The first receipt has the local receipt number only; once the
 * platform case number is known the kiosk prints one with it, and 办件查询 can 补打 — each
 * marked 补打 on paper, masked, confirmed by the printer, and audited (who, when, why).
 */
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CallContext } from '../../common/contract/call.js';
import { makeCerts } from '../../platform/simulator/certs.js';
import type { Simulator } from '../../platform/simulator/server.js';
import { startTcpPrinter, type DecodedJob, type TcpPrinter } from '../rig/printer-emulator.js';
import { holdCard } from '../support/card.js';
import { startTestCore, type TestCore } from '../support/core.js';
import { platformConfig } from './case-kit.js';
import { idNumberFor, startKitSimulator, tempDir } from './kit.js';

const ID = '11010519491231002X';
const OTHER = idNumberFor(7); // a valid ID number: a different resident
const MINORITY = '650102198801010037'; // the sample card of another resident
const KIOSK_TOKEN = 'reprint-test-kiosk-token-0123456789';
const DISPLAY_TOKEN = 'reprint-test-display-token-0123456789';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const KIOSK: CallContext = { transport: 'ws', peer: '10.0.0.7', credential: KIOSK_TOKEN };
/** The kiosk's own window, where the resident's card was read. */
const WINDOW: CallContext = { transport: 'ipc', peer: 'app://kiosk/index.html' };
const DISPLAY: CallContext = { transport: 'ws', peer: '10.0.0.8', credential: DISPLAY_TOKEN };

let dir: string;
let sim: Simulator;
let tcp: TcpPrinter;
let t: TestCore;

beforeAll(async () => {
  dir = tempDir('receipt-reprint-');
  const certs = makeCerts(join(dir, 'certs'));
  sim = await startKitSimulator(certs);
  tcp = await startTcpPrinter();
  const file = join(dir, 'kiosk.json');
  writeFileSync(
    file,
    JSON.stringify({
      role: 'hall-node',
      mode: 'production',
      hall: { id: 'test-hall', name: { 'zh-CN': '测试街道便民服务中心', en: 'Test Hall' } },
      devices: {
        printer: {
          adapter: 'tcp',
          host: '127.0.0.1',
          port: tcp.port,
          replyTimeoutMs: 300,
          confirmDelayMs: 0,
          pollSeconds: 1,
        },
      },
      queue: {
        devices: [
          { id: 'kiosk-3', role: 'kiosk', hashedToken: sha(KIOSK_TOKEN) },
          { id: 'display-1', role: 'display', hashedToken: sha(DISPLAY_TOKEN) },
        ],
      },
      platform: platformConfig(certs, sim),
    }),
  );
  t = await startTestCore(file);
  await holdCard(t.core, 'elder');
});

afterAll(async () => {
  await t?.dispose();
  await tcp?.stop();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, params: unknown, ctx: CallContext = WINDOW) {
  const reply = await t.core.dispatcher.dispatch(method, params, ctx);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message.en), { body: reply.error });
  return reply.result as Record<string, unknown>;
}

const text = (job: DecodedJob | undefined) => (job?.lines ?? []).map((l) => l.text).join('\n');
let receiptNumber = '';
let caseNumber = '';

it('prints the first receipt with the receipt number only, masked', async () => {
  await call('catalog.list', {});
  const done = await call('cases.submit', {
    serviceId: 'residence-certificate',
    applicant: { idNumber: ID, name: '张三丰' },
    answers: { address: '北京市东城区某街1号', years: 3 },
    consent: true,
  });
  expect(done).toMatchObject({ ok: true, printed: true });
  receiptNumber = done.receiptNumber as string;
  const [first] = tcp.emulator.printed();
  const paper = text(first);
  expect(paper).toContain('受理回执');
  expect(paper).toContain(receiptNumber);
  expect(paper).toContain('平台办件号待受理后生成');
  expect(paper).not.toContain('补打');
  expect(paper).toContain('1101**********002X');
  expect(paper).toContain('张**');
  expect(paper).not.toContain(ID);
  expect(paper).not.toContain('张三丰');
});

it('prints the receipt again with the platform case number once the platform gave one', async () => {
  for (let i = 0; i < 100 && !caseNumber; i++) {
    caseNumber = ((await call('cases.receipt', { receiptNumber }))?.platformCaseNumber ??
      '') as string;
    if (!caseNumber) await new Promise((r) => setTimeout(r, 50));
  }
  expect(caseNumber).toMatch(/^SC\d+$/);
  const again = await call('cases.printReceipt', {
    receiptNumber,
    idNumber: ID,
    why: 'with-case-number',
  });
  expect(again).toEqual({ printed: true, receiptNumber, platformCaseNumber: caseNumber });
  const [first, second] = tcp.emulator.printed();
  const paper = text(second);
  expect(paper).toMatch(/补打 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  expect(second!.lines.find((l) => l.text.startsWith('补打'))).toMatchObject({
    align: 'center',
    height: 2,
  });
  expect(paper).toContain(`平台办件号 ${caseNumber}`);
  expect(paper).toContain(receiptNumber);
  expect(paper).toContain('1101**********002X');
  expect(paper).not.toContain(ID);
  expect(paper).not.toContain('张三丰');
  // The same case, the same check code: the QR of a 补打 verifies like the original's.
  expect(second!.qr).toEqual(first!.qr);
});

it('补打 from 办件查询 goes through the printer and is audited: who, when, why', async () => {
  const reprint = await call('cases.printReceipt', { receiptNumber, idNumber: ID, why: 'reprint' });
  expect(reprint).toMatchObject({ printed: true, platformCaseNumber: caseNumber });
  expect(tcp.emulator.printed()).toHaveLength(3);
  const jobs = t.core.store.db
    .prepare("SELECT outcome, ref FROM print_job WHERE kind = 'receipt' ORDER BY id")
    .all();
  expect(jobs).toEqual([
    { outcome: 'printed', ref: receiptNumber },
    { outcome: 'printed', ref: receiptNumber },
    { outcome: 'printed', ref: receiptNumber },
  ]);
  const audit = t.core.store.db
    .prepare(
      "SELECT at, actor, purpose, result FROM audit_log WHERE action = 'print-receipt' ORDER BY id",
    )
    .all() as { at: string; actor: string; purpose: string; result: string }[];
  expect(audit.map(({ actor, purpose, result }) => ({ actor, purpose, result }))).toEqual([
    { actor: 'local:hall-node', purpose: 'with-case-number', result: 'printed' },
    { actor: 'local:hall-node', purpose: 'reprint', result: 'printed' },
  ]);
  expect(Date.now() - Date.parse(audit[1]!.at)).toBeLessThan(60_000);
  expect(JSON.stringify(audit)).not.toContain(ID);
});

it("prints nothing for another resident's receipt, nor for a display, and says why", async () => {
  const before = tcp.emulator.printed().length;
  await expect(
    call('cases.printReceipt', { receiptNumber, idNumber: OTHER, why: 'reprint' }),
  ).rejects.toMatchObject({
    body: { code: 'FORBIDDEN', issues: [{ path: 'idNumber', message: 'CARD_NOT_READ' }] },
  });
  await holdCard(t.core, 'minority');
  await expect(
    call('cases.printReceipt', { receiptNumber, idNumber: MINORITY, why: 'reprint' }),
  ).rejects.toMatchObject({ body: { code: 'CONFLICT', message: { 'zh-CN': /没有找到/ } } });
  await holdCard(t.core, 'elder');
  await expect(
    call('cases.printReceipt', { receiptNumber: 'R000000000000', idNumber: ID, why: 'reprint' }),
  ).rejects.toMatchObject({ body: { code: 'CONFLICT' } });
  await expect(
    call('cases.printReceipt', { receiptNumber, idNumber: ID, why: 'reprint' }, DISPLAY),
  ).rejects.toMatchObject({ body: { code: 'FORBIDDEN' } });
  await expect(
    call('cases.printReceipt', { receiptNumber, idNumber: ID, why: 'reprint' }, KIOSK),
  ).rejects.toMatchObject({ body: { code: 'FORBIDDEN', issues: [{ message: 'CARD_NOT_READ' }] } });
  expect(tcp.emulator.printed()).toHaveLength(before);
  const refused = t.core.store.db
    .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE result = 'refused:not-found'")
    .get() as { n: number };
  expect(refused.n).toBe(2);
});

it('paper out: nothing printed, the resident is told, and the attempt is audited', async () => {
  tcp.emulator.set({ paperOut: true });
  const reply = await call('cases.printReceipt', { receiptNumber, idNumber: ID, why: 'reprint' });
  tcp.emulator.set({ paperOut: false });
  expect(reply).toMatchObject({
    printed: false,
    platformCaseNumber: caseNumber,
    printProblem: { 'zh-CN': expect.any(String) },
  });
  const last = t.core.store.db
    .prepare("SELECT result FROM audit_log WHERE action = 'print-receipt' ORDER BY id DESC")
    .get();
  expect(last).toEqual({ result: 'not-printed' });
  expect(t.logText()).not.toContain(ID);
});

it('a receipt whose first paper never came out is not 补打 on its first paper; the next one is', async () => {
  tcp.emulator.set({ paperOut: true });
  const done = await call('cases.submit', {
    serviceId: 'residence-certificate',
    applicant: { idNumber: ID, name: '张三丰' },
    answers: { address: '北京市东城区某街2号', years: 4 },
    consent: true,
  });
  tcp.emulator.set({ paperOut: false });
  expect(done).toMatchObject({ ok: true, printed: false });
  const before = tcp.emulator.printed().length;
  const print = () =>
    call('cases.printReceipt', { receiptNumber: done.receiptNumber, idNumber: ID, why: 'reprint' });
  expect(await print()).toMatchObject({ printed: true });
  expect(await print()).toMatchObject({ printed: true });
  const [first, second] = tcp.emulator.printed().slice(before).map(text);
  expect(first).toContain(done.receiptNumber as string);
  expect(first).not.toContain('补打');
  expect(second).toMatch(/补打 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
});
