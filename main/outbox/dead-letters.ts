/** Parked rows: listed for staff (dead letters), who send them again or give them up. */
import type { Db } from '../store/store.js';
import type { DeadLetterDetail, PayloadKinds } from './payload-kind.js';
import type { Statements } from './statements.js';

export interface DeadLetter extends DeadLetterDetail {
  id: number;
  kind: string;
  attempts: number;
  lastError: string | null;
  createdAt: number;
}

export function deadLetterRows(db: Db, sql: Statements, kinds: PayloadKinds) {
  return {
    deadLetters(): DeadLetter[] {
      type Row = Omit<DeadLetter, keyof DeadLetterDetail> & { refId: number };
      const rows = sql.deadLetters.all() as Row[];
      const details = new Map<string, Map<number, Partial<DeadLetterDetail>>>();
      for (const kind of new Set(rows.map((r) => r.kind))) {
        const refIds = rows.filter((r) => r.kind === kind).map((r) => r.refId);
        details.set(kind, kinds[kind]?.describe?.(refIds) ?? new Map());
      }
      return rows.map(({ refId, ...r }) => {
        const d = details.get(r.kind)?.get(refId);
        return { ...r, receiptNumber: d?.receiptNumber ?? null, serviceId: d?.serviceId ?? null };
      });
    },

    /** A parked row goes again now; its alerts are cleared (false: it was not parked). */
    retry: db.transaction((id: number, now: number): boolean => {
      if (sql.retry.run(now, id).changes !== 1) return false;
      sql.clearAlerts.run(new Date(now).toISOString(), id);
      return true;
    }),

    /** A parked row is given up; its alerts are cleared (false: it was not parked). */
    discard: db.transaction((id: number, now: number): boolean => {
      if (sql.discard.run(now, id).changes !== 1) return false;
      sql.clearAlerts.run(new Date(now).toISOString(), id);
      return true;
    }),
  };
}
