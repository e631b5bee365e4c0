// PC/SC not running yet when the kiosk starts (pcscd not yet activated, Windows' Smart Card
// service still starting): the reader reports a fault, keeps trying, and becomes ready once
// the service is up. Its own file: libpcsclite binds its socket path once per process.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startPcscd, type PcscRig } from '../../test/rig/pcscd.js';
import { PcscCardReader } from './pcsc-reader.js';

let rig: PcscRig | undefined;
let reader: PcscCardReader | undefined;

afterAll(async () => {
  await reader?.close();
  await rig?.stop();
});

const until = async (pred: () => boolean, ms = 8000): Promise<void> => {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

it('reports PC/SC missing, finds the readers once pcscd is up, loses them and finds them again', async () => {
  const dir = join(tmpdir(), `hall-kiosk-pcscd-retry-${process.pid}`);
  // Where the rig's pcscd will listen (its private /run inside the rig's directory).
  process.env.PCSCLITE_CSOCK_NAME = join(dir, 'run', 'pcscd', 'pcscd.comm');
  reader = new PcscCardReader({ retryMs: 200 });
  expect(reader.status().state).toBe('fault');
  expect(reader.status().message['zh-CN']).toContain('PC/SC 服务不可用');
  rig = await startPcscd({ dir, basePort: 'auto' });
  expect(rig.socketPath).toBe(process.env.PCSCLITE_CSOCK_NAME);
  await until(() => reader!.status().state === 'ready');
  expect(reader.readerNames().sort()).toEqual(['Virtual PCD 00 00', 'Virtual PCD 00 01']);

  // The service goes away (readers unplugged with it): no crash, and the status says so.
  await rig.stop();
  rig = undefined;
  await until(() => reader!.status().state !== 'ready');
  expect(reader.readerNames()).toEqual([]);

  // And back: the readers are found again.
  rig = await startPcscd({ dir, basePort: 'auto' });
  await until(() => reader!.status().state === 'ready');
  expect(reader.readerNames().sort()).toEqual(['Virtual PCD 00 00', 'Virtual PCD 00 01']);
});
