/**
 * Issuing over the command runner and a real SQLite store, with nothing else of the queue: a
 * slip that does not print leaves no number held, and only the kiosk that reserved a ticket
 * settles it.
 */
import { describe, expect, it } from 'vitest';
import { demoConfig } from '../../kiosk-config/defaults.js';
import type { AuditEntry } from '../privacy/audit.js';
import { tempStores } from '../../test/support/temp-store.js';
import { QueueCommands } from './commands.js';
import { TicketIssuing } from './issuing.js';
import { SimulatedTicketPrinter } from './printer.js';
import { ticketCheckCode } from './ticket-printing.js';

const openTempStore = tempStores('queue-issuing-');

// 2026-03-02 09:00 Shanghai: the demo's services are open.
const clock = Date.UTC(2026, 2, 2, 1, 0);
const key = Buffer.alloc(32, 7);

function issuing(checkKey?: Buffer) {
  const { store } = openTempStore();
  const commands = new QueueCommands({
    config: demoConfig(),
    db: store.db,
    publish: () => {},
    now: () => clock,
  });
  const audited: AuditEntry[] = [];
  const printer = new SimulatedTicketPrinter();
  const audit = { record: (e: AuditEntry) => void audited.push(e), minimumDays: 180 };
  const issue = new TicketIssuing({ commands, printer, audit, checkKey, demo: true });
  return { issue, commands, printer, audited };
}

describe('issuing a ticket', () => {
  it('a slip that did not print voids its ticket, audited, and the number goes to the next', async () => {
    const { issue, commands, printer, audited } = issuing();
    printer.failNext = { 'zh-CN': '缺纸', en: 'Out of paper' };
    await expect(issue.issue({ serviceId: 'general' }, 'k1')).rejects.toMatchObject({
      body: { code: 'CONFLICT', issues: [{ path: 'queue', message: 'PRINT_FAILED' }] },
    });
    expect([...commands.engine.tickets.values()].map((t) => t.state)).toEqual(['voided']);
    expect(audited).toEqual([
      expect.objectContaining({ actor: 'kiosk:k1', action: 'ticket-voided', result: 'A001' }),
    ]);
    const next = await issue.issue({ serviceId: 'general' }, 'k1');
    expect(next).toMatchObject({ number: 'A001', state: 'waiting' });
    expect(printer.printed).toEqual([expect.objectContaining({ number: 'A001' })]);
  });

  it('only the kiosk that reserved a ticket settles it; a void tells the listeners', () => {
    const { issue, commands } = issuing();
    const told: number[] = [];
    const stop = issue.onPrintVoided((ticketId) => told.push(ticketId));
    const first = issue.reserve({ serviceId: 'general' }, 'k1');
    expect(() => issue.confirmPrint(first.ticketId, true, undefined, false, 'k2')).toThrow(
      expect.objectContaining({ body: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
    expect(commands.engine.ticket(first.ticketId).state).toBe('reserved');
    expect(issue.confirmPrint(first.ticketId, false, 'jam', true, 'k1')).toEqual({
      ticketId: first.ticketId,
      state: 'voided',
    });
    expect(told).toEqual([first.ticketId]);
    stop();
    const second = issue.reserve({ serviceId: 'general' }, 'k1');
    issue.confirmPrint(second.ticketId, false, 'jam', false, 'k1');
    expect(told).toEqual([first.ticketId]);
  });

  it("a reservation for a kiosk that prints itself carries the slip's check code", () => {
    const withKey = issuing(key).issue;
    const receipt = withKey.reserve({ serviceId: 'general' }, 'k1');
    expect(withKey.withCheckCode(receipt).checkCode).toBe(
      ticketCheckCode(key, receipt.ticketId, receipt.number, receipt.issuedAt),
    );
    const withoutKey = issuing().issue;
    expect(withoutKey.withCheckCode(receipt)).toBe(receipt);
  });
});
