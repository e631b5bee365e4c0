/**
 * A host that dies at the worst moment for the outbox: it submits one case, delivers it, and
 * SIGKILLs itself as soon as the platform's answer arrives, before the answer is written
 * (answers are written by group commit, a few ms later). Prints "ACK <receipt> <key>"
 * once the case is committed, and "ANSWERED <caseNumber>" just before dying.
 */
import { writeSync } from 'node:fs';
import { platformDeliver } from '../../main/case/deliver.js';
import type { Deliver } from '../../main/outbox/outbox.js';
import { childSetup, openKit, residenceCase } from './kit.js';

const {
  args: { dataDir, url },
  certs,
} = childSetup();

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
