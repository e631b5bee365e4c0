/**
 * Printing figures: a ticket document → ESC/POS bytes with its QR (≤ 2 ms) and a
 * preview PNG (≤ 50 ms). Each run varies the number, people ahead and time, so only the
 * lines that are the same on every ticket (hall name, labels, privacy note) come from the
 * shaped-line cache, as on a kiosk in service.
 */
import { encodeDocument } from '../drivers/printer/escpos/encode.js';
import { createPrinter } from '../drivers/printer/printer.js';
import { createTcpLink } from '../drivers/printer/transports/tcp.js';
import { exampleContext, exampleReceipt, exampleTicket } from '../main/print/examples.js';
import { preview } from '../main/print/preview.js';
import { rasterizeRareLines } from '../main/print/raster-line.js';
import { receiptDocument, ticketDocument } from '../main/print/templates.js';
import { startTcpPrinter } from '../test/rig/printer-emulator.js';
import { machine, median, printTable, type Row } from './table.js';

const ticket = (i: number) =>
  ticketDocument(
    {
      ...exampleTicket,
      ticketId: `20261128-A${String(i % 1000).padStart(3, '0')}`,
      number: `A${String(i % 1000).padStart(3, '0')}`,
      peopleAhead: i % 40,
      issuedAt: new Date(Date.UTC(2026, 10, 28, 1, i % 60)).toISOString(),
    },
    exampleContext,
  );

function time(runs: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(20, runs); i++) fn(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i + 1000);
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const ms = (v: number) => `${v.toFixed(v < 1 ? 3 : 1)} ms`;

const coldStart = performance.now();
preview(ticket(999_999));
const cold = performance.now() - coldStart;

const bytes = time(500, (i) => encodeDocument(ticket(i)));
const rare = time(50, (i) =>
  encodeDocument(
    rasterizeRareLines(
      ticketDocument({ ...exampleTicket, name: '堃小明', peopleAhead: i % 40 }, exampleContext),
      {
        coverage: 'gb2312',
        extra: '',
      },
    ),
  ),
);
const png = time(60, (i) => preview(ticket(i)).png);
const receiptPng = time(30, () => preview(receiptDocument(exampleReceipt, exampleContext)).png);

// One confirmed print over real TCP to the emulator: status before (4 queries), job, status after.
const peer = await startTcpPrinter();
const printer = createPrinter(createTcpLink({ host: '127.0.0.1', port: peer.port }), {
  pollMs: 3_600_000,
  confirmDelayMs: 0,
});
const jobBytes = encodeDocument(ticket(1));
const roundTrips: number[] = [];
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  const r = await printer.print(jobBytes);
  if (!r.ok) throw new Error('bench print was not confirmed');
  roundTrips.push(performance.now() - t0);
}
await printer.close();
await peer.stop();

const rows: Row[] = [
  ['ticket document → ESC/POS bytes, QR included (median of 500)', ms(bytes), '≤ 2 ms', bytes <= 2],
  ['ticket preview PNG, warm (median of 60)', ms(png), '≤ 50 ms', png <= 50],
  ['ticket preview PNG, first of the process (no cache)', ms(cold), '(figure only)', true],
  ['receipt preview PNG (median of 30)', ms(receiptPng), '(figure only)', true],
  ['ticket with a 生僻字 raster line → bytes (median of 50)', ms(rare), '(figure only)', true],
  [
    'confirmed print over TCP to the emulator: status, send, status (median of 30)',
    ms(median(roundTrips)),
    '(figure only)',
    true,
  ],
];
printTable('printing', machine(), rows);
