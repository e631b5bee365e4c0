/**
 * Retention: settled cases older than the hall's days go with their outbox rows, old ratings'
 * rows and audit rows past the audit's own minimum; the pages are zeroed (secure_delete) and
 * the WAL emptied, so no old frame keeps a resident's data.
 */
import type { Outbox } from '../outbox/outbox.js';
import type { Audit } from '../privacy/audit.js';
import type { Db } from '../store/store.js';
import type { CaseStatements } from './case-sql.js';

const DAY_MS = 86_400_000;

export interface PurgeDeps {
  db: Db;
  sql: CaseStatements;
  outbox: Outbox;
  audit: Audit;
  now: () => number;
}

export function purgeCases(deps: PurgeDeps, days: number) {
  const { sql } = deps;
  const cutoffMs = deps.now() - days * DAY_MS;
  const cutoff = new Date(cutoffMs).toISOString();
  const auditCutoff = new Date(
    deps.now() - Math.max(days, deps.audit.minimumDays) * DAY_MS,
  ).toISOString();
  const result = deps.db.transaction(() => {
    const old = sql.oldCases.all(cutoff) as { id: number; outboxId: number }[];
    for (const { id } of old) sql.deleteCase.run(id);
    // The cases' own settled rows, and the ratings' (which carry nothing personal).
    let outboxRows = deps.outbox.forgetSettled({ ids: old.map((c) => c.outboxId) });
    outboxRows += deps.outbox.forgetSettled({ kind: 'rating', before: cutoffMs });
    return {
      cases: old.length,
      outbox: outboxRows,
      audit: sql.deleteAudit.run(auditCutoff).changes,
    };
  })();
  deps.outbox.recount();
  // Copy every page back into the database and empty the WAL, so old frames go too.
  deps.db.pragma('wal_checkpoint(TRUNCATE)');
  return result;
}
