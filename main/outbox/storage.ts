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
import { outboxStatements } from './statements.js';

/** What the capability that enqueues a kind of payload tells the outbox about it. */
export interface PayloadKind {
  /** Refuses a body that must not be stored as it is (plain text in the outbox row). */
  check?(body: object): void;
  /**
   * The exact texts to send for picked rows whose stored payload the owner completes (a
   * case's envelope joined with its sealed personal part), in the rows' order; an Error for a
   * row that cannot be opened. Without it the stored payload is sent as it is.
   */
  complete?(rows: readonly { id: number; refId: number; payload: string }[]): (string | Error)[];
  /** Rows of this kind just marked delivered, inside the same transaction. */
  delivered?(rows: readonly { refId: number; result: string }[]): void;
  /** What the dead-letter list shows of parked rows, by their ref id. */
  describe?(refIds: readonly number[]): Map<number, Partial<DeadLetterDetail>>;
}

export interface DeadLetterDetail {
  receiptNumber: string | null;
  serviceId: string | null;
}

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

/** A row picked for delivery, its body already opened (or why it could not be). */
export interface Picked {
  id: number;
  kind: string;
  refId: number;
  key: string;
  attempts: number;
  json: string | Error;
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

export interface OpenRow {
  id: number;
  state: 'pending' | 'parked';
  lane: string;
  due: number;
}

export interface AlertText {
  'zh-CN': string;
  en: string;
}

/**
 * A picked row as the rows statement returns it: an array, not an object, since better-sqlite3
 * builds an object per row property by property (the drain reads thousands).
 */
type StoredRow = [
  id: number,
  kind: string,
  refId: number,
  key: string,
  attempts: number,
  payload: string | null,
  /** Rows written before migration 0007: the exact body, sealed. */
  payloadEnc: Buffer | null,
];

export function createOutboxStorage(db: Db, sealer: Sealer, kinds: Record<string, PayloadKind>) {
  const sql = outboxStatements(db);
  const where = (key: string) => `outbox.payload:${key}`;
  const kindOf = (kind: string): PayloadKind => {
    const spec = kinds[kind];
    if (!spec) throw new Error(`outbox: no payload kind "${kind}" is registered`);
    return spec;
  };

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

  /** The exact text to send of a row that needs no owner's help (or an Error). */
  function plainBody(row: StoredRow): string | Error {
    const [id, , , key, , payload, payloadEnc] = row;
    try {
      if (payloadEnc) return sealer.open(payloadEnc, where(key));
      if (payload === null) return new Error(`outbox row ${id} has no body`);
      return payload;
    } catch (error) {
      return error as Error;
    }
  }

  function opened(rows: StoredRow[]): Picked[] {
    const bodies = rows.map(plainBody);
    // Rows a kind completes (not sealed whole, which older rows are): asked once per kind.
    const byKind = new Map<string, number[]>();
    rows.forEach((r, i) => {
      if (r[6] || r[5] === null || !kindOf(r[1]).complete) return;
      const at = byKind.get(r[1]) ?? [];
      at.push(i);
      byKind.set(r[1], at);
    });
    for (const [kind, at] of byKind) {
      const asked = at.map((i) => ({ id: rows[i]![0], refId: rows[i]![2], payload: rows[i]![5]! }));
      kindOf(kind).complete!(asked).forEach((body, j) => (bodies[at[j]!] = body));
    }
    return rows.map((r, i) => ({
      id: r[0],
      kind: r[1],
      refId: r[2],
      key: r[3],
      attempts: r[4],
      json: bodies[i]!,
    }));
  }

  return {
    /** Call inside the caller's transaction, right after writing what the payload is for. */
    enqueue(kind: string, refId: number, lane: string, body: object, now: number): Enqueued {
      kindOf(kind).check?.(body);
      const key = randomUUID();
      const info = sql.insert.run(kind, refId, lane, key, JSON.stringify(body), now, now);
      return { id: Number(info.lastInsertRowid), key };
    },

    /**
     * Walks the open rows oldest first and calls `head` with each lane's head (its oldest open
     * row: a parked or in-flight head holds the rest of its lane back). Stops when `head`
     * returns false, so a refill reads about as many index entries as it takes.
     */
    eachHead(head: (row: OpenRow) => boolean): void {
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
    },

    /** The pending rows among `ids`, opened: the plaintext lives only until it is sent. */
    open(ids: number[]): Picked[] {
      return opened(sql.rows.all(JSON.stringify(ids)) as StoredRow[]);
    },

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
