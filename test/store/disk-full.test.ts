/**
 * A full disk under a production hall node's data folder (a 2 MB tmpfs, filled): the host
 * does not die, a ticket is refused with DISK_FULL and 取号's device (the data disk) says why,
 * it issues again by itself once space returns, and a start on a full disk is refused as a
 * full disk, never as a damaged database.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tokens } from '../queue/hall.js';
import { productionBase, runHostOn, startTestHost, type TestHost } from '../support/host.js';

let dir: string;
let host: TestHost | null = null;

beforeAll(() => {
  if (process.getuid?.() !== 0) throw new Error('this test mounts a tmpfs: run it as root');
  dir = mkdtempSync(join(tmpdir(), 'hall-disk-full-'));
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (mount.status !== 0) throw new Error(`cannot mount a 2 MB tmpfs on ${dir}: ${mount.stderr}`);
});
afterAll(async () => {
  await host?.kill().catch(() => undefined);
  spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a filler file until the disk says no more. */
function fill(): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return file;
}

async function call(method: string, params: object) {
  const r = await fetch(`${host!.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.kiosk}` },
    body: JSON.stringify(params),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are checked by expect()
  return { status: r.status, body: (await r.json()) as Record<string, any> };
}

const issue = () => call('queue.issue', { serviceId: 'general' });

it('refuses writes with DISK_FULL, keeps serving, says so, and recovers by itself', async () => {
  host = await startTestHost({ config: productionBase, dataDir: dir });
  expect((await issue()).status).toBe(200);
  const filler = fill();
  // The WAL may still hold a page or two: the refusal comes within a few tickets.
  let refused: Awaited<ReturnType<typeof issue>> | null = null;
  for (let i = 0; i < 50 && !refused; i++) {
    const r = await issue();
    if (r.status !== 200) refused = r;
  }
  expect(refused?.status).toBe(507);
  expect(refused?.body.error.code).toBe('DISK_FULL');
  // Still alive: reads answer, and the data disk is a faulty device with the reason.
  expect((await fetch(`${host.url}/healthz`)).status).toBe(200);
  const devices = await call('devices.status', {});
  const disk = (
    devices.body.result as { kind: string; state: string; message: { en: string } }[]
  ).find((d) => d.kind === 'storage');
  expect(disk).toMatchObject({ state: 'fault' });
  expect(disk!.message.en).toContain('The data disk is full');
  rmSync(filler);
  let back = false;
  for (let i = 0; i < 40 && !back; i++) {
    await new Promise((r) => setTimeout(r, 250));
    back = (await issue()).status === 200;
  }
  expect(back).toBe(true);
  // The watch sees the space too, and the data disk is ready again on every page.
  const diskState = async () =>
    (await call('devices.status', {})).body.result.find(
      (d: { kind: string }) => d.kind === 'storage',
    ).state as string;
  await expect.poll(diskState, { timeout: 5000 }).toBe('ready');
  expect(host.output()).not.toMatch(/unhandled|uncaught/i);
}, 60_000);

it('a start on a full disk is refused as a full disk, not as damage', async () => {
  await host!.stop({ keepData: true });
  host = null;
  const filler = fill();
  try {
    const r = runHostOn(dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`hall-kiosk: the disk holding ${dir} is full`);
    expect(r.err).not.toContain('is damaged or not a hall-kiosk database');
    expect(r.err).not.toContain('restore the latest backup');
  } finally {
    rmSync(filler);
  }
}, 30_000);
