/**
 * The rows the runner sends next. One walk of the lane heads picks many (it restarts from
 * the oldest open row, past everything in flight), but they are read and opened a few at a
 * time: the event loop is blocked while they are, and a block longer than the platform's
 * queue of our requests (concurrency × its time per request, under a millisecond) leaves the
 * platform idle.
 */
import type { Clock } from './clock.js';
import { taken, type Flights } from './flights.js';
import { earlierDue, headsWanted, isSendable } from './schedule.js';
import type { OutboxStorage } from './storage.js';

/** Picked rows read and opened per turn of the drain loop. */
const OPEN_AT_ONCE = 16;

export interface Picker {
  /** Opens the next few picked rows into the flights' queue, walking the lanes when none is left. */
  refill(): void;
  /** When the next pending head is due (null: nothing pending outside parked lanes). */
  nextDue(): number | null;
}

export function createPicker(
  store: Pick<OutboxStorage, 'eachHead' | 'open'>,
  flights: Flights,
  clock: Clock,
  concurrency: number,
): Picker {
  /** Lane heads chosen by the last walk of the open rows, not yet read or opened. */
  const picked: number[] = [];

  function pickHeads() {
    const want = headsWanted(concurrency);
    const out = taken(flights);
    const now = clock.now();
    store.eachHead((h) => {
      if (isSendable(h, now, out)) picked.push(h.id);
      return picked.length < want;
    });
  }

  return {
    refill() {
      if (picked.length === 0) pickHeads();
      if (picked.length === 0) return;
      // Opened together: a few decryptions in a row run with the crypto code warm, cheaper
      // than one at a time between network events. The plaintext waits in memory only until
      // its request is sent.
      flights.queued.push(...store.open(picked.splice(0, OPEN_AT_ONCE)));
    },
    nextDue() {
      let due: number | null = null;
      store.eachHead((h) => {
        due = earlierDue(due, h);
        return true;
      });
      return due;
    },
  };
}
