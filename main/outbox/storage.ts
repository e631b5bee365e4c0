/**
 * The outbox's rows in SQLite: written in the caller's transaction (enqueue), walked lane by
 * lane oldest first (lane-walk.ts), read and opened for delivery a few at a time
 * (picked-rows.ts), and settled — delivered, rescheduled, parked (group-write.ts), retried,
 * discarded (dead-letters.ts) — with the staff alerts they raise (alert-rows.ts). Payloads are
 * opaque: what a kind's payload means, and what else must change when it is delivered, is
 * told by the capability that enqueues it (`PayloadKind`). No timers here: the runner drives.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/store.js';
import type { Sealer } from '../privacy/sealer.js';
import { alertRows } from './alert-rows.js';
import { rowCounts } from './counts.js';
import { deadLetterRows } from './dead-letters.js';
import { groupWrite } from './group-write.js';
import { eachHead, type OpenRow } from './lane-walk.js';
import { kindOf, type PayloadKind } from './payload-kind.js';
import { openPicked, type Picked } from './picked-rows.js';
import { settledRows } from './settled-rows.js';
import { outboxStatements } from './statements.js';

export type { AlertText } from './alert-rows.js';
export type { DeadLetter } from './dead-letters.js';
export type { Mark, Settled } from './group-write.js';
export type { DeadLetterDetail, PayloadKind } from './payload-kind.js';
export type { OpenRow, Picked };
export type { SettledRows } from './settled-rows.js';

export interface Enqueued {
  id: number;
  key: string;
}

export type OutboxStorage = ReturnType<typeof createOutboxStorage>;

export function createOutboxStorage(db: Db, sealer: Sealer, kinds: Record<string, PayloadKind>) {
  const sql = outboxStatements(db);
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
    ...groupWrite(db, sql, kinds),
    ...alertRows(sql),
    ...rowCounts(sql),
    ...deadLetterRows(db, sql, kinds),
    ...settledRows(sql),
  };
}
