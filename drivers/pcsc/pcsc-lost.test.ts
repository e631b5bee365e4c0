// The PC/SC reader (or pcscd itself) goes away while a read waits or runs: the read ends at
// once with a clear fault, not at its own timeout, and no identity. When pcscd comes back the
// reader is found again and reads a card. Real pcsclite, real pcscd + vpcd. Its own file:
// libpcsclite binds its socket path once per process, and these tests stop the service.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPcscd, type PcscRig } from '../../test/rig/pcscd.js';
import { useRigSocket } from '../../test/rig/pcsc-client.js';
import { ssseCard, SSSE_ATR, type SsseCardData } from '../../test/rig/ssse-card.js';
import { VirtualCard } from '../../test/rig/vpcd-card.js';
import { PcscCardReader } from './pcsc-reader.js';

const today = new Date('2026-11-28T05:00:00Z');
const card: SsseCardData = {
  cardNumber: 'A12345678',
  issueDate: '20200115',
  expiry: '20300115',
  idNumber: '11010519491231002X',
  name: '张三',
  sex: '2',
  nation: '01',
  birthDate: '19491231',
};

let rig: PcscRig | undefined;
let reader: PcscCardReader;
const cards: VirtualCard[] = [];

const until = async (pred: () => boolean, ms = 8000): Promise<void> => {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const start = async (): Promise<PcscRig> => {
  rig = await startPcscd({ basePort: 'auto' });
  useRigSocket(rig);
  return rig;
};

const insert = async (respond: (apdu: Buffer) => Buffer | Promise<Buffer>): Promise<void> => {
  const v = new VirtualCard({ atr: SSSE_ATR, respond, port: rig!.ports[0] });
  cards.push(v);
  await v.insert();
};

beforeAll(async () => {
  await start();
  reader = new PcscCardReader({ reader: 'Virtual PCD 00 00', now: () => today, retryMs: 200 });
  await until(() => reader.status().state === 'ready');
});

afterAll(async () => {
  for (const v of cards) await v.remove().catch(() => undefined);
  await reader?.close();
  await rig?.stop();
});

it('pcscd stopping while a read waits for a card ends the read at once with no-reader', async () => {
  const waiting = reader.read();
  await new Promise((r) => setTimeout(r, 300));
  const t0 = Date.now();
  await rig!.stop();
  const r = await waiting;
  expect(Date.now() - t0).toBeLessThan(3000);
  expect(r).toEqual({
    ok: false,
    fault: {
      code: 'no-reader',
      message: {
        'zh-CN': '社保卡读卡器已断开，请联系工作人员',
        en: 'The card reader was disconnected: please ask a member of staff',
      },
      action: expect.objectContaining({ 'zh-CN': expect.stringContaining('联系工作人员') }),
    },
  });
  await until(() => reader.status().state !== 'ready');
  // With no reader left, a new read is told so at once instead of waiting for nothing.
  expect(await reader.read()).toMatchObject({ ok: false, fault: { code: 'no-reader' } });
});

it('the reader coming back is found again and used: a card in it is read', async () => {
  await start();
  await until(() => reader.status().state === 'ready');
  expect(reader.readerNames()).toEqual(['Virtual PCD 00 00']);
  const pending = reader.read();
  await insert(ssseCard(card));
  expect(await pending).toMatchObject({
    ok: true,
    identity: { idNumber: card.idNumber, source: 'social-security-card' },
  });
  await cards.pop()!.remove();
  await until(() => !reader.cardPresent);
});

it('pcscd stopping in the middle of reading a card gives no-reader and no identity', async () => {
  const respond = ssseCard(card);
  let stopped: Promise<void> | undefined;
  const pending = reader.read();
  await insert(async (apdu) => {
    // The first READ RECORD of EF06 (the personal data): the service goes away under it.
    if (apdu[1] === 0xb2 && apdu[3]! >> 3 === 6 && !stopped) {
      stopped = rig!.stop();
      await stopped;
    }
    return respond(apdu);
  });
  const r = await pending;
  expect(r).toMatchObject({ ok: false, fault: { code: 'no-reader' } });
  expect(JSON.stringify(r)).not.toContain(card.idNumber);
  expect(JSON.stringify(r)).not.toContain(card.name);
  await until(() => reader.status().state !== 'ready');
});
