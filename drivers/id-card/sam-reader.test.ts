// The SAM reader adapter through the real serialport, against a GA 467 emulator on the other
// end of a socat pty pair. The reader opens a symlink (as a udev by-id link would be), so the
// "unplugged and plugged back" test can bring a new pty up under the same path.
import { mkdtemp, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SamEmulator, type CardFields } from '../../test/rig/sam-emulator.js';
import { openPtyPair, type PtyPair } from '../../test/rig/socat.js';
import { SamReader } from './sam-reader.js';

const today = new Date('2026-11-28T05:00:00Z');
const zhang: CardFields = {
  name: '张三',
  sex: '2',
  nation: '01',
  birth: '19491231',
  address: '北京市西城区复兴门外大街1号',
  idNumber: '11010519491231002X',
  issuer: '北京市公安局西城分局',
  validFrom: '20200101',
  validTo: '长期',
};

let pair: PtyPair | undefined;
let emu: SamEmulator | undefined;
let reader: SamReader | undefined;
let dir: string;
let link: string;

async function plugIn(): Promise<void> {
  pair = await openPtyPair();
  await unlink(link).catch(() => undefined);
  await symlink(pair.a, link);
  emu = await SamEmulator.open(pair.b);
}

async function unplug(): Promise<void> {
  await emu?.close();
  await pair?.stop();
  emu = undefined;
  pair = undefined;
}

const until = async (pred: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hall-kiosk-sam-'));
  link = join(dir, 'sam');
  await plugIn();
  reader = new SamReader({
    path: link,
    pollMs: 50,
    replyTimeoutMs: 500,
    readTimeoutMs: 1000,
    reopenMs: 100,
    now: () => today,
  });
  await until(() => reader!.status().state === 'ready');
});

afterEach(async () => {
  await reader?.close();
  await unplug();
  await rm(dir, { recursive: true, force: true });
});

describe('SAM reader over serialport', () => {
  it('reports present, reads the card (find → select → read), reports removed', async () => {
    const seen: boolean[] = [];
    reader!.onCard((p) => seen.push(p));
    emu!.card = zhang;
    const r = await reader!.read();
    expect(r.ok && r.identity).toMatchObject({
      idNumber: '11010519491231002X',
      name: '张三',
      validTo: 'long-term',
      source: 'id-card',
    });
    expect(r.steps.map((s) => s.step)).toEqual(['select', 'read', 'decode']);
    expect(r.ioMs).toBeGreaterThan(0);
    expect(emu!.received).toContain('3001');
    emu!.card = null;
    await until(() => seen.length === 2);
    expect(seen).toEqual([true, false]);
  });

  it('reads nothing until someone asks (no identity outside a request)', async () => {
    emu!.card = zhang;
    await until(() => reader!.cardPresent);
    await new Promise((r) => setTimeout(r, 200));
    expect(emu!.received).not.toContain('3001');
  });

  it('waits for a card placed later, and survives slow split replies with garbage in front', async () => {
    emu!.faults = {
      splitBytes: 7,
      splitDelayMs: 0,
      garbage: Buffer.from([0x00, 0xaa, 0x13, 0xaa, 0xaa]),
    };
    const pending = reader!.read();
    await new Promise((r) => setTimeout(r, 150));
    emu!.card = zhang;
    const r = await pending;
    expect(r.ok).toBe(true);
  });

  it.each([
    [
      'card withdrawn between select and read',
      { removeBeforeRead: true },
      'card-removed',
      '被移开',
    ],
    ['read failed (SW3 41) with the card still there', { readSw3: 0x41 }, 'unreadable', '读卡失败'],
    ['SAM authentication failed (SW3 32)', { readSw3: 0x32 }, 'unreadable', '认证卡失败'],
    ['corrupted reply (bad checksum)', { badChecksum: true }, 'unreadable', '数据损坏'],
    ['truncated reply', { truncateReadAt: 600 }, 'unreadable', '数据不完整'],
  ])('%s: a clear fault, no identity', async (_, faults, code, zh) => {
    emu!.card = zhang;
    emu!.faults = faults;
    const r = await reader!.read();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fault.code).toBe(code);
    expect(r.fault.message['zh-CN']).toContain(zh);
    expect(r.fault.message['zh-CN']).not.toContain('SW3');
    if ('readSw3' in faults) expect(r.fault.detail).toBe(`SW3=${faults.readSw3.toString(16)}`);
    expect(r).not.toHaveProperty('identity');
    // The reader is still usable afterwards.
    emu!.faults = {};
    emu!.card = zhang;
    expect((await reader!.read()).ok).toBe(true);
  });

  it('refuses an expired card and one with an unknown nation code', async () => {
    emu!.card = { ...zhang, validFrom: '20100101', validTo: '20200101' };
    const expired = await reader!.read();
    expect(!expired.ok && expired.fault.code).toBe('expired');
    emu!.card = { ...zhang, nation: '88' };
    const nation = await reader!.read();
    expect(!nation.ok && nation.fault.message['zh-CN']).toContain('民族代码');
  });

  it('marks the device faulty when it stops answering, and ready again when it answers', async () => {
    emu!.faults = { silent: true };
    await until(() => reader!.status().state === 'fault');
    expect(reader!.status().message['zh-CN']).toContain('无响应');
    emu!.faults = {};
    await until(() => reader!.status().state === 'ready');
  });

  it('recovers when the serial device disappears and comes back, also during a read', async () => {
    emu!.card = zhang;
    emu!.faults = { delayMs: 150 };
    const during = reader!.read();
    await new Promise((r) => setTimeout(r, 60));
    await unplug();
    const r = await during;
    expect(r).toMatchObject({ ok: false, fault: { code: 'no-reader' } });
    await until(() => reader!.status().state === 'fault');
    await plugIn();
    await until(() => reader!.status().state === 'ready');
    emu!.card = zhang;
    expect((await reader!.read()).ok).toBe(true);
  });

  it('checks the SAM at open and reports a failed self-test by its SW3', async () => {
    expect(emu!.received[0]).toBe('11ff'); // SAM status first
    await reader!.close();
    emu!.faults = { samStatusSw3: 0x60 };
    reader = new SamReader({ path: link, replyTimeoutMs: 500, reopenMs: 100 });
    await until(() => reader!.status().state === 'fault');
    expect(reader!.status().message['zh-CN']).toContain('SAM 自检失败');
    emu!.faults = {};
    await until(() => reader!.status().state === 'ready');
  });

  it('a cancelled read resolves as cancelled', async () => {
    const ac = new AbortController();
    const pending = reader!.read(ac.signal);
    ac.abort();
    expect(await pending).toMatchObject({ ok: false, fault: { code: 'cancelled' } });
  });
});
