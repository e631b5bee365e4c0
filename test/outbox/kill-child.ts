/**
 * The host under test for the SIGKILL rounds: opens the outbox on a data folder, delivers to
 * the simulator, and submits cases as fast as it can, printing "ACK <receipt>" only after
 * each case's transaction committed. The parent kills it with SIGKILL at a random moment.
 */
import { readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CertSet } from '../../platform/simulator/certs.js';
import { openKit, residenceCase } from './kit.js';

const { dataDir, certsDir, url, seed } = JSON.parse(process.argv[2]!) as {
  dataDir: string;
  certsDir: string;
  url: string;
  seed: number;
};
const read = (f: string) => readFileSync(join(certsDir, f), 'utf8');
const certs = {
  ca: read('ca.pem'),
  server: { cert: read('server.pem'), key: '' },
  client: { cert: read('client.pem'), key: read('client.key') },
} as CertSet;

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
