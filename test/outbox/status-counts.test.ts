/**
 * outbox.status() counts settled rows once and then keeps them as they change; after every
 * step here its counts must equal a full count of the table.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openKit, residenceCase, type Kit } from './kit.js';
import { simulatorSuite } from './suite.js';

const suite = simulatorSuite('outbox-counts-', { poisonServices: ['poison'] });

function tableCounts(kit: Kit) {
  const counts = { pending: 0, delivered: 0, parked: 0, discarded: 0 };
  for (const r of kit.store.db
    .prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state')
    .all() as { state: keyof typeof counts; n: number }[])
    counts[r.state] = r.n;
  return counts;
}

function expectExact(kit: Kit, expected: Partial<ReturnType<typeof tableCounts>>) {
  const { pending, delivered, parked, discarded } = kit.outbox.status();
  expect({ pending, delivered, parked, discarded }).toEqual(tableCounts(kit));
  expect({ pending, delivered, parked, discarded }).toMatchObject(expected);
}

it('keeps its counts exact through deliveries, a parked row, a discard, a restart and the purge', async () => {
  const data = join(suite.dir, 'data');
  let kit = openKit(data, suite.certs, suite.sim.url);
  for (let i = 0; i < 6; i++) kit.cases.submit(residenceCase(i, i));
  const poison = { ...residenceCase(9, 99), serviceId: 'poison' };
  kit.cases.submit(poison);
  expectExact(kit, { pending: 7, delivered: 0 });

  kit.outbox.start();
  await kit.outbox.idle();
  expectExact(kit, { pending: 0, delivered: 6, parked: 1 });

  const [dead] = kit.outbox.deadLetters();
  expect(kit.outbox.discard(dead!.id)).toBe(true);
  expectExact(kit, { parked: 0, discarded: 1, delivered: 6 });

  // A new outbox counts what an earlier run left.
  await kit.close();
  kit = openKit(data, suite.certs, suite.sim.url);
  expectExact(kit, { delivered: 6, discarded: 1 });
  kit.outbox.start();
  kit.cases.submit(residenceCase(1, 7));
  await kit.outbox.idle();
  expectExact(kit, { delivered: 7, discarded: 1 });

  // The purge deletes settled rows behind the outbox's back; it asks it to count again.
  kit.cases.purge(0);
  expectExact(kit, { delivered: 0, discarded: 0, pending: 0 });
  await kit.close();
});
