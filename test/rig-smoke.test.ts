// Smoke tests of the device rigs themselves, through the real native modules: if these fail,
// every driver test built on the rigs would fail for reasons that are not the driver's.
// Each hook stops what it started, also when a test or an earlier hook failed.
import { execFile } from 'node:child_process';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SerialPort } from 'serialport';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PCSC_APT_LINE, startPcscd, VPCD_READER_NAMES, type PcscRig } from './rig/pcscd.js';
import {
  PcscSession,
  connect,
  disconnect,
  isEmpty,
  isPresent,
  transmit,
  useRigSocket,
  waitForStatus,
  type CardReader,
} from './rig/pcsc-client.js';
import { requireFile } from './rig/proc.js';
import { openPtyPair, type PtyPair } from './rig/socat.js';
import { VirtualCard } from './rig/vpcd-card.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const run = promisify(execFile);

describe('pcscd + vpcd rig, through the real pcsclite', () => {
  let rig: PcscRig | undefined;
  let session: PcscSession | undefined;
  let card: VirtualCard | undefined;

  beforeAll(async () => {
    // A free port pair, not vpcd's default: two `npm test` runs on one machine must not collide.
    rig = await startPcscd({ basePort: 'auto' });
    // Before the first pcsc() of this process: libpcsclite reads the variable only once.
    useRigSocket(rig);
    session = new PcscSession();
  });

  afterEach(async () => {
    await card?.remove();
    card = undefined;
  });

  afterAll(async () => {
    // Client first: its reader threads would otherwise log errors against a dying daemon.
    session?.close();
    await rig?.stop();
  });

  it('lists "Virtual PCD 00 00" (and "… 00 01")', async () => {
    const reader = await session!.waitForReader('Virtual PCD 00 00');
    expect(reader.name).toBe('Virtual PCD 00 00');
    await session!.waitForReader('Virtual PCD 00 01');
    expect(session!.readerNames().sort()).toEqual([...VPCD_READER_NAMES]);
  });

  it('gives a client process what it needs in rig.env', async () => {
    await requireFile('/usr/bin/pcsc_scan', 'apt-get install -y pcsc-tools', { executable: true });
    const { stdout } = await run('pcsc_scan', ['-r'], {
      env: { ...process.env, ...rig!.env },
      timeout: 5000,
    });
    expect(stdout).toContain('Virtual PCD 00 00');
  });

  it('sees a virtual card arrive with its ATR, transmits in SHARED mode, sees it leave', async () => {
    const reader: CardReader = await session!.waitForReader('Virtual PCD 00 00');
    const atr = hex('3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A');
    card = new VirtualCard({
      port: rig!.ports[0],
      atr,
      // A contactless staff badge: GET DATA (UID) → UID + 90 00.
      respond: (apdu) =>
        apdu.equals(hex('FF CA 00 00 00')) ? hex('04 A2 2B 6A 90 00') : hex('6D 00'),
    });

    const present = waitForStatus(reader, (s) => isPresent(s.state), 'card present');
    await card.insert();
    const status = await present;
    // The high 16 bits are pcscd's event counter: only the masked bits are meaningful.
    expect(status.state & 0xffff & 0x20).toBe(0x20);
    expect(status.atr).toEqual(atr);

    const protocol = await connect(reader, reader.SCARD_SHARE_SHARED);
    expect(protocol).toBeGreaterThan(0);
    try {
      expect(await transmit(reader, hex('FF CA 00 00 00'), protocol)).toEqual(
        hex('04 A2 2B 6A 90 00'),
      );
      expect(await transmit(reader, hex('00 84 00 00 08'), protocol)).toEqual(hex('6D 00'));
    } finally {
      await disconnect(reader);
    }
    expect(card.apdus).toEqual([hex('FF CA 00 00 00'), hex('00 84 00 00 08')]);
    // -a: pcscd logs every APDU and SW, which later tests can use as evidence.
    expect(rig!.output()).toContain('APDU: FF CA 00 00 00');

    const empty = waitForStatus(reader, (s) => isEmpty(s.state), 'card removed');
    await card.remove();
    const after = await empty;
    expect(after.state & 0x20).toBe(0);
  });

  it('runs beside a second rig without colliding (own /run, own ports)', async () => {
    // Two pcscd at once would fight over /run/pcscd/pcscd.{comm,pid} without the namespace.
    expect(rig!.isolation).toBe('namespace');
    expect(rig!.socketPath.startsWith('/run/')).toBe(false);
    const dir = await mkdtemp(join(tmpdir(), 'hall-kiosk-pcscd-second-'));
    const second = await startPcscd({ basePort: 'auto', dir });
    try {
      expect(second.ports[0]).not.toBe(rig!.ports[0]);
      const { stdout } = await run('pcsc_scan', ['-r'], {
        env: { ...process.env, ...second.env },
        timeout: 5000,
      });
      expect(stdout).toContain('Virtual PCD 00 00');
      expect(second.output()).toContain(`Waiting for virtual ICC on port ${second.ports[1]}`);
    } finally {
      await second.stop();
    }
    await expect(stat(dir)).rejects.toThrow(/ENOENT/); // stop() removed the rig's files
  });

  it('refuses a second rig on the same vpcd ports, naming who holds them', async () => {
    const port = rig!.ports[0];
    await expect(startPcscd({ basePort: port })).rejects.toThrow(
      new RegExp(
        `vpcd port ${port} \\("Virtual PCD 00 00"\\) is already in use by pid \\d+ \\(pcscd\\)`,
      ),
    );
  });
});

describe('libpcsclite and PCSCLITE_CSOCK_NAME (why useRigSocket() exists)', () => {
  // Run in child processes: in this one libpcsclite has already cached its socket path.
  let rig: PcscRig | undefined;
  const dir = join(tmpdir(), `hall-kiosk-pcscd-env-${process.pid}`);
  beforeAll(async () => {
    rig = await startPcscd({ basePort: 'auto', dir });
  });
  afterAll(async () => {
    await rig?.stop();
  });

  /** Two pcsc() calls in one fresh process, the variable set to `first` then to `second`. */
  const probe = async (first: string, second: string): Promise<string[]> => {
    const script = `
      const pcsc = require('pcsclite'); // loaded before the variable is set
      const attempt = (sock) => {
        process.env.PCSCLITE_CSOCK_NAME = sock;
        try { pcsc(); return 'ok'; } catch (e) { return e.message; }
      };
      console.log(JSON.stringify([attempt(process.argv[1]), attempt(process.argv[2])]));
      process.exit(0); // pcsc() started a reader thread; no need to wind it down here
    `;
    const { stdout } = await run(process.execPath, ['-e', script, first, second], {
      cwd: process.cwd(),
      timeout: 10_000,
    });
    return JSON.parse(stdout) as string[];
  };

  it('is read at the first context, not at load, and then kept for the process', async () => {
    const bogus = join(dir, 'no-such-socket');
    // Set after require() and it works; changed afterwards and the old path is still used.
    expect(await probe(rig!.socketPath, bogus)).toEqual(['ok', 'ok']);
    // A first attempt at a wrong path pins the wrong path: fixing the variable does not help.
    const [a, b] = await probe(bogus, rig!.socketPath);
    expect(a).toMatch(/Service not available/);
    expect(b).toMatch(/Service not available/);
  });
});

describe('rig preconditions', () => {
  it('name the apt-get line when a program is missing', async () => {
    await expect(
      requireFile('/usr/sbin/pcscd-not-here', PCSC_APT_LINE, { what: 'pcscd', executable: true }),
    ).rejects.toThrow(
      'pcscd is missing (/usr/sbin/pcscd-not-here). Install it with: apt-get install -y pcscd vsmartcard-vpcd',
    );
  });
});

describe('socat pty pair rig, through the real serialport', () => {
  let pair: PtyPair | undefined;
  const opened: SerialPort[] = [];

  const open = (path: string): Promise<SerialPort> =>
    new Promise((resolve, reject) => {
      const port = new SerialPort({ path, baudRate: 115200 }, (err) =>
        err ? reject(err) : resolve(port),
      );
      opened.push(port);
      // An unhandled 'error' would crash the worker; tests that care listen themselves.
      port.on('error', () => undefined);
    });

  /** Collects bytes from `port` until `n` have arrived. */
  const receive = (port: SerialPort, n: number, timeoutMs = 3000): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let got = 0;
      const timer = setTimeout(() => {
        port.off('data', onData);
        reject(new Error(`received ${got} of ${n} bytes`));
      }, timeoutMs);
      const onData = (c: Buffer): void => {
        chunks.push(c);
        got += c.length;
        if (got >= n) {
          clearTimeout(timer);
          port.off('data', onData);
          resolve(Buffer.concat(chunks));
        }
      };
      port.on('data', onData);
    });

  afterEach(async () => {
    for (const port of opened.splice(0)) {
      if (port.isOpen) await new Promise<void>((r) => port.close(() => r()));
    }
    await pair?.stop();
    pair = undefined;
  });

  it('carries every byte value both ways, unaltered', async () => {
    pair = await openPtyPair();
    const a = await open(pair.a);
    const b = await open(pair.b);
    // All 256 values (CR, LF, XON/XOFF, ^C, ^D, DEL: what a cooked tty would eat), then a
    // 4 KiB ID-card-sized reply, so pty buffering and raw mode are both exercised.
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const big = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7 + 3) & 0xff));
    const aToB = Buffer.concat([all, big]);
    const bToA = Buffer.concat([big, all.reverse()]);

    const atB = receive(b, aToB.length);
    const atA = receive(a, bToA.length);
    a.write(aToB);
    b.write(bToA);
    expect(await atB).toEqual(aToB);
    expect(await atA).toEqual(bToA);
  });

  it('makes an open port report close (disconnected) when socat stops', async () => {
    pair = await openPtyPair();
    const a = await open(pair.a);
    const b = await open(pair.b);
    // serialport learns of the hang-up from poll() (POLLHUP → "bad file descriptor", then
    // close with disconnected: true) — but only if its read is already parked in poll. A read
    // *started* after the hang-up gets 0 bytes from the hung-up tty, and bindings-cpp's
    // unixRead retries 0-byte reads at once, forever: no close, a spinning loop (seen with
    // serialport 13). So first let one byte through, which leaves the port idle in poll the way
    // a driver's port is while it waits for a device, then stop socat.
    const first = receive(a, 1);
    b.write(Buffer.from([0x55]));
    await first;
    await new Promise((r) => setTimeout(r, 50));
    const closed = new Promise<{ disconnected?: boolean } | null>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no close event within 5 s')), 5000);
      a.once('close', (err: { disconnected?: boolean } | null) => {
        clearTimeout(timer);
        resolve(err);
      });
    });
    await pair.stop();
    const err = await closed;
    expect(err?.disconnected).toBe(true);
    expect(a.isOpen).toBe(false);
  });
});
