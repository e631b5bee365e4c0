/**
 * Ticket confirmations the hall node has not heard yet. A member kiosk reserves a number on
 * the hall node, prints, then confirms (printed, or voided); if the link drops in between, the
 * confirmation is written here first and sent again when the link is back, so no number stays
 * reserved for nothing and no printed slip goes unconfirmed while this machine can help it.
 * Kept in this machine's database (hall_pending_confirm); a note file left by an older version
 * is moved in on the first start and then removed.
 */
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { z } from 'zod';
import type { Db } from '../store/store.js';

export const PendingConfirm = z
  .object({
    ticketId: z.number().int().positive(),
    number: z.string(),
    printed: z.boolean(),
    reason: z.string().max(120).optional(),
    mayHavePrinted: z.boolean().optional(),
    /** When the kiosk first tried (ISO); for the log and for the technician. */
    at: z.string(),
  })
  .strict();
export type PendingConfirm = z.infer<typeof PendingConfirm>;

/** The note file older versions kept in the data folder. */
const LegacyFile = z.object({ version: z.literal(1), pending: z.array(PendingConfirm) }).strict();

interface Row {
  ticket_id: number;
  number: string;
  printed: number;
  reason: string | null;
  may_have_printed: number | null;
  at: string;
}

const fromRow = (r: Row): PendingConfirm => ({
  ticketId: r.ticket_id,
  number: r.number,
  printed: r.printed === 1,
  ...(r.reason === null ? {} : { reason: r.reason }),
  ...(r.may_have_printed === null ? {} : { mayHavePrinted: r.may_have_printed === 1 }),
  at: r.at,
});

export class PendingConfirms {
  readonly #all;
  readonly #count;
  readonly #put;
  readonly #remove;

  /** `legacyFile`: where an older version kept its notes; they are moved in once. */
  constructor(db: Db, legacyFile?: string) {
    this.#all = db.prepare<[], Row>('SELECT * FROM hall_pending_confirm ORDER BY noted');
    this.#count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM hall_pending_confirm');
    // One note per ticket: the real outcome replaces a "maybe printed" note, and goes last.
    const put = db.prepare(
      `INSERT OR REPLACE INTO hall_pending_confirm
         (ticket_id, number, printed, reason, may_have_printed, at, noted)
       VALUES (?, ?, ?, ?, ?, ?,
         (SELECT coalesce(max(noted), 0) + 1 FROM hall_pending_confirm))`,
    );
    this.#put = (c: PendingConfirm) =>
      put.run(
        c.ticketId,
        c.number,
        c.printed ? 1 : 0,
        c.reason ?? null,
        c.mayHavePrinted === undefined ? null : c.mayHavePrinted ? 1 : 0,
        c.at,
      );
    this.#remove = db.prepare('DELETE FROM hall_pending_confirm WHERE ticket_id = ?');
    if (legacyFile) db.transaction(() => this.#import(legacyFile))();
    if (legacyFile && existsSync(legacyFile)) unlinkSync(legacyFile);
  }

  get list(): readonly PendingConfirm[] {
    return this.#all.all().map(fromRow);
  }

  get size(): number {
    return this.#count.get()!.n;
  }

  add(confirm: PendingConfirm): void {
    this.#put(PendingConfirm.parse(confirm));
  }

  remove(ticketId: number): void {
    this.#remove.run(ticketId);
  }

  /** A damaged note file is a bug to report, not a reason to lose the others silently. */
  #import(file: string): void {
    if (!existsSync(file)) return;
    let parsed;
    try {
      parsed = LegacyFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (error) {
      throw new Error(`${file} is not a pending-confirm note (${(error as Error).message})`);
    }
    if (!parsed.success) {
      throw new Error(`${file} is not a pending-confirm note (${parsed.error.issues[0]?.message})`);
    }
    for (const note of parsed.data.pending) this.#put(note);
  }
}
