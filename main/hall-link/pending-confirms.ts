/**
 * Ticket confirmations the hall node has not heard yet. A member kiosk reserves a number on
 * the hall node, prints, then confirms (printed, or voided); if the link drops in between, the
 * confirmation is written here first and sent again when the link is back, so no number stays
 * reserved for nothing and no printed slip goes unconfirmed while this machine can help it.
 * A small JSON file in the data directory (no migration): written whole, fsynced, renamed.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

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

const PendingFile = z.object({ version: z.literal(1), pending: z.array(PendingConfirm) }).strict();

// ── pure ──

/** Adds a confirmation, replacing an older one for the same ticket. */
export function withConfirm(list: PendingConfirm[], next: PendingConfirm): PendingConfirm[] {
  return [...list.filter((p) => p.ticketId !== next.ticketId), next];
}

export function withoutConfirm(list: PendingConfirm[], ticketId: number): PendingConfirm[] {
  return list.filter((p) => p.ticketId !== ticketId);
}

// ── the file ──

export class PendingConfirms {
  readonly #file: string;
  #list: PendingConfirm[];

  constructor(file: string) {
    this.#file = file;
    this.#list = read(file);
  }

  get list(): readonly PendingConfirm[] {
    return this.#list;
  }

  add(confirm: PendingConfirm): void {
    this.#save(withConfirm(this.#list, confirm));
  }

  remove(ticketId: number): void {
    if (!this.#list.some((p) => p.ticketId === ticketId)) return;
    this.#save(withoutConfirm(this.#list, ticketId));
  }

  #save(list: PendingConfirm[]): void {
    mkdirSync(dirname(this.#file), { recursive: true });
    const tmp = `${this.#file}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify({ version: 1, pending: list }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.#file);
    this.#list = list;
  }
}

/** A damaged note is a bug to report, not a reason to lose the others silently: say where. */
function read(file: string): PendingConfirm[] {
  if (!existsSync(file)) return [];
  const parsed = PendingFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file} is not a pending-confirm note (${parsed.error.issues[0]?.message})`);
  }
  return parsed.data.pending;
}
