// `kiosk-config doctor printer` against the emulator, over real TCP and a socat pty.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startPtyPrinter,
  startTcpPrinter,
  type PtyPrinter,
  type TcpPrinter,
} from '../../../test/rig/printer-emulator.js';
import { runConfigCli } from '../../../test/support/cli.js';

let tcp: TcpPrinter | undefined;
let pty: PtyPrinter | undefined;
let dir: string | undefined;

afterEach(async () => {
  await tcp?.stop();
  await pty?.pull();
  if (dir) rmSync(dir, { recursive: true, force: true });
  tcp = pty = dir = undefined;
});

const run = (...argv: string[]) => runConfigCli(argv);

describe('kiosk-config doctor printer', () => {
  it('--tcp: status in words, test page printed and confirmed, --preview writes a PNG', async () => {
    tcp = await startTcpPrinter();
    dir = mkdtempSync(join(tmpdir(), 'doctor-'));
    const png = join(dir, 'page.png');
    const r = await run('doctor', 'printer', '--tcp', `127.0.0.1:${tcp.port}`, '--preview', png);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`printer: tcp 127.0.0.1:${tcp.port}`);
    expect(r.out).toContain('state: online — 打印机就绪 / Printer ready');
    expect(r.out).toContain('status bits: none set (all clear)');
    expect(r.out).toContain('test page: printed and confirmed');
    const [job] = tcp.emulator.printed();
    expect(job!.lines.map((l) => l.text)).toContain('打印机测试页 / Printer test page');
    expect(job!.images).toHaveLength(1); // the 生僻字 line went as an image
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });

  it('--serial: cover open and paper near end in words; nothing printed; exit 1', async () => {
    pty = await startPtyPrinter();
    pty.emulator.set({ coverOpen: true, paperNearEnd: true });
    const r = await run('doctor', 'printer', '--serial', pty.path, '--baud', '115200');
    expect(r.code).toBe(1);
    expect(r.out).toContain('state: coverOpen');
    expect(r.out).toContain('status bits: cover open (n=2 bit 2); paper near end (n=4 bits 2–3)');
    expect(r.out).toContain('test page: not sent');
    expect(pty.emulator.jobs).toHaveLength(0);
  });

  it('nothing listening: unreachable with the reason', async () => {
    tcp = await startTcpPrinter();
    const port = tcp.port;
    await tcp.stop();
    tcp = undefined;
    const r = await run('doctor', 'printer', '--tcp', `127.0.0.1:${port}`, '--no-print');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/state: unreachable/);
    expect(r.out).toMatch(/detail: .*ECONNREFUSED/);
  });

  it('a bad option is refused with the usage', async () => {
    const r = await run('doctor', 'printer', '--tcp');
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/--tcp needs a value/);
    expect(r.err).toMatch(/usage: kiosk-config doctor printer/);
  });
});
