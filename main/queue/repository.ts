/**
 * The queue's SQLite side: the event log (append per command, in one transaction; replay per
 * day). Plain prepared statements, nothing clever.
 */
import type { Db } from '../store/store.js';
import type { QueueEvent } from './types.js';

export class QueueRepository {
  readonly #insert;
  readonly #byDay;
  readonly #days;
  readonly #appendMany;
  readonly #reservedAs;
  readonly #reservedBy;

  constructor(readonly db: Db) {
    this.#insert = db.prepare(
      'INSERT INTO queue_event (day, at, type, ticket_id, counter_id, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#byDay = db.prepare('SELECT data FROM queue_event WHERE day = ? ORDER BY id').pluck();
    this.#days = db.prepare('SELECT DISTINCT day FROM queue_event ORDER BY day').pluck();
    this.#appendMany = db.transaction((day: string, events: QueueEvent[]) => {
      for (const e of events) {
        const ticketId = 'ticketId' in e ? e.ticketId : null;
        const counterId = 'counterId' in e ? e.counterId : null;
        this.#insert.run(day, e.at, e.type, ticketId, counterId, JSON.stringify(e));
      }
    });
    // A ticket check (rare, at a counter): the same id on other days, newest first.
    this.#reservedAs = db.prepare(
      "SELECT day, at, data FROM queue_event WHERE type = 'reserved' AND ticket_id = ? AND day <> ? ORDER BY id DESC LIMIT 60",
    );
    this.#reservedBy = db
      .prepare(
        "SELECT json_extract(data, '$.deviceId') FROM queue_event WHERE type = 'reserved' AND ticket_id = ? AND day = ? ORDER BY id DESC LIMIT 1",
      )
      .pluck();
  }

  /** Stores a command's events atomically (synchronous=FULL: on disk when this returns). */
  append(day: string, events: QueueEvent[]): void {
    if (events.length > 0) this.#appendMany(day, events);
  }

  load(day: string): QueueEvent[] {
    return (this.#byDay.all(day) as string[]).map((d) => JSON.parse(d) as QueueEvent);
  }

  days(): string[] {
    return this.#days.all() as string[];
  }

  /** Tickets with this id reserved on days other than `notDay` (newest first, at most 60). */
  reservedOnOtherDays(
    ticketId: number,
    notDay: string,
  ): { day: string; number: string; at: number }[] {
    const rows = this.#reservedAs.all(ticketId, notDay) as {
      day: string;
      at: number;
      data: string;
    }[];
    return rows.map((r) => ({
      day: r.day,
      at: r.at,
      number: (JSON.parse(r.data) as { number: string }).number,
    }));
  }

  /** The device that reserved a ticket on a day, from its reserved event (null: none). */
  reservedBy(ticketId: number, day: string): string | null {
    return (this.#reservedBy.get(ticketId, day) as string | null | undefined) ?? null;
  }
}
