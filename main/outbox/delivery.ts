/**
 * One row's delivery: its request, then its answer or failure settled by the group commit.
 * The slot is freed as soon as the request is over, so another lane's row goes out while
 * this one's answer waits to be written.
 */
import type { Clock } from './clock.js';
import type { Flights } from './flights.js';
import { reached, type LinkState } from './link-state.js';
import type { Mark, Picked, Settled } from './storage.js';

/**
 * Sends one payload (the exact JSON text stored at enqueue); resolves with the platform's id
 * for it, throws PlatformError on failure.
 */
export type Deliver = (kind: string, json: string, idempotencyKey: string) => Promise<string>;

/** How long a delivery slot waits after its answer could not be written. */
const WRITE_RETRY_MS = 5000;

interface DeliveryDeps {
  deliver: Deliver;
  flights: Flights;
  link: LinkState;
  settle(item: Settled): Promise<void>;
  /** A failure's bookkeeping, run inside its group's transaction. */
  failed(row: Picked, error: unknown): void;
  wake(): void;
  changed(): void;
  clock: Clock;
  onWriteError?: (error: unknown) => void;
}

/** Answers `send`, which starts a row's delivery in a slot of its own. */
export function delivery(d: DeliveryDeps): (row: Picked) => void {
  const { inFlight, settling, jobs } = d.flights;

  async function deliverOne(row: Picked): Promise<void> {
    let result: string;
    try {
      if (row.json instanceof Error) throw row.json;
      result = await d.deliver(row.kind, row.json, row.key);
    } catch (error) {
      answered(row);
      await d.settle(() => d.failed(row, error));
      settling.delete(row.id);
      d.changed();
      return;
    }
    answered(row);
    const wasOffline = reached(d.link);
    const mark: Mark = { id: row.id, kind: row.kind, refId: row.refId, result, wasOffline };
    await d.settle(mark);
    settling.delete(row.id);
    d.changed();
  }

  /** The request is over: free its slot for another lane while the answer waits to be written. */
  function answered(row: Picked) {
    settling.add(row.id);
    inFlight.delete(row.id);
    d.wake();
  }

  /**
   * The answer was not written, so the row is still pending in the database and is sent again
   * with the same idempotency key. Its slot is held a while first: a disk that is full now
   * is full for the next answer too, and the platform should not be asked again at once.
   */
  async function unwritten(error: unknown): Promise<void> {
    d.onWriteError?.(error);
    await d.clock.sleep(WRITE_RETRY_MS).catch(() => undefined);
  }

  return function send(row: Picked) {
    const job = deliverOne(row)
      .catch((error: unknown) => unwritten(error))
      .finally(() => {
        inFlight.delete(row.id);
        settling.delete(row.id);
        jobs.delete(job);
        d.wake();
      });
    inFlight.set(row.id, job);
    jobs.add(job);
  };
}
