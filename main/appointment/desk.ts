/**
 * Appointments on the hall node: the platform's lists for today and tomorrow fetched at start
 * and every few minutes into the local book, the retention purge, and the kiosk's two calls.
 * Check-in reads only the book, so it keeps working while the city is unreachable.
 */
import type { KioskConfig } from '../../kiosk-config/schema.js';
import type { Logger } from '../log/logger.js';
import type { PlatformClient } from '../platform/client.js';
import type { Audit } from '../privacy/audit.js';
import type { Sealer } from '../privacy/sealer.js';
import type { QueueService } from '../queue/service.js';
import type { Db } from '../store/store.js';
import { localParts } from '../../common/local-time.js';
import { createAppointmentBook, type AppointmentBook } from './book.js';
import { appointmentHandlers } from './handlers.js';

export interface AppointmentDeskOptions {
  config: KioskConfig;
  db: Db;
  sealer: Sealer;
  audit: Audit;
  client: PlatformClient | null;
  queue: QueueService;
  log: Logger;
  now?: () => number;
}

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

export type AppointmentDesk = ReturnType<typeof startAppointmentDesk>;

export function startAppointmentDesk(options: AppointmentDeskOptions) {
  const { config, log } = options;
  const now = options.now ?? Date.now;
  const timeZone = config.hall.timezone;
  const settings = config.queue.appointments;
  const book = createAppointmentBook({
    db: options.db,
    sealer: options.sealer,
    audit: options.audit,
    timeZone,
  });
  const syncer = createSyncer({
    book,
    client: options.client,
    hallId: config.hall.id,
    timeZone,
    now,
    onError: (e) =>
      log.warn({ code: (e as { code?: string }).code ?? 'unknown' }, 'appointment sync failed'),
  });
  const purge = () => {
    try {
      const n = book.purge(config.privacy.retentionDays, now());
      if (n) log.info({ appointments: n }, 'appointment retention purge');
    } catch (error) {
      log.error({ err: error }, 'appointment retention purge failed');
    }
  };
  purge();
  void syncer.sync();
  const timers = [
    setInterval(() => void syncer.sync(), settings.syncMinutes * 60_000),
    setInterval(purge, DAY / 4),
  ];
  timers.forEach((t) => t.unref());
  return {
    book,
    syncer,
    handlers: appointmentHandlers({
      book,
      syncer,
      queue: options.queue,
      sealer: options.sealer,
      audit: options.audit,
      window: settings,
      syncMinutes: settings.syncMinutes,
      timeZone,
      now,
    }),
    close() {
      timers.forEach((t) => clearInterval(t));
    },
  };
}
