/** The rows the runner holds between picking them and writing their answers. */
import type { Picked } from './storage.js';

export interface Flights {
  /** Rows with a request out, bounded by concurrency: the only ones counted as in flight. */
  inFlight: Map<number, Promise<void>>;
  /** Rows whose answer waits for the next group commit. */
  settling: Set<number>;
  /** Every delivery not yet over, its answer written or given up. */
  jobs: Set<Promise<void>>;
  /** Rows read and opened, waiting for a free slot. */
  queued: Picked[];
}

export function noFlights(): Flights {
  return { inFlight: new Map(), settling: new Set(), jobs: new Set(), queued: [] };
}

/** Rows out or settling: neither may be picked again. */
export function taken(f: Flights): Set<number> {
  return new Set([...f.inFlight.keys(), ...f.settling]);
}
