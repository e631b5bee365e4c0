/**
 * The outbox's status as staff screens read it: counts of its rows, what is in flight, and the
 * platform link's state. Told (throttled) to a listener whenever it changes; never carries
 * personal data.
 */
import type { LinkState } from './link-state.js';
import type { OutboxStorage } from './storage.js';

export interface OutboxStatus {
  pending: number;
  delivered: number;
  parked: number;
  discarded: number;
  inFlight: number;
  oldestPendingAt: number | null;
  /** The last delivery attempt's outcome: false while the platform cannot be reached. */
  online: boolean | null;
  lastError: { code: string; at: number } | null;
  deliveredThisRun: number;
}

export type StatusModel = ReturnType<typeof createStatusModel>;

type Counts = Pick<OutboxStorage, 'openCounts' | 'settledCounts' | 'oldestPendingAt'>;

/** At most one change told per this long: status() runs its counts each time. */
const CHANGE_THROTTLE_MS = 200;

export function createStatusModel(
  store: Counts,
  live: { inFlight(): number; link: LinkState },
  onChange?: (status: OutboxStatus) => void,
) {
  // Settled rows counted once, then kept as they change (a scan of every row ever sent).
  let settled: { delivered: number; discarded: number } | null = null;
  let deliveredThisRun = 0;
  let changeTimer: NodeJS.Timeout | null = null;

  function status(): OutboxStatus {
    settled ??= store.settledCounts();
    return {
      ...store.openCounts(),
      ...settled,
      inFlight: live.inFlight(),
      oldestPendingAt: store.oldestPendingAt(),
      online: live.link.online,
      lastError: live.link.lastError,
      deliveredThisRun,
    };
  }

  return {
    status,
    changed() {
      if (!onChange || changeTimer) return;
      changeTimer = setTimeout(() => {
        changeTimer = null;
        onChange(status());
      }, CHANGE_THROTTLE_MS);
    },
    /** Rows a group commit marked delivered. */
    delivered(count: number) {
      deliveredThisRun += count;
      if (settled) settled.delivered += count;
    },
    /** A parked row a hall manager gave up. */
    discarded() {
      if (settled) settled.discarded++;
    },
    /** Settled rows were deleted outside the outbox (the purge): count them again. */
    recount() {
      settled = null;
    },
    stop() {
      if (changeTimer) clearTimeout(changeTimer);
      changeTimer = null;
    },
  };
}
