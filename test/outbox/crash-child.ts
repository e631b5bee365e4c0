/**
 * A host that dies at the worst moment for the outbox: it submits one case, delivers it, and
 * SIGKILLs itself as soon as the platform's answer arrives, before the answer is written
 * (answers are written by group commit, a few ms later). Prints "ACK <receipt> <key>"
 * once the case is committed, and "ANSWERED <caseNumber>" just before dying.
 */
import { readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CertSet } from '../../platform/simulator/certs.js';
import { platformDeliver } from '../../main/outbox/deliver.js';
import type { Deliver } from '../../main/outbox/outbox.js';
import { openKit, residenceCase } from './kit.js';

const { dataDir, certsDir, url } = JSON.parse(process.argv[2]!) as {
  dataDir: string;
  certsDir: string;
  url: string;
};
const read = (f: string) => readFileSync(join(certsDir, f), 'utf8');
const certs = {
  ca: read('ca.pem'),
  server: { cert: read('server.pem'), key: '' },
  client: { cert: read('client.pem'), key: read('client.key') },
} as CertSet;

let deliver: Deliver = () => Promise.reject(new Error('not yet'));
const kit = openKit(dataDir, certs, url, { deliver: (...a) => deliver(...a) });
const toPlatform = platformDeliver(kit.client);
deliver = async (kind, json, key) => {
  const caseNumber = await toPlatform(kind, json, key);
  writeSync(1, `ANSWERED ${caseNumber}\n`);
  process.kill(process.pid, 'SIGKILL');
  return caseNumber;
};
const { receiptNumber, outboxId } = kit.cases.submit(residenceCase(7, 1));
const { key } = kit.store.db
  .prepare('SELECT idempotency_key AS key FROM outbox WHERE id = ?')
  .get(outboxId) as { key: string };
writeSync(1, `ACK ${receiptNumber} ${key}\n`);
kit.outbox.start();
