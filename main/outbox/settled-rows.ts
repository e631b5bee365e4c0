/**
 * Settled rows (delivered or given up) leave the outbox when the capability that wrote them
 * says their retention is over; open rows never do.
 */
import type { Statements } from './statements.js';

/** Rows by id, or every row of a kind written before a time. */
export type SettledRows = { ids: readonly number[] } | { kind: string; before: number };

export function settledRows(sql: Statements) {
  return {
    /** Runs in the caller's transaction; answers how many rows went. */
    forgetSettled(which: SettledRows): number {
      if ('kind' in which) return sql.forgetOfKind.run(which.kind, which.before).changes;
      let n = 0;
      for (const id of which.ids) n += sql.forgetById.run(id).changes;
      return n;
    },
  };
}
