/** The app's own window over IPC: the local device, until a staff member signs in from it. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pairedIpc } from '../../test/support/fake-ipc.js';
import { startTestCore, type TestCore } from '../../test/support/core.js';
import { createBridge, type KioskBridge } from '../../common/contract/bridge.js';
import { serveIpc } from '../transport/ipc.js';
import { ipcChannels } from '../../common/contract/names.js';

let t: TestCore;
let bridge: KioskBridge;
let ipc: ReturnType<typeof pairedIpc>;

beforeAll(async () => {
  t = await startTestCore(); // the embedded demo config, with its demo staff
  ipc = pairedIpc({ url: 'app://kiosk/index.html', parent: null });
  serveIpc(ipc.ipcMain, t.core, { isTrustedFrame: (u) => u.startsWith('app://kiosk/') });
  bridge = createBridge(ipc.ipcRenderer);
});
afterAll(() => t.dispose());

it('a counter console in the app window signs in, acts as that staff member, and signs out', async () => {
  expect((await bridge.calls['queue.counter']({})).ok).toBe(false);
  expect((await bridge.calls['queue.issue']({ serviceId: 'general' })).ok).toBe(true);
  const login = await bridge.calls['queue.login']({
    counterId: 'c1',
    staffId: 'demo-staff',
    password: 'demo-staff-1',
  });
  expect(login.ok).toBe(true);
  const called = await bridge.calls['queue.call']({});
  expect(called.ok && called.result.current?.number).toBe('A001');
  // Signed in as staff, the window no longer has the machine's technician rights.
  expect(await bridge.calls['technician.store']({})).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  expect((await bridge.calls['queue.logout']({})).ok).toBe(true);
  expect((await bridge.calls['technician.store']({})).ok).toBe(true);
});

it('a sign-in holds for its own window only: another window of the app stays this machine', async () => {
  const login = await bridge.calls['queue.login']({
    counterId: 'c1',
    staffId: 'demo-staff',
    password: 'demo-staff-1',
  });
  expect(login.ok).toBe(true);
  expect((await bridge.calls['queue.counter']({})).ok).toBe(true);
  // A second window: same trusted page, its own web contents.
  const other = { id: 2, send() {}, isDestroyed: () => false };
  const callFrom = ipc.handlers.get(ipcChannels.call)!;
  const frame = { url: 'app://kiosk/index.html', parent: null };
  const counter = await callFrom({ senderFrame: frame, sender: other }, 'queue.counter', {});
  expect(counter).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const store = await callFrom({ senderFrame: frame, sender: other }, 'technician.store', {});
  expect(store).toMatchObject({ ok: true });
  expect((await bridge.calls['queue.logout']({})).ok).toBe(true);
});
