// Two readers configured (SAM ID-card reader on a socat pty + emulator, PC/SC through pcscd +
// vpcd), driven through the whole core: when the PC/SC side goes away during a read, the read
// does not end while the ID-card reader still waits; with PC/SC alone it ends at once.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { demoResidents } from '../../drivers/id-card/demo-residents.js';
import { startPcscd, type PcscRig } from '../../test/rig/pcscd.js';
import { useRigSocket } from '../../test/rig/pcsc-client.js';
import { SamEmulator } from '../../test/rig/sam-emulator.js';
import { openPtyPair, type PtyPair } from '../../test/rig/socat.js';
import { startTestCore, type TestCore } from '../../test/support/core.js';

const ctx = { transport: 'ipc' as const, peer: 'app://kiosk' };
let t: TestCore | undefined;
let rig: PcscRig | undefined;
let pair: PtyPair | undefined;
let emu: SamEmulator | undefined;

afterEach(async () => {
  await t?.dispose();
  await rig?.stop();
  await emu?.close();
  await pair?.stop();
  t = rig = pair = emu = undefined;
});

const until = async (pred: () => Promise<boolean>, ms = 8000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

async function startCore(idReader: string): Promise<TestCore> {
  rig = await startPcscd({ basePort: 'auto' });
  useRigSocket(rig);
  const file = join(tmpdir(), `hall-kiosk-readers-${process.pid}.yaml`);
  writeFileSync(
    file,
    [
      'mode: production',
      'hall: { id: test-hall, name: { zh-CN: 测试大厅, en: Test hall } }',
      'devices:',
      `  idReader: ${idReader}`,
      '  cardReader: { adapter: pcsc, reader: "Virtual PCD 00 00" }',
    ].join('\n'),
  );
  const core = await startTestCore(file);
  await until(async () => {
    const s = await core.core.dispatcher.dispatch('devices.status', {}, ctx);
    return JSON.stringify(s).includes('"adapter":"pcsc","state":"ready"');
  });
  return core;
}

const call = (method: string, params: unknown) => t!.core.dispatcher.dispatch(method, params, ctx);

it('PC/SC alone: pcscd going away during a read ends it at once with no-reader', async () => {
  t = await startCore('{ adapter: none }');
  const reading = call('identity.read', { timeoutMs: 8000 });
  await new Promise((r) => setTimeout(r, 300));
  const t0 = Date.now();
  await rig!.stop();
  expect(await reading).toMatchObject({
    ok: true,
    result: {
      ok: false,
      fault: { code: 'no-reader', message: { 'zh-CN': expect.stringContaining('读卡器已断开') } },
    },
  });
  expect(Date.now() - t0).toBeLessThan(3000);
});

it('PC/SC gone while the SAM reader still waits: the ID card placed afterwards is read', async () => {
  pair = await openPtyPair();
  emu = await SamEmulator.open(pair.b);
  t = await startCore(`{ adapter: sam-serial, path: "${pair.a}", pollMs: 100 }`);
  const reading = call('identity.read', { timeoutMs: 8000 });
  await new Promise((r) => setTimeout(r, 300));
  await rig!.stop();
  await new Promise((r) => setTimeout(r, 500));
  emu.card = { ...demoResidents.elder };
  expect(await reading).toMatchObject({
    ok: true,
    result: { ok: true, identity: { idNumber: '11010519491231002X', source: 'id-card' } },
  });
});
