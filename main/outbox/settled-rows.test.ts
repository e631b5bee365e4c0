/** Settled rows leave when their owner's retention says so; open rows never do. */
import { expect, it } from 'vitest';
import { tempStores } from '../../test/support/temp-store.js';
import type { Store } from '../store/store.js';
import { settledRows } from './settled-rows.js';
import { outboxStatements } from './statements.js';

const openTempStore = tempStores('outbox-settled-');
let store: Store | undefined;

function row(kind: 'case' | 'rating', state: string, createdAt: number): number {
  const info = store!.db
    .prepare(
      `INSERT INTO outbox (kind, ref_id, lane, idempotency_key, state, next_attempt_at, created_at)
       VALUES (?, 1, 'l', ?, ?, 0, ?)`,
    )
    .run(kind, `${kind}-${state}-${createdAt}`, state, createdAt);
  return Number(info.lastInsertRowid);
}

const ids = () =>
  (store!.db.prepare('SELECT id FROM outbox ORDER BY id').all() as { id: number }[]).map(
    (r) => r.id,
  );

it('forgets settled rows by id or by kind and age, and keeps every open row', () => {
  store = openTempStore().store;
  const rows = settledRows(outboxStatements(store.db));
  const delivered = row('case', 'delivered', 100);
  const pendingCase = row('case', 'pending', 100);
  row('rating', 'discarded', 100);
  const parkedRating = row('rating', 'parked', 100);
  const newRating = row('rating', 'delivered', 900);

  expect(rows.forgetSettled({ ids: [delivered, pendingCase] })).toBe(1);
  expect(rows.forgetSettled({ kind: 'rating', before: 500 })).toBe(1);
  expect(ids()).toEqual([pendingCase, parkedRating, newRating]);
});
