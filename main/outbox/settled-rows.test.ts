/** Settled rows leave when their owner's retention says so; open rows never do. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { paths } from '../paths.js';
import { openStore, type Store } from '../store/store.js';
import { settledRows } from './settled-rows.js';
import { outboxStatements } from './statements.js';

let store: Store | undefined;
let dir: string | undefined;
afterEach(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

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
  dir = mkdtempSync(join(tmpdir(), 'outbox-settled-'));
  store = openStore(dir, paths.migrationsDir);
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
