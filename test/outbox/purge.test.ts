/**
 * After purge no byte of a resident's ID number is left: not in the database file, the WAL,
 * the logs or the print spool. Before purge the sealed bytes are there (the grep works).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { buildReceipt, spoolReceiptPrinter } from '../../main/case/receipt.js';
import { createLogger } from '../../main/log/logger.js';
import { idNumberFor, openKit, residenceCase } from './kit.js';
import { simulatorSuite } from './suite.js';

const suite = simulatorSuite('outbox-purge-');

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((f) => {
    const p = join(folder, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

it('leaves no raw ID number or sealed copy behind after purge', async () => {
  const dataDir = join(suite.dir, 'data');
  const kit = openKit(dataDir, suite.certs, suite.sim.url);
  const logFile = join(dataDir, 'logs', 'hall-kiosk.log');
  const log = createLogger({
    level: 'debug',
    destination: pino.destination({ dest: logFile, mkdir: true, sync: true }),
  });
  const printer = spoolReceiptPrinter(join(dataDir, 'spool'));
  const idNumber = idNumberFor(42);
  kit.outbox.start();
  for (let i = 0; i < 30; i++) {
    const input = residenceCase(42, i);
    const { receiptNumber } = kit.cases.submit(input);
    // What a careless caller might log: the logger must scrub it.
    log.info({ idNumber, receiptNumber }, `case submitted for ${idNumber}`);
    const printed = await printer.printReceipt(
      buildReceipt({
        hallName: { 'zh-CN': '测试大厅', en: 'Test hall' },
        receiptNumber,
        platformCaseNumber: null,
        serviceName: { 'zh-CN': '居住证明开具', en: 'Proof of residence' },
        applicant: input.applicant,
        submittedAt: new Date().toISOString(),
        timeLimitDays: 3,
      }),
    );
    expect(printed.ok).toBe(true);
  }
  await kit.outbox.idle();
  kit.cases.listForResident(idNumber, { actor: 'kiosk', purpose: 'test' });
  const sealed = kit.store.db.prepare('SELECT personal_enc AS a FROM hall_case LIMIT 1').get() as {
    a: Buffer;
  };
  const probe = sealed.a.subarray(13, 29); // ciphertext bytes after the version and IV
  const allBytes = () =>
    [
      kit.store.file,
      `${kit.store.file}-wal`,
      ...filesUnder(join(dataDir, 'logs')),
      ...filesUnder(join(dataDir, 'spool')),
    ]
      .filter((f) => existsSync(f))
      .map((f) => [f, readFileSync(f)] as const);
  // Positive control: before purge the sealed bytes are on disk.
  expect(allBytes().some(([, b]) => b.includes(probe))).toBe(true);

  const purged = kit.cases.purge(0);
  expect(purged.cases).toBe(30);
  log.flush();
  for (const [file, bytes] of allBytes()) {
    expect(bytes.includes(Buffer.from(idNumber)), file).toBe(false);
    expect(bytes.includes(Buffer.from(idNumber.slice(0, 17))), file).toBe(false);
    expect(bytes.includes(probe), file).toBe(false);
  }
  expect(kit.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  // The audit outlives the cases (six months) and names no one.
  const audit = kit.store.db.prepare('SELECT * FROM audit_log').all();
  expect(audit).toHaveLength(1);
  expect(JSON.stringify(audit)).not.toContain(idNumber);
  await kit.close();
});
