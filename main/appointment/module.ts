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
import { createAppointmentBook } from './book.js';
import { appointmentHandlers } from './handlers.js';
import { createSyncer } from './sync.js';

export interface AppointmentsOptions {
  config: KioskConfig;
  db: Db;
  sealer: Sealer;
  audit: Audit;
  client: PlatformClient | null;
  queue: Pick<QueueService, 'engine' | 'issuing'>;
  log: Logger;
  now?: () => number;
}

const DAY = 86_400_000;

export type AppointmentsModule = ReturnType<typeof startAppointments>;

export function startAppointments(options: AppointmentsOptions) {
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
  // A checked-in appointment's slip that did not print leaves its ticket void, so the
  // appointment is free to be checked in again (a member kiosk's slip, or the hall node's own).
  const stopReleasing = options.queue.issuing.onPrintVoided((ticketId) =>
    book.releaseTicket(ticketId),
  );
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
      stopReleasing();
    },
  };
}
