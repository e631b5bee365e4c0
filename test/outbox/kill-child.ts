/**
 * The host under test for the SIGKILL rounds: opens the outbox on a data folder, delivers to
 * the simulator, and submits cases as fast as it can, printing "ACK <receipt>" only after
 * each case's transaction committed. The parent kills it with SIGKILL at a random moment.
 */
import { writeSync } from 'node:fs';
import { childSetup, openKit, residenceCase } from './kit.js';

const {
  args: { dataDir, url, seed },
  certs,
} = childSetup<{ seed: number }>();

const kit = openKit(dataDir, certs, url, { backoff: { baseMs: 5, capMs: 50 }, concurrency: 3 });
kit.outbox.start();
writeSync(1, 'READY\n');
let seq = seed * 1000;
for (;;) {
  const { receiptNumber } = kit.cases.submit(residenceCase(seq % 5, seq));
  writeSync(1, `ACK ${receiptNumber}\n`);
  seq++;
  await new Promise((r) => setTimeout(r, Math.random() * 4));
}
