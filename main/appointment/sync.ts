/**
 * The platform's appointment lists for today and tomorrow, fetched into the local book: one
 * fetch at a time, and the old copy kept when a fetch fails.
 */
import type { PlatformClient } from '../platform/client.js';
import { localParts } from '../../common/local-time.js';
import type { AppointmentBook } from './book.js';

export interface Syncer {
  /** Fetch today's and tomorrow's lists; false (and the old copy kept) when it failed. */
  sync(): Promise<boolean>;
  /** Whether the last fetch worked (null: none tried yet). */
  readonly lastOk: boolean | null;
  readonly lastAttemptAt: number | null;
  /** A fetch is under way. */
  readonly busy: boolean;
}

const DAY = 86_400_000;

export function hallDate(ms: number, timeZone: string): string {
  return localParts(ms, timeZone).date;
}

export function createSyncer(deps: {
  book: AppointmentBook;
  client: PlatformClient | null;
  hallId: string;
  timeZone: string;
  now: () => number;
  onError?: (error: unknown) => void;
}): Syncer {
  let inFlight: Promise<boolean> | null = null;
  const state = { lastOk: null as boolean | null, lastAttemptAt: null as number | null };
  async function fetchDays(): Promise<boolean> {
    const client = deps.client;
    if (!client) return false;
    const now = deps.now();
    state.lastAttemptAt = now;
    const days = [hallDate(now, deps.timeZone), hallDate(now + DAY, deps.timeZone)];
    try {
      for (const day of days) {
        const list = await client.appointments(deps.hallId, day);
        deps.book.store(day, list.appointments, deps.now());
      }
      state.lastOk = true;
      return true;
    } catch (error) {
      state.lastOk = false;
      deps.onError?.(error);
      return false;
    }
  }
  return {
    sync() {
      inFlight ??= fetchDays().finally(() => (inFlight = null));
      return inFlight;
    },
    get lastOk() {
      return state.lastOk;
    },
    get lastAttemptAt() {
      return state.lastAttemptAt;
    },
    get busy() {
      return inFlight !== null;
    },
  };
}
