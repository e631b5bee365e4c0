/**
 * The elder priority comes from the identity this kiosk's core read, not from a birth date the
 * page sends: through the kiosk window's own IPC on a production hall node, with a sample card
 * placed on the simulated ID reader (the device boundary).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isSimulatedIdReader } from '../../drivers/id-card/simulated-id-reader.js';
import { createBridge, type KioskBridge } from '../../common/contract/bridge.js';
import { serveIpc } from '../../main/transport/ipc.js';
import { pairedIpc } from '../support/fake-ipc.js';
import { hallConfig, startHall, type TestHall } from '../queue/hall.js';

let hall: TestHall;
let kiosk: KioskBridge;

beforeAll(async () => {
  hall = await startHall(hallConfig('production'));
  const ipc = pairedIpc({ url: 'app://kiosk/index.html', parent: null });
  serveIpc(ipc.ipcMain, hall.core, { isTrustedFrame: (u) => u.startsWith('app://') });
  kiosk = createBridge(ipc.ipcRenderer);
});
afterAll(async () => hall?.stop());

it('gives the elder priority to the resident whose card this kiosk read', async () => {
  const reader = hall.core.devices.find(isSimulatedIdReader)!;
  reader.place('elder');
  const read = await kiosk.calls['identity.read']({ timeoutMs: 2000 });
  expect(read.ok && read.result.ok).toBe(true);
  const ticket = await kiosk.calls['queue.issue']({ serviceId: 'general' });
  expect(ticket.ok && ticket.result.priority).toEqual(['elder']);
});

it('ignores a birth date the page sends once the session has ended', async () => {
  await kiosk.calls['kiosk.endSession']({ reason: 'done' });
  const ticket = await kiosk.calls['queue.issue']({
    serviceId: 'general',
    birthDate: '1940-01-01',
  });
  expect(ticket.ok).toBe(true);
  expect(ticket.ok && ticket.result.priority).toEqual([]);
});

it('gives the elder priority from an ID number typed on the keypad, checked by the core', async () => {
  await kiosk.calls['kiosk.endSession']({ reason: 'done' });
  const elder = await kiosk.calls['queue.issue']({
    serviceId: 'general',
    idNumber: '110101194001011234',
  });
  expect(elder.ok && elder.result.priority).toEqual(['elder']);
  const younger = await kiosk.calls['queue.issue']({
    serviceId: 'general',
    idNumber: '110101199001011237',
  });
  expect(younger.ok && younger.result.priority).toEqual([]);
});

it('refuses a typed ID number whose check character is wrong, naming the field', async () => {
  const answer = await kiosk.calls['queue.issue']({
    serviceId: 'general',
    idNumber: '110101194001011235',
  });
  expect(answer.ok).toBe(false);
  if (answer.ok) return;
  expect(answer.error.code).toBe('BAD_REQUEST');
  expect(answer.error.issues).toEqual([{ path: 'idNumber', message: 'checksum' }]);
  expect(JSON.stringify(answer.error)).not.toContain('110101194001011235');
});

it('prefers the card this kiosk read over a number typed afterwards', async () => {
  const reader = hall.core.devices.find(isSimulatedIdReader)!;
  reader.place('elder');
  const read = await kiosk.calls['identity.read']({ timeoutMs: 2000 });
  expect(read.ok && read.result.ok).toBe(true);
  const ticket = await kiosk.calls['queue.issue']({
    serviceId: 'general',
    idNumber: '110101199001011237',
  });
  expect(ticket.ok && ticket.result.priority).toEqual(['elder']);
  await kiosk.calls['kiosk.endSession']({ reason: 'done' });
});
