// Counter sign-in by staff badge, end to end on the real PC/SC stack: pcscd + vpcd with the
// rig's virtual badge (test/rig/ssse-card.ts), read through the core's own card reader
// (pcsclite), then queue.login with the UID. Only this machine may ask for a badge read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useRigSocket } from '../../test/rig/pcsc-client.js';
import { startPcscd, type PcscRig } from '../../test/rig/pcscd.js';
import { BADGE_ATR, badgeCard } from '../../test/rig/ssse-card.js';
import { VirtualCard } from '../../test/rig/vpcd-card.js';
import { startTestCore, type TestCore } from '../../test/support/core.js';
import { demoQueueAccounts } from '../../kiosk-config/queue.js';
import { readStaffBadge } from './badge.js';

let rig: PcscRig;
let t: TestCore;
let dir: string;
const ipc = { transport: 'ipc' as const, peer: 'app://kiosk/index.html' };

beforeAll(async () => {
  rig = await startPcscd({ basePort: 'auto' });
  useRigSocket(rig);
  dir = mkdtempSync(join(tmpdir(), 'hall-kiosk-badge-'));
  const file = join(dir, 'counter.json');
  writeFileSync(
    file,
    JSON.stringify({
      role: 'hall-node',
      mode: 'production',
      hall: { id: 'test-hall', name: { 'zh-CN': '测试大厅', en: 'Test hall' } },
      devices: { cardReader: { adapter: 'pcsc', reader: 'Virtual PCD 00 00' } },
      queue: demoQueueAccounts,
    }),
  );
  t = await startTestCore(file);
  const end = Date.now() + 10_000;
  while (!t.core.devices.some((d) => d.kind === 'cardReader' && d.status().state === 'ready')) {
    if (Date.now() > end) throw new Error('the PC/SC reader did not come up');
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  await t?.dispose();
  await rig?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('queue.readBadge on the rig', () => {
  it('reads the badge held to the counter reader, and queue.login signs that staff member in', async () => {
    const uid = demoQueueAccounts.staff.find((s) => s.badgeUids.length > 0)!.badgeUids[0]!;
    const pending = t.core.dispatcher.dispatch('queue.readBadge', {}, ipc);
    const card = new VirtualCard({
      atr: BADGE_ATR,
      respond: badgeCard(Buffer.from(uid, 'hex')),
      port: rig.ports[0],
    });
    await card.insert();
    const read = await pending;
    await card.remove();
    expect(read).toEqual({ ok: true, result: { uid, reader: 'Virtual PCD 00 00' } });
    const login = await t.core.dispatcher.dispatch(
      'queue.login',
      { counterId: 'c1', badgeUid: (read as { result: { uid: string } }).result.uid },
      ipc,
    );
    expect(login).toMatchObject({
      ok: true,
      result: { staff: { id: 'demo-staff' }, counterId: 'c1' },
    });
  });

  it('is refused to anyone on the LAN, even a signed-in staff member', async () => {
    const lan = await t.core.dispatcher.dispatch('queue.readBadge', {}, {
      transport: 'http',
      peer: '192.168.1.50',
    } as unknown as typeof ipc);
    expect(lan).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('no badge within the wait: a clear UNAVAILABLE, not a hang', async () => {
    await expect(readStaffBadge(t.core.devices, 300)).rejects.toMatchObject({
      body: { code: 'UNAVAILABLE', message: { 'zh-CN': '没有读到工牌' } },
    });
  });

  it('a machine with no PC/SC reader says so', async () => {
    await expect(readStaffBadge([])).rejects.toMatchObject({
      body: { code: 'UNAVAILABLE', message: { 'zh-CN': '本机没有工牌读卡器' } },
    });
  });
});
