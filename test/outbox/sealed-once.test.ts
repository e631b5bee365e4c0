/**
 * Migration 0007: a case's personal data is sealed once, in hall_case; its outbox row keeps
 * only the non-personal fields and the drainer joins the two when it sends. Rows written
 * before 0007 are still sent with the exact bytes they stored.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openPersonal } from '../../main/case/case-body.js';
import { paths } from '../../main/paths.js';
import { EncodedJson } from '../../main/platform/client.js';
import { fileKeySource } from '../../main/privacy/key-source.js';
import { createSealer } from '../../main/privacy/sealer.js';
import { openStore } from '../../main/store/store.js';
import { idNumberFor, kitClient, openKit, residenceCase } from './kit.js';
import { simulatorSuite } from './suite.js';

const suite = simulatorSuite('outbox-sealed-once-');

it('keeps a case’s personal data sealed once, none of it in the outbox row, and sends the whole body', async () => {
  const kit = openKit(join(suite.dir, 'new'), suite.certs, suite.sim.url);
  const idNumber = idNumberFor(7);
  const { receiptNumber } = kit.cases.submit(residenceCase(7, 41));
  const outboxRow = kit.store.db.prepare('SELECT payload, payload_enc FROM outbox').get() as {
    payload: string;
    payload_enc: Buffer | null;
  };
  expect(outboxRow.payload_enc).toBeNull();
  expect(JSON.parse(outboxRow.payload)).toEqual({
    hallId: 'kit-hall',
    receiptNumber,
    serviceId: 'residence-certificate',
    submittedAt: expect.any(String),
  });
  for (const personal of [idNumber, '张三', '某街41号'])
    expect(outboxRow.payload).not.toContain(personal);
  const caseRow = kit.store.db
    .prepare(
      'SELECT receipt_number AS receiptNumber, personal_enc AS personalEnc, applicant_enc AS applicantEnc, form_enc AS formEnc FROM hall_case',
    )
    .get() as Parameters<typeof openPersonal>[1];
  expect(caseRow.applicantEnc).toBeNull();
  expect(caseRow.formEnc).toBeNull();
  expect(openPersonal(kit.sealer, caseRow).applicant.idNumber).toBe(idNumber);

  kit.outbox.start();
  await kit.outbox.idle();
  const stored = [...suite.sim.cases.values()].find(
    (c) => c.submission.receiptNumber === receiptNumber,
  );
  expect(stored?.submission).toEqual({
    hallId: 'kit-hall',
    receiptNumber,
    serviceId: 'residence-certificate',
    submittedAt: expect.any(String),
    applicant: { idNumber, name: '张三' },
    form: { address: '北京市东城区某街41号', years: 41 },
  });
  await kit.close();
});

it('refuses a case body that carries its personal part into the outbox', async () => {
  const kit = openKit(join(suite.dir, 'refuse'), suite.certs, suite.sim.url);
  const body = {
    hallId: 'kit-hall',
    receiptNumber: 'R1',
    serviceId: 'residence-certificate',
    submittedAt: new Date().toISOString(),
    applicant: { idNumber: idNumberFor(1), name: '张三' },
  };
  expect(() => kit.outbox.enqueue('case', 1, 'lane', body)).toThrow(/personal part/);
  expect(kit.store.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  await kit.close();
});

it('sends a row written before 0007 with the exact bytes it stored, and still opens its case', async () => {
  // A database at 0006, written the old way: applicant and form sealed in the case row, the
  // whole body sealed again in the outbox row.
  const data = join(suite.dir, 'legacy');
  const before = join(suite.dir, 'migrations-0006');
  mkdirSync(before);
  mkdirSync(data);
  for (const f of readdirSync(paths.migrationsDir).filter((f) => f < '0007'))
    copyFileSync(join(paths.migrationsDir, f), join(before, f));
  const old = openStore(data, before);
  const sealer = createSealer(fileKeySource(join(data, 'data.key')).load());
  const receiptNumber = 'R261128000001';
  const applicant = { idNumber: idNumberFor(3), name: '李四' };
  const form = { address: '北京市东城区某街3号', years: 3 };
  const at = '2026-11-28T01:02:03.000Z';
  const where = (col: string) => `hall_case.${col}:${receiptNumber}`;
  old.db
    .prepare(
      `INSERT INTO hall_case (id, receipt_number, service_id, id_index, applicant_enc, form_enc, created_at)
       VALUES (1, ?, 'residence-certificate', ?, ?, ?, ?)`,
    )
    .run(
      receiptNumber,
      sealer.blindIndex(applicant.idNumber),
      sealer.seal(JSON.stringify(applicant), where('applicant')),
      sealer.seal(JSON.stringify(form), where('form')),
      at,
    );
  const body = JSON.stringify({
    hallId: 'kit-hall',
    receiptNumber,
    serviceId: 'residence-certificate',
    applicant,
    form,
    submittedAt: at,
  });
  const key = randomUUID();
  old.db
    .prepare(
      `INSERT INTO outbox (kind, ref_id, lane, idempotency_key, payload_enc, state, next_attempt_at, created_at)
       VALUES ('case', 1, ?, ?, ?, 'pending', 0, 0)`,
    )
    .run(sealer.blindIndex(applicant.idNumber), key, sealer.seal(body, `outbox.payload:${key}`));
  old.close();

  // It was sent once before the upgrade: the platform holds the body's hash under its key and
  // refuses the key with any other bytes (422), which would park the lane.
  const client = kitClient(suite.certs, suite.sim.url);
  const first = await client.submitCase(new EncodedJson(body), key);
  await client.close();

  const kit = openKit(data, suite.certs, suite.sim.url);
  kit.outbox.start();
  await kit.outbox.idle();
  expect(kit.outbox.status()).toMatchObject({ delivered: 1, parked: 0, pending: 0 });
  expect(suite.sim.creations.get(key)).toBe(1);
  const row = kit.store.db
    .prepare(
      `SELECT receipt_number AS receiptNumber, personal_enc AS personalEnc, applicant_enc AS applicantEnc,
              form_enc AS formEnc, platform_case_number AS number,
              receipts_printed AS receiptsPrinted FROM case_platform`,
    )
    .get() as Parameters<typeof openPersonal>[1] & { number: string; receiptsPrinted: number };
  expect(row.number).toBe(first.caseNumber);
  // 0008: a case from before it counts as printed once (its next paper says 补打, as it did).
  expect(row.receiptsPrinted).toBe(1);
  expect(row.personalEnc).toBeNull();
  expect(openPersonal(kit.sealer, row)).toEqual({ applicant, form });
  expect(kit.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  await kit.close();
});
