// identity.read through the whole core (dispatcher, handlers, devices, bus): in demo mode with
// the simulated reader, and in production with a SAM reader on a socat pty and the emulator.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../test/support/core.js';
import { SamEmulator } from '../../test/rig/sam-emulator.js';
import { openPtyPair, type PtyPair } from '../../test/rig/socat.js';
import { demoResidents } from '../../drivers/id-card/demo-residents.js';
import { calls, type EventName } from '../../common/contract/contract.js';
import type { Caller, CallContext } from '../../common/contract/call.js';
import { ContractError } from '../../common/contract/errors.js';
import { assertLocalCaller } from './handlers.js';

// The kiosk's own window (Electron IPC): the local device, in demo and production alike.
const ctx = { transport: 'ipc' as const, peer: 'app://kiosk' };
let t: TestCore | undefined;
let pair: PtyPair | undefined;
let emu: SamEmulator | undefined;

afterEach(async () => {
  await t?.dispose();
  await emu?.close();
  await pair?.stop();
  t = pair = emu = undefined;
});

const call = (method: string, params: unknown) => t!.core.dispatcher.dispatch(method, params, ctx);

describe('identity.read in demo mode', () => {
  it('reads a placed sample card; only "card present/removed" reaches the bus', async () => {
    t = await startTestCore();
    const bus: { event: EventName; data: unknown }[] = [];
    t.core.bus.subscribe((event, data) => bus.push({ event, data }));
    const reading = call('identity.read', { timeoutMs: 3000 });
    expect(await call('identity.demoCard', { card: 'minority' })).toEqual({
      ok: true,
      result: { card: null }, // read at once and handed back, as a resident takes theirs
    });
    const r = await reading;
    expect(r).toMatchObject({
      ok: true,
      result: {
        ok: true,
        identity: { name: '阿依古丽·买买提', nation: '维吾尔', source: 'id-card' },
      },
    });
    const busText = JSON.stringify(bus);
    expect(bus.filter((e) => e.event === 'identity.card').map((e) => e.data)).toEqual([
      { device: 'idReader', present: true },
      { device: 'idReader', present: false },
    ]);
    expect(busText).not.toContain(demoResidents.minority.idNumber!);
    expect(busText).not.toContain('阿依古丽');
    expect(t.logText()).not.toContain(demoResidents.minority.idNumber!);
  });

  it('refuses the expired sample card and times out without a card', async () => {
    t = await startTestCore();
    await call('identity.demoCard', { card: 'expired' });
    expect(await call('identity.read', { timeoutMs: 1000 })).toMatchObject({
      ok: true,
      result: { ok: false, fault: { code: 'expired' } },
    });
    expect(await call('identity.read', { timeoutMs: 200 })).toMatchObject({
      ok: true,
      result: { ok: false, fault: { code: 'timeout' } },
    });
  });

  it('cancel ends a waiting read', async () => {
    t = await startTestCore();
    const reading = call('identity.read', { timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(await call('identity.cancel', {})).toEqual({ ok: true, result: { cancelled: 1 } });
    expect(await reading).toMatchObject({
      ok: true,
      result: { ok: false, fault: { code: 'cancelled' } },
    });
  });

  it('refuses out-of-range timeouts at the boundary', async () => {
    t = await startTestCore();
    expect(await call('identity.read', { timeoutMs: 60_000 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });
});

describe('who may read: the local caller only (the contract and the handlers agree)', () => {
  const params = {
    'identity.read': { timeoutMs: 200 },
    'identity.cancel': {},
    'identity.demoCard': { card: null },
  };
  const methods = Object.keys(params) as (keyof typeof params)[];
  const as = (method: keyof typeof params, ctx: CallContext) =>
    t!.core.dispatcher.dispatch(method, params[method], ctx);
  const ipc: CallContext = { transport: 'ipc', peer: 'app://kiosk/' };
  const loopbacks: CallContext[] = [
    { transport: 'http', peer: '127.0.0.1' },
    { transport: 'ws', peer: '::ffff:127.0.0.1' },
    { transport: 'ws', peer: '::1' },
  ];
  const lan: CallContext = { transport: 'ws', peer: '192.168.1.20' };

  it("demo mode: the app window and this machine's loopback may; the LAN may not", async () => {
    t = await startTestCore();
    for (const method of methods) {
      expect(await as(method, lan)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await as(method, ipc)).toMatchObject({ ok: true });
    }
    expect(await as('identity.cancel', loopbacks[1]!)).toMatchObject({ ok: true });
  });

  it('production: only the app window over IPC; loopback, an enrolled kiosk and the LAN are refused', async () => {
    const token = 'kiosk-token-for-the-identity-test';
    const file = join(tmpdir(), `hall-kiosk-who-${process.pid}.yaml`);
    writeFileSync(
      file,
      [
        'mode: production',
        'hall: { id: test-hall, name: { zh-CN: 测试大厅, en: Test hall } }',
        'devices:',
        '  idReader: { adapter: none }',
        '  cardReader: { adapter: none }',
        'queue:',
        '  devices:',
        `    - { id: kiosk-2, role: kiosk, hashedToken: ${createHash('sha256').update(token).digest('hex')} }`,
      ].join('\n'),
    );
    t = await startTestCore(file);
    const enrolledKiosk: CallContext = { transport: 'ws', peer: '192.168.1.31', credential: token };
    // The token is good: the same caller may use a kiosk-level call.
    expect(await t.core.dispatcher.dispatch('devices.status', {}, enrolledKiosk)).toMatchObject({
      ok: true,
    });
    for (const method of ['identity.read', 'identity.cancel'] as const) {
      for (const ctx of [...loopbacks, lan, enrolledKiosk]) {
        expect(await as(method, ctx), `${method} from ${ctx.peer}`).toMatchObject({
          ok: false,
          error: { code: 'FORBIDDEN' },
        });
      }
    }
    expect(await as('identity.read', ipc)).toMatchObject({
      ok: true,
      result: { ok: false, fault: { code: 'no-reader' } }, // allowed; this kiosk has no reader
    });
    expect(await as('identity.cancel', ipc)).toEqual({ ok: true, result: { cancelled: 0 } });
  });

  it('the handlers check the same rule on the identified caller, not the transport', () => {
    const refused = (caller?: Caller) => () =>
      assertLocalCaller({ transport: 'ipc', peer: 'app://kiosk/', ...(caller ? { caller } : {}) });
    expect(refused({ kind: 'local', role: 'kiosk' })).not.toThrow();
    // IPC alone is not enough: a handler reached without the dispatcher's caller refuses.
    expect(refused()).toThrow(ContractError);
    expect(refused({ kind: 'device', id: 'k', role: 'kiosk' })).toThrow(/own screen/);
    expect(refused({ kind: 'anonymous', why: 'none' })).toThrow(ContractError);
    for (const method of methods) expect(calls[method].access).toBe('local');
  });
});

describe('identity.read in production with a SAM reader', () => {
  it('reads through the configured sam-serial adapter; sample cards are refused', async () => {
    pair = await openPtyPair();
    emu = await SamEmulator.open(pair.b);
    const file = join(tmpdir(), `hall-kiosk-sam-${process.pid}.yaml`);
    writeFileSync(
      file,
      [
        'mode: production',
        'hall: { id: test-hall, name: { zh-CN: 测试大厅, en: Test hall } }',
        'devices:',
        `  idReader: { adapter: sam-serial, path: "${pair.a}", pollMs: 100 }`,
        '  cardReader: { adapter: none }',
      ].join('\n'),
    );
    t = await startTestCore(file);
    emu.card = { ...demoResidents.elder };
    const r = await call('identity.read', { timeoutMs: 3000 });
    expect(r).toMatchObject({
      ok: true,
      result: { ok: true, identity: { idNumber: '11010519491231002X', validTo: 'long-term' } },
    });
    // Timings are the driver's business: the contract's shape only crosses.
    expect(JSON.stringify(r)).not.toContain('steps');
    expect(await call('identity.demoCard', { card: 'elder' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const status = await call('devices.status', {});
    expect(status).toMatchObject({
      ok: true,
      result: expect.arrayContaining([
        expect.objectContaining({ kind: 'idReader', adapter: 'sam-serial', state: 'ready' }),
      ]),
    });
  });
});
