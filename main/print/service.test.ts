// PrintService end to end: the core (its dispatcher, store and device ports) with a printer
// config pointing at the emulator over real TCP or a socat pty.
import { afterEach, describe, expect, it } from 'vitest';
import { startPrinterHall, startTestCore, type TestCore } from '../../test/support/core.js';
import {
  startPtyPrinter,
  startTcpPrinter,
  type PtyPrinter,
  type TcpPrinter,
} from '../../test/rig/printer-emulator.js';
import type { DeviceStatus } from '../../common/contract/contract.js';
import { exampleReceipt, exampleTicket } from './examples.js';
import { printServiceFor } from './handlers.js';

let t: TestCore | undefined;
let tcp: TcpPrinter | undefined;
let pty: PtyPrinter | undefined;

afterEach(async () => {
  await t?.dispose();
  await tcp?.stop();
  await pty?.pull();
  t = tcp = pty = undefined;
});

async function coreWith(printerYaml: string): Promise<TestCore> {
  t = await startPrinterHall(printerYaml);
  return t;
}

const tcpYaml = (port: number) =>
  `{ adapter: tcp, host: 127.0.0.1, port: ${port}, replyTimeoutMs: 300, confirmDelayMs: 0, pollSeconds: 1 }`;

const call = async (method: string, params: unknown = {}) => {
  // The app's own window: the local device, which may make every printer call.
  const reply = await t!.core.dispatcher.dispatch(method, params, {
    transport: 'ipc',
    peer: 'app://kiosk',
  });
  return reply;
};

function printerStatus(): DeviceStatus {
  return t!.core.devices.find((d) => d.kind === 'printer')!.status();
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('PrintService over a TCP printer', () => {
  it('a confirmed ticket is printed, spooled as printed, and the spool has no full name', async () => {
    tcp = await startTcpPrinter();
    await coreWith(tcpYaml(tcp.port));
    const print = printServiceFor(t!.core);
    const outcome = await print.printTicket(exampleTicket);
    expect(outcome).toMatchObject({ ok: true, ref: '20261128-A023', simulated: false });
    const [job] = tcp.emulator.printed();
    expect(job!.lines.map((l) => l.text)).toContain('姓名: 张**');
    expect(job!.qr[0]!.data).toBe('T|20261128-A023|7F3A');
    const rows = t!.core.store.db.prepare('SELECT outcome, document FROM print_job').all() as {
      outcome: string;
      document: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.outcome).toBe('printed');
    expect(rows[0]!.document).not.toContain('张三丰');
    expect(t!.logText()).not.toContain('张三丰');
  });

  it('paper out before: refused with what to do, nothing sent, and the kiosk port shows the fault', async () => {
    tcp = await startTcpPrinter();
    tcp.emulator.set({ paperOut: true });
    await coreWith(tcpYaml(tcp.port));
    // the port starts as "not reached yet" and reads the printer at once
    await until(() => /打印纸已用完/.test(printerStatus().message['zh-CN']));
    expect(printerStatus().state).toBe('fault');
    const print = printServiceFor(t!.core);
    const outcome = await print.printTicket(exampleTicket);
    expect(outcome).toMatchObject({ ok: false, stage: 'before', state: 'paperOut' });
    if (!outcome.ok) expect(outcome.action['zh-CN']).toMatch(/号码未发出/);
    expect(tcp.emulator.jobs).toHaveLength(0);
    const row = t!.core.store.db.prepare('SELECT outcome, stage, state FROM print_job').get();
    expect(row).toEqual({ outcome: 'failed', stage: 'before', state: 'paperOut' });
  });

  it('paper out mid-job: not issued; after new paper, staff reprint confirms it as a new job', async () => {
    tcp = await startTcpPrinter();
    await coreWith(tcpYaml(tcp.port));
    tcp.emulator.set({ paperOutAfterBytes: 50 });
    const print = printServiceFor(t!.core);
    const failed = await print.printTicket(exampleTicket);
    expect(failed).toMatchObject({ ok: false, stage: 'after', state: 'paperOut' });
    if (!failed.ok) expect(failed.action.en).toMatch(/reprint/);
    expect(tcp.emulator.printed()).toHaveLength(0);
    tcp.emulator.set({ paperOut: false });
    const reply = await call('printer.reprint', { jobId: failed.jobId });
    expect(reply).toMatchObject({ ok: true, result: { ok: true, ref: '20261128-A023' } });
    expect(tcp.emulator.printed()).toHaveLength(1);
    const rows = t!.core.store.db
      .prepare('SELECT id, outcome, reprint_of AS reprintOf FROM print_job ORDER BY id')
      .all();
    expect(rows).toEqual([
      { id: 1, outcome: 'failed', reprintOf: null },
      { id: 2, outcome: 'printed', reprintOf: 1 },
    ]);
  });

  it('a receipt prints; printer.jobs lists jobs; reprint of a missing job is a clear refusal', async () => {
    tcp = await startTcpPrinter();
    await coreWith(tcpYaml(tcp.port));
    expect((await printServiceFor(t!.core).printReceipt(exampleReceipt)).ok).toBe(true);
    expect(tcp.emulator.printed()[0]!.qr[0]!.data).toBe('C|SQ-20261128-0007|K9D2');
    const jobs = await call('printer.jobs', {});
    expect(jobs).toMatchObject({
      ok: true,
      result: [{ id: 1, kind: 'receipt', outcome: 'printed' }],
    });
    const missing = await call('printer.reprint', { jobId: 99 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('printer.status gives the bits in words; the port follows the printer (cover open, closed)', async () => {
    tcp = await startTcpPrinter();
    await coreWith(tcpYaml(tcp.port));
    await until(() => printerStatus().state === 'ready');
    const changes: DeviceStatus[] = [];
    t!.core.bus.subscribe((event, data) => {
      if (event === 'devices.changed') {
        changes.push((data as DeviceStatus[]).find((d) => d.kind === 'printer')!);
      }
    });
    tcp.emulator.set({ coverOpen: true, paperNearEnd: true });
    await until(() => printerStatus().state === 'fault');
    expect(printerStatus().message.en).toMatch(/cover is open/);
    const status = await call('printer.status');
    expect(status).toMatchObject({
      ok: true,
      result: {
        state: 'coverOpen',
        adapter: 'tcp',
        bits: ['cover open (n=2 bit 2)', 'paper near end (n=4 bits 2–3)'],
      },
    });
    tcp.emulator.set({ coverOpen: false });
    await until(() => printerStatus().state === 'ready');
    expect(printerStatus().message.en).toMatch(/running low/);
    // the kiosk hears each change on devices.changed
    expect(changes.map((c) => c.state)).toEqual(['fault', 'ready']);
  });

  it('printer switched off: the port says unreachable; no ticket is counted', async () => {
    tcp = await startTcpPrinter();
    await coreWith(tcpYaml(tcp.port));
    await until(() => printerStatus().state === 'ready');
    await tcp.stop();
    tcp = undefined;
    await until(() => printerStatus().state === 'fault');
    expect(printerStatus().message['zh-CN']).toMatch(/无法连接打印机/);
    const outcome = await printServiceFor(t!.core).printTicket(exampleTicket);
    expect(outcome).toMatchObject({ ok: false, state: 'unreachable' });
    // the technician finds it in the log, without any ticket data
    expect(t!.logText()).toMatch(/"state":"unreachable".*"msg":"printer status"/);
    expect(t!.logText()).not.toContain('A023');
  });
});

describe('PrintService over serial', () => {
  it('cable pulled mid-life: the print fails cleanly and nothing is recorded as printed', async () => {
    pty = await startPtyPrinter();
    await coreWith(
      `{ adapter: serial, path: ${pty.path}, baudRate: 115200, replyTimeoutMs: 300, confirmDelayMs: 0 }`,
    );
    const print = printServiceFor(t!.core);
    expect((await print.printTicket(exampleTicket)).ok).toBe(true);
    await pty.pull();
    const outcome = await print.printTicket(exampleTicket);
    expect(outcome.ok).toBe(false);
    const printed = t!.core.store.db
      .prepare("SELECT count(*) AS n FROM print_job WHERE outcome = 'printed'")
      .get() as { n: number };
    expect(printed.n).toBe(1);
  });
});

describe('PrintService in demo mode (simulated printer)', () => {
  it('shows the preview instead of paper, and refuses when the demo printer is set to a fault', async () => {
    t = await startTestCore();
    const print = printServiceFor(t.core);
    const outcome = await print.printTicket(exampleTicket);
    expect(outcome).toMatchObject({ ok: true, simulated: true });
    if (outcome.ok) expect(outcome.preview).toMatch(/^data:image\/png;base64,iVBOR/);
    const port = t.core.devices.find((d) => d.kind === 'printer') as unknown as {
      simulated: { set(s: string, m: unknown): void };
    };
    port.simulated.set('fault', {
      'zh-CN': '打印纸已用完（模拟）',
      en: 'Out of paper (simulated)',
    });
    const refused = await print.printTicket(exampleTicket);
    expect(refused).toMatchObject({
      ok: false,
      stage: 'before',
      reason: { en: 'Out of paper (simulated)' },
    });
  });
});

describe('PrintService in production with a simulated printer', () => {
  it('makes no preview: only the demo shows one, and each costs a render', async () => {
    await coreWith('{ adapter: simulated }');
    const outcome = await printServiceFor(t!.core).printTicket(exampleTicket);
    expect(outcome).toMatchObject({ ok: true, simulated: true });
    expect(outcome).not.toHaveProperty('preview');
    const job = t!.core.store.db.prepare('SELECT outcome FROM print_job').pluck().get();
    expect(job).toBe('previewed');
  });
});
