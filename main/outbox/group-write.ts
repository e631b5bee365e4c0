/**
 * The storage side of the group commit: what several deliveries settled — answers marked
 * delivered, failures rescheduled or parked — written in one transaction, in the order they
 * came, with the owners of delivered rows told inside it.
 */
import type { Db } from '../store/store.js';
import type { PayloadKinds } from './payload-kind.js';
import type { Statements } from './statements.js';

/** A delivery's answer, waiting for the group commit. */
export interface Mark {
  id: number;
  kind: string;
  refId: number;
  result: string;
  /** The platform was unreachable before this answer: its setup alerts can be cleared. */
  wasOffline: boolean;
}

/** What a group commit writes, in order: answers (marks) and failures' bookkeeping. */
export type Settled = Mark | (() => void);

export function groupWrite(db: Db, sql: Statements, kinds: PayloadKinds) {
  /** The marks of one group: the rows still pending become delivered, their owners are told. */
  function writeMarks(marks: Mark[], now: number): number {
    const json = `[${marks.map((m) => `[${m.id},${m.refId},${JSON.stringify(m.result)}]`).join(',')}]`;
    const changed = new Set(sql.delivered.all(now, json) as number[]);
    for (const [kind, rows] of deliveredByKind(kinds, marks, changed))
      kinds[kind]?.delivered?.(rows);
    if (changed.size && marks.some((m) => m.wasOffline))
      sql.clearSetupAlerts.run(new Date(now).toISOString());
    return changed.size;
  }

  /** Runs of marks written together; a failure's bookkeeping between them runs in its place. */
  const writeBatch = db.transaction((items: Settled[], now: number) => {
    let delivered = 0;
    let marks: Mark[] = [];
    for (const item of items) {
      if (typeof item !== 'function') {
        marks.push(item);
        continue;
      }
      if (marks.length) delivered += writeMarks(marks, now);
      marks = [];
      item();
    }
    if (marks.length) delivered += writeMarks(marks, now);
    return delivered;
  });

  return {
    /**
     * Writes a group of answers and failures in one transaction, without waiting for the
     * disk: an answer lost to power loss means one resend with the same key, which the
     * platform replays. The WAL stays consistent either way, and the next FULL commit (any
     * enqueue) makes these frames durable too. FULL is restored before returning, so no other
     * write on this connection ever runs with less. Answers the number of rows delivered.
     */
    writeGroup(items: Settled[], now: number): number {
      sql.syncNormal.run();
      try {
        return writeBatch(items, now);
      } finally {
        sql.syncFull.run();
      }
    },

    /** Inside a group: a failure's row goes again later. */
    reschedule(id: number, at: number, error: string): void {
      sql.reschedule.run(at, error, id);
    },

    /** Inside a group: a permanent refusal parks the row (false: it was settled already). */
    park(id: number, error: string): boolean {
      return sql.park.run(error, id).changes === 1;
    },
  };
}

/** The delivered rows of kinds that listen, by kind, in the marks' order. */
function deliveredByKind(kinds: PayloadKinds, marks: Mark[], changed: Set<number>) {
  const byKind = new Map<string, { refId: number; result: string }[]>();
  for (const m of marks) {
    if (!changed.has(m.id) || !kinds[m.kind]?.delivered) continue;
    const list = byKind.get(m.kind) ?? [];
    list.push({ refId: m.refId, result: m.result });
    byKind.set(m.kind, list);
  }
  return byKind;
}
