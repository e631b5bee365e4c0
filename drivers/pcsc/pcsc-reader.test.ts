// PC/SC through the real pcsclite against pcscd + vpcd with virtual cards written in
// TypeScript (test/rig/ssse-card.ts): social-security card, PIN-gated card, staff badge.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPcscd, type PcscRig } from '../../test/rig/pcscd.js';
import { useRigSocket } from '../../test/rig/pcsc-client.js';
import {
  BADGE_ATR,
  badgeCard,
  ssseCard,
  SSSE_ATR,
  type SsseCardData,
} from '../../test/rig/ssse-card.js';
import { VirtualCard } from '../../test/rig/vpcd-card.js';
import { PcscCardReader } from './pcsc-reader.js';

const today = new Date('2026-11-28T05:00:00Z');
const card: SsseCardData = {
  cardNumber: 'A12345678',
  issueDate: '20200115',
  expiry: '20300115',
  idNumber: '11010519491231002X',
  name: '阿依古丽·买买提',
  sex: '2',
  nation: '05',
  birthDate: '19491231',
};

let rig: PcscRig;
let reader: PcscCardReader;
let vcard: VirtualCard | undefined;

const until = async (pred: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

beforeAll(async () => {
  rig = await startPcscd({ basePort: 'auto' });
  useRigSocket(rig);
  reader = new PcscCardReader({ reader: 'Virtual PCD 00 00', now: () => today });
  await until(() => reader.status().state === 'ready');
});

afterEach(async () => {
  await vcard?.remove();
  vcard = undefined;
  // pcscd notices a removal at its next poll: start each test with an empty reader.
  await until(() => !reader.cardPresent);
});

afterAll(async () => {
  await reader?.close();
  await rig?.stop();
});

const insert = async (respond: (apdu: Buffer) => Buffer, atr = SSSE_ATR): Promise<VirtualCard> => {
  vcard = new VirtualCard({ atr, respond, port: rig.ports[0] });
  await vcard.insert();
  return vcard;
};

describe('PC/SC card reader through pcsclite', () => {
  it('discovers only the configured reader', () => {
    expect(reader.readerNames()).toEqual(['Virtual PCD 00 00']);
    expect(reader.status()).toMatchObject({ state: 'ready', adapter: 'pcsc' });
  });

  it('reads the SSSE application: 61xx, 6Cxx, EF05/EF06 records, GBK name with ·, BCD dates', async () => {
    const pending = reader.read();
    const v = await insert(ssseCard(card));
    const r = await pending;
    expect(r).toEqual({
      ok: true,
      identity: {
        idNumber: '11010519491231002X',
        name: '阿依古丽·买买提',
        sex: 'female',
        nation: '维吾尔',
        birthDate: '1949-12-31',
        validFrom: '2020-01-15',
        validTo: '2030-01-15',
        cardNumber: 'A12345678',
        source: 'social-security-card',
        readAt: today.toISOString(),
      },
    });
    const hex = v.apdus.map((a) => a.toString('hex').toUpperCase());
    expect(hex[0]).toBe('00A404000F7378312E73682EC9E7BBE1B1A3D5CF');
    expect(hex).toContain('00C0000008'); // GET RESPONSE after 61 08
    expect(hex).toContain('00B2092C00'.replace('2C', '34')); // READ RECORD 9 of EF06
    expect(hex).toContain('00B2093420'); // resent with Le = 0x20 after 6C 20
    expect(rig.output()).toContain('APDU: 00 A4 04 00 0F');
  });

  it('uses a per-version record map from the config', async () => {
    const shifted = new PcscCardReader({
      reader: 'Virtual PCD 00 00',
      now: () => today,
      ssseRecordMap: {
        '1.00': Object.fromEntries(
          (['idNumber', 'name', 'sex', 'nation', 'birthDate'] as const).map((f, i) => [
            f,
            { file: 'EF06' as const, record: [8, 9, 10, 11, 13][i]! + 0x10 },
          ]),
        ),
      },
    });
    try {
      await until(() => shifted.status().state === 'ready' && !shifted.cardPresent);
      const pending = shifted.read();
      await insert(ssseCard({ ...card, version: '1.00' }, { recordShift: 0x10 }));
      expect(await pending).toMatchObject({ ok: true, identity: { idNumber: card.idNumber } });
    } finally {
      await shifted.close();
    }
  });

  it('reports a PIN/PSAM-gated card as such, with another way in', async () => {
    const pending = reader.read();
    await insert(ssseCard(card, { pinLocked: true }));
    const r = await pending;
    expect(r).toMatchObject({ ok: false, fault: { code: 'locked-card' } });
    expect(!r.ok && r.fault.action?.['zh-CN']).toContain('身份证');
  });

  it('refuses a card whose data is wrong (checksum, expiry, unknown nation) with no identity', async () => {
    for (const [change, code] of [
      [{ idNumber: '110105194912310021' }, 'invalid-id'],
      [{ expiry: '20250101' }, 'expired'],
      [{ nation: '77' }, 'invalid-card'],
      [{ name: '' }, 'invalid-card'],
    ] as const) {
      const pending = reader.read();
      await insert(ssseCard({ ...card, ...change }));
      expect(await pending).toMatchObject({ ok: false, fault: { code } });
      await vcard!.remove();
      await until(() => !reader.cardPresent);
    }
  });

  it('a card pulled just before the read is not a fault: the read waits for the next card', async () => {
    await insert(ssseCard(card));
    await until(() => reader.cardPresent);
    await vcard!.remove();
    // pcscd has not noticed yet (it polls every ~0.4 s): the reader still says present.
    const pending = reader.read();
    await new Promise((r) => setTimeout(r, 800));
    await insert(ssseCard(card));
    expect(await pending).toMatchObject({ ok: true, identity: { idNumber: card.idNumber } });
  });

  it('reads a staff badge UID (FF CA 00 00 00); a badge is not a social-security card', async () => {
    const pending = reader.readBadge();
    await insert(badgeCard(Buffer.from('04A22B6A', 'hex')), BADGE_ATR);
    expect(await pending).toEqual({ ok: true, uid: '04A22B6A', reader: 'Virtual PCD 00 00' });
    const asResident = await reader.read();
    expect(asResident).toMatchObject({ ok: false, fault: { code: 'unreadable' } });
  });

  it('a card pulled out mid-read gives card-removed, and a cancelled wait gives cancelled', async () => {
    const pending = reader.read();
    await insert(async_((apdu) => ssseCard(card)(apdu)));
    const r = await pending;
    expect(r).toMatchObject({
      ok: false,
      fault: { code: expect.stringMatching(/card-removed|unreadable/) },
    });
    await vcard?.remove();
    await until(() => !reader.cardPresent);
    const ac = new AbortController();
    const waiting = reader.read(ac.signal);
    ac.abort();
    expect(await waiting).toMatchObject({ ok: false, fault: { code: 'cancelled' } });
  });
});

/** A card that is pulled out of the reader when the EF06 read starts. */
function async_(respond: (apdu: Buffer) => Buffer): (apdu: Buffer) => Buffer {
  return (apdu) => {
    if (apdu[1] === 0xb2 && apdu[3]! >> 3 === 6) {
      void vcard?.remove();
      return Buffer.from([0x6f, 0x00]);
    }
    return respond(apdu);
  };
}
