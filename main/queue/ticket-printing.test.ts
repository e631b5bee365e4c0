// Queue tickets printed through the PrintService, against the printer
// emulator over real TCP: a ticket joins the line only once its print is confirmed; a print
// refused before sending frees the number, one that failed after sending retires it.
import { afterEach, describe, expect, it } from 'vitest';
import { startTcpPrinter, type TcpPrinter } from '../../test/rig/printer-emulator.js';
import { startPrinterHall, startTestCore, type TestCore } from '../../test/support/core.js';
import { ticketCheckCode, ticketCheckKey } from './ticket-printing.js';

let t: TestCore | undefined;
let tcp: TcpPrinter | undefined;

afterEach(async () => {
  await t?.dispose();
  await tcp?.stop();
  t = tcp = undefined;
});

async function hallWithPrinter(): Promise<TestCore> {
  tcp = await startTcpPrinter();
  t = await startPrinterHall(
    `{ adapter: tcp, host: 127.0.0.1, port: ${tcp.port}, replyTimeoutMs: 300, confirmDelayMs: 0, pollSeconds: 1 }`,
  );
  return t;
}

const issue = () => t!.core.queue.issuing.issue({ serviceId: 'general' }, 'local');

describe('queue tickets on paper', () => {
  it('a confirmed print makes the ticket wait, and the slip carries its number and check code', async () => {
    await hallWithPrinter();
    const ticket = await issue();
    expect(ticket).toMatchObject({ number: 'A001', state: 'waiting' });
    const [job] = tcp!.emulator.printed();
    expect(job?.lines.map((l) => l.text)).toContain('A001');
    const code = ticketCheckCode(
      ticketCheckKey(t!.core.store.db),
      ticket.ticketId,
      ticket.number,
      ticket.issuedAt,
    );
    expect(job?.qr.map((q) => q.data)).toEqual([`T|${ticket.ticketId}|${code}`]);
  });

  it('paper out before sending: no ticket, and the next resident gets the same number', async () => {
    await hallWithPrinter();
    tcp!.emulator.set({ paperOut: true });
    await expect(issue()).rejects.toMatchObject({ body: { code: 'CONFLICT' } });
    expect(tcp!.emulator.printed()).toHaveLength(0);
    tcp!.emulator.set({ paperOut: false });
    expect((await issue()).number).toBe('A001');
  });

  it('paper out during the job: no ticket, and the number is retired for the day', async () => {
    await hallWithPrinter();
    tcp!.emulator.set({ paperOutAfterBytes: 50 });
    await expect(issue()).rejects.toMatchObject({ body: { code: 'CONFLICT' } });
    tcp!.emulator.set({ paperOut: false });
    // A part-printed A001 may be in someone's hand: the next ticket must not share it.
    expect((await issue()).number).toBe('A002');
    const waiting = t!.core.queue.engine.waiting.size;
    expect(waiting).toBe(1);
  });
});

describe('the demo has no paper: the kiosk shows the slip', () => {
  const ipc = { transport: 'ipc' as const, peer: 'app://kiosk/index.html' };

  it('queue.issue in demo mode answers with the slip as a PNG data URL (checked by the contract)', async () => {
    t = await startTestCore(); // the embedded demo config: simulated printer
    const r = await t.core.dispatcher.dispatch('queue.issue', { serviceId: 'general' }, ipc);
    expect(r.ok).toBe(true);
    const result = (r as { result: { number: string; preview?: string } }).result;
    expect(result.number).toBe('A001');
    expect(result.preview).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(result.preview!.split(',')[1]!, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('on real paper (production, printer over TCP) there is no preview', async () => {
    await hallWithPrinter();
    const r = await t!.core.dispatcher.dispatch('queue.issue', { serviceId: 'general' }, ipc);
    expect(r).toMatchObject({ ok: true, result: { number: 'A001' } });
    expect((r as { result: object }).result).not.toHaveProperty('preview');
  });
});
