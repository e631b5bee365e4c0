/** The walk over the outbox's open rows that finds each lane's head. */
import type { Statements } from './statements.js';

export interface OpenRow {
  id: number;
  state: 'pending' | 'parked';
  lane: string;
  due: number;
}

/**
 * Walks the open rows oldest first and calls `head` with each lane's head (its oldest open
 * row: a parked or in-flight head holds the rest of its lane back). Stops when `head` returns
 * false, so a refill reads about as many index entries as it takes. `head` is handed the same
 * object every time, so it reads the row at once and keeps none.
 */
export function eachHead(sql: Statements, head: (row: OpenRow) => boolean): void {
  const lanes = new Set<string>();
  const row: OpenRow = { id: 0, state: 'pending', lane: '', due: 0 };
  // Raw rows (arrays, no object per row): this walk is on the drain's hot path.
  for (const r of sql.open.iterate() as IterableIterator<
    [number, OpenRow['state'], string, number]
  >) {
    if (lanes.has(r[2])) continue;
    lanes.add(r[2]);
    [row.id, row.state, row.lane, row.due] = r;
    if (!head(row)) break; // leaving the loop ends the statement, freeing the connection
  }
}
