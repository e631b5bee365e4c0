/** The runner's decisions, pure: what may be sent now, what is due next, how long to sleep. */
import type { Flights } from './flights.js';
import type { OpenRow } from './storage.js';

/** The longest sleep: the loop looks at the lane heads at least this often. */
const MAX_SLEEP_MS = 60_000;

/** Lane heads one walk picks: enough for several turns of the loop at full concurrency. */
export function headsWanted(concurrency: number): number {
  return Math.max(concurrency * 4, 256);
}

/** A lane head that may go now: pending, due, and neither out nor settling already. */
export function isSendable(head: OpenRow, now: number, taken: ReadonlySet<number>): boolean {
  return head.state === 'pending' && head.due <= now && !taken.has(head.id);
}

/** The earlier of `due` and a pending head's due time (a parked head is never due). */
export function earlierDue(due: number | null, head: OpenRow): number | null {
  return head.state === 'pending' && (due === null || head.due < due) ? head.due : due;
}

/** A slot is free and nothing opened waits for it: time to read more rows. */
export function needsRefill(f: Flights, concurrency: number): boolean {
  return f.inFlight.size < concurrency && f.queued.length === 0;
}

/** An opened row waits and a slot is free. */
export function canSend(f: Flights, concurrency: number): boolean {
  return f.inFlight.size < concurrency && f.queued.length > 0;
}

/** Nothing is out, settling or waiting: the outbox may be idle. */
export function isQuiet(f: Flights): boolean {
  return f.jobs.size === 0 && f.queued.length === 0;
}

/**
 * A job that answers or settles wakes the loop; until then there is nothing new to pick, and
 * polling the lane heads meanwhile would only burn the CPU the deliveries need.
 */
export function waitsForJob(f: Flights, concurrency: number): boolean {
  return f.inFlight.size >= concurrency || (f.jobs.size > 0 && f.queued.length === 0);
}

/** How long to sleep until `due` (at least 1 ms); the longest sleep when nothing is due. */
export function untilDue(due: number | null, now: number): number {
  return due === null ? MAX_SLEEP_MS : Math.min(Math.max(due - now, 1), MAX_SLEEP_MS);
}
