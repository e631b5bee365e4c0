/** The outbox's rows counted for its status. */
import type { Statements } from './statements.js';

export function rowCounts(sql: Statements) {
  return {
    /** Open rows by state, from the partial index (cheap). */
    openCounts(): { pending: number; parked: number } {
      const counts = { pending: 0, parked: 0 };
      for (const row of sql.openCounts.all() as { state: 'pending' | 'parked'; n: number }[])
        counts[row.state] = row.n;
      return counts;
    },

    /** Settled rows by state: a scan of every row ever sent, so the runner keeps its own. */
    settledCounts(): { delivered: number; discarded: number } {
      const counts = { delivered: 0, discarded: 0 };
      for (const row of sql.settledCounts.all() as {
        state: 'delivered' | 'discarded';
        n: number;
      }[])
        counts[row.state] = row.n;
      return counts;
    },

    oldestPendingAt(): number | null {
      return (sql.oldest.get() as { at: number } | undefined)?.at ?? null;
    },
  };
}
