/**
 * Picked rows read and opened for delivery: the exact text to send of each, from its stored
 * payload, its sealed body (older rows), or its kind's owner (`complete`).
 */
import type { Sealer } from '../privacy/sealer.js';
import { kindOf, type PayloadKinds } from './payload-kind.js';
import type { Statements } from './statements.js';

/** A row picked for delivery, its body already opened (or why it could not be). */
export interface Picked {
  id: number;
  kind: string;
  refId: number;
  key: string;
  attempts: number;
  json: string | Error;
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

/** The associated data a row's sealed body is bound to: it opens as that row's only. */
const where = (key: string) => `outbox.payload:${key}`;

/** The pending rows among `ids`, opened: the plaintext lives only until it is sent. */
export function openPicked(
  sql: Statements,
  sealer: Sealer,
  kinds: PayloadKinds,
  ids: number[],
): Picked[] {
  const rows = sql.rows.all(JSON.stringify(ids)) as StoredRow[];
  const bodies = rows.map((row) => plainBody(sealer, row));
  completeBodies(kinds, rows, bodies);
  return rows.map((r, i) => ({
    id: r[0],
    kind: r[1],
    refId: r[2],
    key: r[3],
    attempts: r[4],
    json: bodies[i]!,
  }));
}

/** The exact text to send of a row that needs no owner's help (or an Error). */
function plainBody(sealer: Sealer, row: StoredRow): string | Error {
  const [id, , , key, , payload, payloadEnc] = row;
  try {
    if (payloadEnc) return sealer.open(payloadEnc, where(key));
    if (payload === null) return new Error(`outbox row ${id} has no body`);
    return payload;
  } catch (error) {
    return error as Error;
  }
}

/** Rows a kind completes (not sealed whole, which older rows are): asked once per kind. */
function completeBodies(kinds: PayloadKinds, rows: StoredRow[], bodies: (string | Error)[]) {
  const byKind = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (r[6] || r[5] === null || !kindOf(kinds, r[1]).complete) return;
    const at = byKind.get(r[1]) ?? [];
    at.push(i);
    byKind.set(r[1], at);
  });
  for (const [kind, at] of byKind) {
    const asked = at.map((i) => ({ id: rows[i]![0], refId: rows[i]![2], payload: rows[i]![5]! }));
    kindOf(kinds, kind).complete!(asked).forEach((body, j) => (bodies[at[j]!] = body));
  }
}
