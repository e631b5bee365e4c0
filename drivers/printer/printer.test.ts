// The printer driver against the emulator over real transports: TCP (net) and a socat pty pair
// (serialport, and the USB device-file link opened on the same kind of character device).
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PrinterEmulator,
  startPtyPrinter,
  startTcpPrinter,
  type PtyPrinter,
  type TcpPrinter,
} from '../../test/rig/printer-emulator.js';
import type { PrintDocument } from './escpos/document.js';
import { encodeDocument } from './escpos/encode.js';
import { createPrinter, type Printer, type PrinterSnapshot } from './printer.js';
import { createSerialLink } from './transports/serial.js';
import { createTcpLink } from './transports/tcp.js';
import { createUsbLink } from './transports/usb.js';

const ticket: PrintDocument = {
  columns: 32,
  widthDots: 384,
  blocks: [
    { kind: 'text', text: '和平街道政务服务中心', align: 'center' },
    { kind: 'text', text: 'A023', align: 'center', width: 4, height: 4 },
    { kind: 'text', text: '前面还有 3 人' },
    { kind: 'qr', data: 'T20261128-0023|7F3A', errorLevel: 'Q' },
    { kind: 'text', text: '个人信息仅用于叫号', align: 'center' },
  ],
};
const bytes = encodeDocument(ticket);
const fast = { pollMs: 60_000, replyTimeoutMs: 300, confirmDelayMs: 0 };

let tcp: TcpPrinter | undefined;
let pty: PtyPrinter | undefined;
const printers: Printer[] = [];

afterEach(async () => {
  await Promise.all(printers.splice(0).map((p) => p.close()));
  await tcp?.stop();
  await pty?.pull();
  tcp = pty = undefined;
});

async function tcpPrinter(options = {}) {
  tcp = await startTcpPrinter();
  const printer = createPrinter(createTcpLink({ host: '127.0.0.1', port: tcp.port }), {
    ...fast,
    ...options,
  });
  printers.push(printer);
  return { printer, emu: tcp.emulator };
}

function waitFor(printer: Printer, state: PrinterSnapshot['state'], ms = 3000) {
  return new Promise<PrinterSnapshot>((resolve, reject) => {
    if (printer.status().state === state) return resolve(printer.status());
    const t = setTimeout(() => reject(new Error(`still ${printer.status().state}`)), ms);
    const off = printer.onChange((s) => {
      if (s.state !== state) return;
      clearTimeout(t);
      off();
      resolve(s);
    });
  });
}

describe('printer over TCP 9100', () => {
  it('prints a ticket and confirms it: the emulator decodes init, FS &, GB18030, size, QR, cut', async () => {
    const { printer, emu } = await tcpPrinter();
    const result = await printer.print(bytes);
    expect(result.ok).toBe(true);
    const [job] = emu.printed();
    expect(emu.printed()).toHaveLength(1);
    expect(job!.chineseAfterInit).toBe(true);
    expect(job!.lines[0]).toEqual({
      text: '和平街道政务服务中心',
      align: 'center',
      width: 1,
      height: 1,
      chinese: true,
    });
    expect(job!.lines[1]).toMatchObject({ text: 'A023', width: 4, height: 4 });
    expect(job!.qr).toEqual([
      { data: 'T20261128-0023|7F3A', model: 2, errorLevel: 'Q', moduleSize: 6 },
    ]);
    expect(job!.cut).toBe('partial');
    // status before and after: 4 queries each
    expect(emu.statusQueries).toBe(8);
  });

  it('paper out before the job: refused, nothing sent, state paperOut', async () => {
    const { printer, emu } = await tcpPrinter();
    emu.set({ paperOut: true });
    const result = await printer.print(bytes);
    expect(result).toMatchObject({ ok: false, stage: 'before', before: { state: 'paperOut' } });
    expect(emu.jobs).toHaveLength(0);
    expect(printer.status().state).toBe('paperOut');
  });

  it('paper runs out during the job: not confirmed, state paperOut', async () => {
    const { printer, emu } = await tcpPrinter();
    emu.set({ paperOutAfterBytes: 40 });
    const result = await printer.print(bytes);
    expect(result).toMatchObject({ ok: false, stage: 'after', after: { state: 'paperOut' } });
    expect(emu.printed()).toHaveLength(0);
    expect(emu.jobs[0]!.interrupted).toBe('paperOut');
  });

  it('cover opened mid-job: not confirmed, state coverOpen', async () => {
    const { printer, emu } = await tcpPrinter();
    emu.set({ coverOpenAfterBytes: 60 });
    const result = await printer.print(bytes);
    expect(result).toMatchObject({ ok: false, stage: 'after', after: { state: 'coverOpen' } });
    expect(emu.printed()).toHaveLength(0);
  });

  it('offline, cutter error and paper near end read as such; near end still prints', async () => {
    const { printer, emu } = await tcpPrinter();
    emu.set({ offline: true });
    expect((await printer.refresh()).state).toBe('offline');
    emu.set({ offline: false, cutterError: true });
    expect((await printer.refresh()).state).toBe('cutterError');
    emu.set({ cutterError: false, paperNearEnd: true });
    expect((await printer.print(bytes)).ok).toBe(true);
    expect(printer.status().state).toBe('paperNearEnd');
  });

  it('slow replies within the timeout are fine; too slow is unreachable; one query in flight', async () => {
    const { printer, emu } = await tcpPrinter();
    emu.set({ replyDelayMs: 60 });
    expect((await printer.refresh()).state).toBe('online');
    emu.set({ replyDelayMs: 380 });
    const slow = await printer.refresh();
    expect(slow.state).toBe('unreachable');
    expect(slow.detail).toMatch(/no reply to DLE EOT 1 within 300 ms/);
    // the late reply arrives while the driver ignores the line; the next query reads true state
    emu.set({ replyDelayMs: 0, coverOpen: true });
    expect((await printer.refresh()).state).toBe('coverOpen');
    expect(emu.maxOutstanding).toBe(1);
  });

  it('garbage replies: a clear state, no crash, and recovery once the printer talks sense', async () => {
    const { printer, emu } = await tcpPrinter();
    emu.set({ garbage: true });
    const s = await printer.refresh();
    expect(s.state).toBe('unreachable');
    expect(s.detail).toMatch(/garbage reply 0xff/);
    expect((await printer.print(bytes)).ok).toBe(false);
    emu.set({ garbage: false });
    expect((await printer.refresh()).state).toBe('online');
    expect(emu.printed()).toHaveLength(0);
  });

  it('a silent printer is unreachable and a job is not sent', async () => {
    const { printer, emu } = await tcpPrinter();
    emu.set({ silent: true });
    const result = await printer.print(bytes);
    expect(result).toMatchObject({ ok: false, stage: 'before', before: { state: 'unreachable' } });
    expect(emu.jobs).toHaveLength(0);
  });

  it('printer switched off and on again: unreachable, then reconnects on the next poll', async () => {
    const { printer } = await tcpPrinter();
    expect((await printer.refresh()).state).toBe('online');
    const port = tcp!.port;
    await tcp!.stop();
    await waitFor(printer, 'unreachable');
    expect((await printer.print(bytes)).ok).toBe(false);
    tcp = await startTcpPrinter(new PrinterEmulator(), port);
    expect((await printer.refresh()).state).toBe('online');
    expect((await printer.print(bytes)).ok).toBe(true);
    expect(tcp.emulator.printed()).toHaveLength(1);
  });

  it('automatic status back: a cover opened between polls shows without a query', async () => {
    const { printer, emu } = await tcpPrinter({ autoStatus: true });
    expect((await printer.refresh()).state).toBe('online');
    const queries = emu.statusQueries;
    const seen = waitFor(printer, 'coverOpen');
    emu.set({ coverOpen: true });
    expect((await seen).detail).toBe('automatic status back');
    expect(emu.statusQueries).toBe(queries);
  });

  it('polls on its own once started', async () => {
    tcp = await startTcpPrinter();
    const printer = createPrinter(createTcpLink({ host: '127.0.0.1', port: tcp.port }), {
      ...fast,
      pollMs: 100,
    });
    printers.push(printer);
    printer.start();
    await waitFor(printer, 'online');
    tcp.emulator.set({ paperOut: true });
    await waitFor(printer, 'paperOut');
  });
  it('a printer that keeps failing gets a fresh connection', async () => {
    const { printer, emu } = await tcpPrinter();
    emu.set({ silent: true });
    expect((await printer.refresh()).state).toBe('unreachable');
    expect((await printer.refresh()).state).toBe('unreachable');
    // two failures in a row: the link was closed; the next check opens a new connection
    emu.set({ silent: false });
    expect((await printer.refresh()).state).toBe('online');
    expect(tcp!.connections).toBe(2);
  });
});

describe('printer over serial (socat pty pair, real serialport)', () => {
  it('prints and confirms a ticket', async () => {
    pty = await startPtyPrinter();
    const printer = createPrinter(createSerialLink({ path: pty.path, baudRate: 115200 }), fast);
    printers.push(printer);
    expect((await printer.print(bytes)).ok).toBe(true);
    expect(pty.emulator.printed()[0]!.qr[0]!.data).toBe('T20261128-0023|7F3A');
  });

  it('cable pulled: unreachable, the next print fails cleanly, no ticket counted', async () => {
    pty = await startPtyPrinter();
    const printer = createPrinter(createSerialLink({ path: pty.path, baudRate: 115200 }), fast);
    printers.push(printer);
    expect((await printer.refresh()).state).toBe('online');
    await pty.pull();
    const result = await printer.print(bytes);
    expect(result.ok).toBe(false);
    expect(printer.status().state).toBe('unreachable');
  });
});

describe('serial adapter unplugged and plugged back in', () => {
  it('the port is reopened at the same path and the printer is online again', async () => {
    // A stable name like /dev/ttyUSB0, pointing at whichever pty pair is "plugged in".
    const dir = mkdtempSync(join(tmpdir(), 'hall-kiosk-tty-'));
    const tty = join(dir, 'ttyUSB0');
    try {
      pty = await startPtyPrinter();
      symlinkSync(pty.path, tty);
      const printer = createPrinter(
        createSerialLink({ path: tty, baudRate: 115200, timeoutMs: 1000 }),
        fast,
      );
      printers.push(printer);
      expect((await printer.refresh()).state).toBe('online');
      await pty.pull();
      expect((await printer.refresh()).state).toBe('unreachable');
      pty = await startPtyPrinter();
      rmSync(tty);
      symlinkSync(pty.path, tty);
      let state = printer.status().state;
      for (let i = 0; i < 5 && state !== 'online'; i++) state = (await printer.refresh()).state;
      expect(state).toBe('online');
      expect((await printer.print(bytes)).ok).toBe(true);
      expect(pty.emulator.printed()).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('printer over the USB printer class device file', () => {
  it('writes the job to the device file and reads status back from it', async () => {
    // A pty is a character device like /dev/usb/lp0: the link opens it as a plain file.
    pty = await startPtyPrinter();
    const printer = createPrinter(createUsbLink({ path: pty.path }), fast);
    printers.push(printer);
    expect((await printer.print(bytes)).ok).toBe(true);
    expect(pty.emulator.printed()).toHaveLength(1);
  });
});
