/**
 * The outbox's rows in SQLite: written in the caller's transaction (enqueue), walked lane by
 * lane oldest first, read and opened for delivery a few at a time, and settled — delivered,
 * rescheduled, parked, retried, discarded — with the staff alerts they raise. Payloads are
 * opaque: what a kind's payload means, and what else must change when it is delivered, is
 * told by the capability that enqueues it (`PayloadKind`). No timers here: the runner drives.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/store.js';
import type { Sealer } from '../privacy/sealer.js';
import { eachHead, type OpenRow } from './lane-walk.js';
import { kindOf, type DeadLetterDetail, type PayloadKind } from './payload-kind.js';
import { openPicked, type Picked } from './picked-rows.js';
import { outboxStatements } from './statements.js';

export type { DeadLetterDetail, PayloadKind } from './payload-kind.js';
export type { OpenRow, Picked };

export interface DeadLetter extends DeadLetterDetail {
  id: number;
  kind: string;
  attempts: number;
  lastError: string | null;
  createdAt: number;
}

export interface Enqueued {
  id: number;
  key: string;
}

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

export interface AlertText {
  'zh-CN': string;
  en: string;
}

export function createOutboxStorage(db: Db, sealer: Sealer, kinds: Record<string, PayloadKind>) {
  const sql = outboxStatements(db);
  /** The marks of one group: the rows still pending become delivered, their owners are told. */
  function writeMarks(marks: Mark[], now: number): number {
    const json = `[${marks.map((m) => `[${m.id},${m.refId},${JSON.stringify(m.result)}]`).join(',')}]`;
    const changed = new Set(sql.delivered.all(now, json) as number[]);
    const byKind = new Map<string, { refId: number; result: string }[]>();
    for (const m of marks) {
      if (!changed.has(m.id) || !kinds[m.kind]?.delivered) continue;
      const list = byKind.get(m.kind) ?? [];
      list.push({ refId: m.refId, result: m.result });
      byKind.set(m.kind, list);
    }
    for (const [kind, rows] of byKind) kinds[kind]?.delivered?.(rows);
    if (changed.size && marks.some((m) => m.wasOffline))
      sql.clearSetupAlerts.run(new Date(now).toISOString());
    return changed.size;
  }

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
    /** Call inside the caller's transaction, right after writing what the payload is for. */
    enqueue(kind: string, refId: number, lane: string, body: object, now: number): Enqueued {
      kindOf(kinds, kind).check?.(body);
      const key = randomUUID();
      const info = sql.insert.run(kind, refId, lane, key, JSON.stringify(body), now, now);
      return { id: Number(info.lastInsertRowid), key };
    },

    eachHead: (head: (row: OpenRow) => boolean): void => eachHead(sql, head),
    open: (ids: number[]): Picked[] => openPicked(sql, sealer, kinds, ids),

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

    raiseAlert(at: string, code: string, outboxId: number | null, message: AlertText): number {
      const info = sql.alert.run(at, code, outboxId, message['zh-CN'], message.en);
      return Number(info.lastInsertRowid);
    },

    hasOpenAlert(code: string): boolean {
      return sql.openAlert.get(code) !== undefined;
    },

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
