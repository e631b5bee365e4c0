/**
 * The fault matrix: the outbox against the simulator with 30 % 5xx, timeouts, resets after
 * commit, 429 with Retry-After, duplicate acks, replies that break the contract and an outage
 * of three hours (time compressed 4000×). Everything arrives once by key, in order per
 * resident, and a poison case parks its resident's lane with an alert.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scaledClock } from '../../main/outbox/clock.js';
import type { StaffAlert } from '../../main/outbox/outbox.js';
import { makeCerts, type CertSet } from '../../platform/simulator/certs.js';
import type { Simulator } from '../../platform/simulator/server.js';
import {
  idNumberFor,
  openKit,
  residenceCase,
  startKitSimulator,
  tempDir,
  type Kit,
} from './kit.js';

const HOUR = 3_600_000;
let dir: string;
let certs: CertSet;
let sim: Simulator;
let kit: Kit;
const alerts: StaffAlert[] = [];
const clock = scaledClock(4000);

beforeAll(async () => {
  dir = tempDir('fault-matrix-');
  certs = makeCerts(join(dir, 'certs'));
  const start = clock.now();
  sim = await startKitSimulator(
    certs,
    {
      errorRatio: 0.3,
      hangRatio: 0.05,
      hangMs: 600,
      resetAfterCommitRatio: 0.1,
      rateLimitRatio: 0.1,
      retryAfterSeconds: 30,
      duplicateAckRatio: 0.1,
      brokenReplyRatio: 0.05,
      outages: [{ from: start, to: start + 3 * HOUR }],
      poisonServices: ['disability-subsidy'],
    },
    clock,
  );
  kit = openKit(join(dir, 'data'), certs, sim.url, {
    clock,
    timeoutMs: 300,
    backoff: { baseMs: 1000, capMs: 10 * 60_000 },
    concurrency: 6,
    onAlert: (a) => alerts.push(a),
  });
});
afterAll(async () => {
  await kit.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

it('delivers everything once, in order per resident, through hours of outage and faults', async () => {
  const residents = 12;
  const perResident = 8;
  const expected = new Map<string, string[]>();
  let poisonReceipt = '';
  kit.outbox.start();
  for (let seq = 0; seq < perResident; seq++) {
    for (let r = 0; r < residents; r++) {
      const submitted = kit.cases.submit(residenceCase(r, seq));
      const id = idNumberFor(r);
      expected.set(id, [...(expected.get(id) ?? []), submitted.receiptNumber]);
      if (r === 3 && seq === 4) {
        // A case the platform will always refuse, in the middle of resident 3's lane.
        poisonReceipt = kit.cases.submit({
          ...residenceCase(r, seq),
          serviceId: 'disability-subsidy',
          form: (await import('./kit.js')).formOf('disability-subsidy'),
          answers: { certificateNumber: '11010519900101123X41' },
        }).receiptNumber;
      }
    }
  }
  // During the outage nothing gets through and the outbox says it is offline.
  await new Promise((r) => setTimeout(r, 500));
  const during = kit.outbox.status();
  expect(during.online).toBe(false);
  expect(during.delivered).toBe(0);
  expect(during.pending).toBe(residents * perResident + 1);

  await kit.outbox.idle();
  const status = kit.outbox.status();
  expect(clock.now() - sim.faults.outages[0]!.to).toBeGreaterThan(0);
  // Resident 3: the poison case and the three after it wait behind the parked lane.
  expect(status.parked).toBe(1);
  expect(status.pending).toBe(3);
  expect(status.delivered).toBe(residents * perResident - 3);
  const dead = kit.outbox.deadLetters();
  expect(dead).toHaveLength(1);
  expect(dead[0]).toMatchObject({
    kind: 'case',
    receiptNumber: poisonReceipt,
    serviceId: 'disability-subsidy',
  });
  expect(alerts.filter((a) => a.code === 'outbox-parked')).toHaveLength(1);
  expect(JSON.stringify(alerts)).not.toContain(idNumberFor(3));

  // A hall manager discards the poison case: the rest of the lane follows, in order.
  expect(kit.outbox.discard(dead[0]!.id)).toBe(true);
  await kit.outbox.idle();
  expect(kit.outbox.status()).toMatchObject({ pending: 0, parked: 0, discarded: 1 });

  // Once by key, nothing extra, and the order each resident submitted in.
  expect([...sim.creations.values()].every((n) => n === 1)).toBe(true);
  expect(sim.creations.size).toBe(residents * perResident);
  for (const [id, receipts] of expected) expect(sim.orderByApplicant.get(id)).toEqual(receipts);
  // Every fault kind actually happened.
  expect(sim.stats.faults).toBeGreaterThan(50);
  const lanes = kit.store.db
    .prepare('SELECT COUNT(*) AS n FROM case_platform WHERE platform_case_number IS NOT NULL')
    .get() as { n: number };
  expect(lanes.n).toBe(residents * perResident);
}, 120_000);
