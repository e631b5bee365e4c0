import { describe, expect, it } from 'vitest';
import { encodeDocument } from '../../drivers/printer/escpos/encode.js';
import { PrinterEmulator } from '../../test/rig/printer-emulator.js';
import { exampleContext, exampleTicket } from '../print/examples.js';
import { ticketDocument } from '../print/templates.js';

const printed = (ticket: typeof exampleTicket) => {
  const emu = new PrinterEmulator();
  emu.receive(Buffer.from(encodeDocument(ticketDocument(ticket, exampleContext))));
  return emu.jobs[0]!.lines.map((l) => l.text);
};

describe('an appointment ticket on paper', () => {
  it('says 预约 and the slot start in hall time; a normal ticket does not', () => {
    // 01:30 UTC is 09:30 in the example hall (Asia/Shanghai).
    const texts = printed({ ...exampleTicket, appointmentAt: '2026-11-28T01:30:00.000Z' });
    expect(texts).toContain('预约 09:30');
    expect(printed(exampleTicket).some((t) => t.includes('预约'))).toBe(false);
  });

  it('in English too', () => {
    const texts = printed({
      ...exampleTicket,
      language: 'en',
      appointmentAt: '2026-11-28T01:30:00.000Z',
    });
    expect(texts).toContain('Appointment 09:30');
  });
});
