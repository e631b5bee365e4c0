/**
 * The cases and the outbox, started in one place: the key, the sealer, the link to
 * the platform (or the demo simulator), the outbox, the case service, the catalog cache, the
 * retention purge, and the events for the kiosk, counter and technician pages.
 */
import { join } from 'node:path';
import type { KioskConfig } from '../../kiosk-config/schema.js';
import type { Logger } from '../log/logger.js';
import type { EventBus } from '../../common/contract/bus.js';
import type { Store } from '../store/store.js';
import { createCatalogCache } from '../catalog/catalog.js';
import { createCaseService } from './cases.js';
import { createCaseHandlers, outboxStatusView } from './handlers.js';
import { spoolReceiptPrinter, type ReceiptPrinter } from './receipt.js';
import { createAudit } from '../privacy/audit.js';
import { fileKeySource, type KeySource } from '../privacy/key-source.js';
import { createSealer } from '../privacy/sealer.js';
import { realClock, type Clock } from '../outbox/clock.js';
import { platformDeliver } from './deliver.js';
import { checkDataKey } from '../outbox/key-check.js';
import { createOutbox } from '../outbox/outbox.js';
import { openPlatformLink, type DemoPlatform } from '../outbox/platform-link.js';
import { PlatformError } from '../platform/errors.js';
import { createStatusRefresh } from './status-refresh.js';
import { caseOutboxKinds } from './outbox-kinds.js';

export interface CasesOptions {
  config: KioskConfig;
  dataDir: string;
  store: Store;
  bus: EventBus;
  log: Logger;
  /** The Electron shell passes its safeStorage source; the headless host uses the key file. */
  keySource?: KeySource;
  /** The print service plugs in here; without one receipts go to a spool folder. */
  printer?: ReceiptPrinter;
  clock?: Clock;
  /** Demo mode's platform, from a host that has one (main/demo/platform.ts); without it cases wait. */
  demoPlatform?: DemoPlatform;
  /** An outbox answer that could not be written (a full disk): the core's disk watch hears it. */
  onWriteError?: (error: unknown) => void;
}

export type CasesModule = Awaited<ReturnType<typeof startCases>>;

const DAY = 86_400_000;

export async function startCases(options: CasesOptions) {
  const { config, store, bus, log } = options;
  const clock = options.clock ?? realClock;
  const keySource =
    options.keySource ?? fileKeySource(config.privacy.keyFile ?? join(options.dataDir, 'data.key'));
  const sealer = createSealer(keySource.load());
  checkDataKey(store.db, sealer, keySource.describe());
  const link = await openPlatformLink(config, options.dataDir, clock.now, options.demoPlatform);
  const audit = createAudit(store.db, clock.now);
  const outbox = createOutbox({
    db: store.db,
    sealer,
    kinds: caseOutboxKinds(store.db, sealer),
    deliver: link.client
      ? platformDeliver(link.client)
      : () =>
          Promise.reject(
            link.problem ?? new PlatformError('setup', 'not-configured', notConfigured),
          ),
    clock,
    backoff: config.platform.backoff,
    concurrency: config.platform.concurrency,
    onChange: () =>
      bus.publish(
        'outbox.changed',
        outboxStatusView({ outbox, db: store.db, link: () => link.kind }),
      ),
    onWriteError: options.onWriteError,
    onAlert: (a) => {
      log.warn({ code: a.code, outboxId: a.outboxId }, 'outbox alert');
      bus.publish('outbox.alert', { code: a.code, at: a.at, message: a.message });
    },
  });
  const cases = createCaseService({
    db: store.db,
    sealer,
    outbox,
    audit,
    hallId: config.hall.id,
    timeZone: config.hall.timezone,
    now: clock.now,
  });
  const catalog = createCatalogCache({
    db: store.db,
    fetch: link.client ? () => link.client!.catalog() : null,
    now: clock.now,
    refreshMs: config.platform.catalogRefreshMinutes * 60_000,
    onError: (e) =>
      log.warn({ code: (e as PlatformError).code ?? 'unknown' }, 'catalog sync failed'),
  });
  if (link.problem) log.error({ code: link.problem.code }, link.problem.text.en);
  // Not configured: cases are still stored and wait; they go once a platform is set up.
  outbox.start();
  catalog.start();
  const purge = () => {
    try {
      const purged = cases.purge(config.privacy.retentionDays);
      if (purged.cases || purged.audit) log.info(purged, 'retention purge');
    } catch (error) {
      log.error({ err: error }, 'retention purge failed');
    }
  };
  purge();
  const purgeTimer = setInterval(purge, DAY / 4);
  purgeTimer.unref();
  // Open cases' statuses kept current in the background (needs a platform).
  const refresh = link.client
    ? createStatusRefresh({
        db: store.db,
        client: link.client,
        clock,
        intervalMs: config.caseStatus.intervalSeconds * 1000,
        perRound: config.caseStatus.perRound,
        maxBackoffMs: config.caseStatus.maxBackoffSeconds * 1000,
        onChanged: (changed) =>
          bus.publish('cases.changed', { changed, at: new Date(clock.now()).toISOString() }),
        onDown: (code) => log.debug({ code }, 'case status refresh: platform not reachable'),
      })
    : null;
  refresh?.start();

  const handlers = createCaseHandlers({
    db: store.db,
    cases,
    outbox,
    catalog,
    client: link.client,
    link: () => link.kind,
    printer: options.printer ?? spoolReceiptPrinter(join(options.dataDir, 'spool')),
    audit,
    sealer,
    hallName: config.hall.name,
    now: clock.now,
    demo: config.mode === 'demo',
  });
  return {
    handlers,
    outbox,
    cases,
    catalog,
    keySource: keySource.describe(),
    // The appointments module shares the sealer, the audit and the platform link.
    sealer,
    audit,
    client: link.client,
    refresh,
    async close() {
      clearInterval(purgeTimer);
      await refresh?.stop();
      catalog.stop();
      await outbox.stop();
      await link.close();
    },
  };
}

const notConfigured = {
  'zh-CN': '尚未配置市政务服务平台地址：申报已保存在本机，配置 platform 后自动发送',
  en: 'no city platform is configured: cases are kept here and sent once platform is set',
};
