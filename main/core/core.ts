/**
 * The core: config, store, devices and the contract's handlers, with no Electron in sight.
 * The headless host and the Electron shell both start it the same way.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino, type DestinationStream } from 'pino';
import { createDevices } from './devices.js';
import type { DevicePort } from '../../drivers/ports.js';
import { demoConfig } from '../../kiosk-config/defaults.js';
import { checkCertificates } from '../../kiosk-config/certificates.js';
import { ConfigError, loadConfigFile, type LoadedConfig } from '../../kiosk-config/load.js';
import type { KioskConfig } from '../../kiosk-config/schema.js';
import { createLogger, type Logger } from '../log/logger.js';
import { paths } from '../paths.js';
import { lockDataDir, type DataLock } from '../store/data-lock.js';
import { isDiskFull, watchDisk } from '../store/disk.js';
import { checkDataDir, openStore, StoreError, type Store } from '../store/store.js';
import { createDispatcher, type Dispatcher } from '../transport/dispatch.js';
import { createEventBus } from '../transport/events.js';
import { type EventBus } from '../../common/contract/bus.js';
import type { Caller, CallContext, Handlers } from '../../common/contract/call.js';
import {
  hallNodeLinkHandlers,
  isMember,
  startHallMember,
  type HallMember,
} from '../hall-link/member.js';
import type { TicketPrinter } from '../queue/printer.js';
import type { SessionNotices } from '../access/session-notices.js';
import { QueueService } from '../queue/service.js';
import { HallAccess } from '../access/hall-access.js';
import { startCases } from '../case/module.js';
import type { DemoPlatform } from '../outbox/platform-link.js';
import { printServiceReceiptPrinter } from '../case/print-receipt.js';
import type { KeySource } from '../privacy/key-source.js';
import { startAppointments, type AppointmentsModule } from '../appointment/module.js';
import { behindCardCheck } from '../identity/card-holder.js';
import { startIdentity } from '../identity/module.js';
import { startPrinting } from '../print/module.js';
import { startQueue } from '../queue/module.js';
import { composeHandlers } from './compose.js';
import { systemHandlers } from './system.js';

export interface CoreOptions {
  /** A config file; without one the core runs the embedded demo config. */
  configFile?: string;
  /** The config already read from `configFile` (the host reads it first for its port). */
  loaded?: LoadedConfig;
  /** The data directory (database, logs); demo mode defaults to ./.data under the app. */
  dataDir?: string;
  runtime: 'node' | 'electron';
  logDestination?: DestinationStream;
  /**
   * Where the residents' data key comes from, given the data directory. The Electron shell
   * passes its safeStorage source; without one (the headless host) the 0600 key file is used.
   */
  keySource?: (dataDir: string, config: KioskConfig, log?: Logger) => KeySource;
  /** Demo mode's city platform (main/demo/platform.ts); hosts without one leave cases waiting. */
  demoPlatform?: DemoPlatform;
}

export interface Core {
  config: KioskConfig;
  configSource: string;
  dataDir: string;
  dispatcher: Dispatcher;
  bus: EventBus;
  log: Logger;
  store: Store;
  devices: DevicePort[];
  queue: QueueService;
  /** Tickets through the print service: status check, send, confirmation. */
  ticketPrinter: TicketPrinter;
  /** The appointment cache and its sync (main/appointment/module.ts). */
  appointments: AppointmentsModule;
  /** Who is calling (the LAN server's sockets ask too); a member knows its hall sessions. */
  identify(ctx: CallContext): Caller;
  /** The link to the hall node on a member machine; null on the hall node. */
  hallLink: HallMember | null;
  /** Staff sessions that ended (the hall node's own, or relayed by the member's link). */
  sessionNotices: SessionNotices;
  close(): Promise<void>;
}

export async function startCore(options: CoreOptions): Promise<Core> {
  const { config, source } = options.loaded ?? loadConfig(options.configFile);
  // The platform's certificates are part of the config: a host that could not deliver refuses.
  const certs = checkCertificates(config.platform);
  if (certs.issues.length > 0) throw new ConfigError(source, certs.issues);
  const dataDir = resolveDataDir(options.dataDir, config);
  checkDataDir(dataDir); // before the log file, which would otherwise create the folder
  // Before anything opens the folder: a second host on it would run a second queue.
  const lock = lockDataDir(dataDir);
  try {
    return await startInFolder(options, {
      config,
      source,
      dataDir,
      lock,
      warnings: certs.warnings,
    });
  } catch (error) {
    lock.release();
    throw error;
  }
}

interface Folder {
  config: KioskConfig;
  source: string;
  dataDir: string;
  lock: DataLock;
  /** Said in the log once it is open (a certificate due for renewal). */
  warnings: string[];
}

async function startInFolder(options: CoreOptions, folder: Folder): Promise<Core> {
  const { config, source, dataDir } = folder;
  const base = openBase(options, folder);
  const { log, store, bus, devices, disk } = base;

  const identity = startIdentity({ config, devices, bus });
  const printing = startPrinting({ config, store, devices, log });
  // Who is calling: staff sessions, device tokens, sign-ins and lockouts.
  const access = new HallAccess({ config, db: store.db, log });
  const held = () => identity.service.held();
  const queue = startQueue({
    config,
    store,
    bus,
    log,
    devices,
    access,
    print: printing.print,
    heldIdentity: held,
  });
  // A member machine forwards the queue to the hall node; its own queue stays idle.
  const member = isMember(config)
    ? startHallMember({
        config,
        bus,
        log,
        dataDir,
        db: store.db,
        print: printing.print,
        local: queue.handlers,
        identify: (ctx) => access.identify(ctx),
        heldIdentity: held,
      })
    : null;
  if (!member) queue.startTimers();
  const identify = member ? member.identify : (ctx: CallContext) => access.identify(ctx);

  const cases = await startCases({
    config,
    store,
    bus,
    log,
    dataDir,
    // Receipts print through the same print service as tickets, under the same check key.
    printer: printServiceReceiptPrinter(printing.print, queue.checkKey),
    keySource: base.keySource,
    demoPlatform: options.demoPlatform,
    onWriteError: (error) =>
      isDiskFull(error) ? disk.full() : log.error({ err: error }, 'outbox answer not written'),
  });
  // After the cases module, whose sealer, audit and platform link it shares.
  const appointments = startAppointments({
    config,
    db: store.db,
    sealer: cases.sealer,
    audit: cases.audit,
    client: cases.client,
    queue: queue.service,
    log,
  });

  const system = systemHandlers({
    config,
    configSource: source,
    store,
    devices,
    runtime: options.runtime,
    forgetResident: () => identity.service.forget(),
  });
  const handlers = composeHandlers([
    ['system and technician', system],
    ['identity', identity.handlers],
    ['printing', printing.handlers],
    ...queueParts(member, queue, appointments),
    ['cases and outbox', cases.handlers],
  ]);
  const dispatcher = createDispatcher(
    // A resident's cases and appointments open only to their card, read by this machine.
    behindCardCheck(handlers, held),
    log,
    { identify, diskFull: { is: isDiskFull, report: () => disk.full() } },
  );
  log.info({ role: config.role, mode: config.mode, dataDir, source }, 'core started');
  // Closed in the reverse order of their start.
  const modules = [identity, printing, queue, member, appointments, cases];
  return {
    config,
    configSource: source,
    dataDir,
    dispatcher,
    bus,
    log,
    store,
    devices,
    queue: queue.service,
    ticketPrinter: queue.ticketPrinter,
    appointments,
    identify,
    hallLink: member,
    sessionNotices: member?.sessionNotices ?? access.sessionNotices,
    async close() {
      for (const module of [...modules].reverse()) await module?.close();
      await base.close();
      log.info('core stopped');
      log.flush();
      folder.lock.release();
    },
  };
}

/** The queue's calls: the hall node's own, or a member's forwarding of them. */
function queueParts(
  member: HallMember | null,
  queue: { handlers: Partial<Handlers> },
  appointments: { handlers: Partial<Handlers> },
) {
  if (member) {
    return [['the hall link (forwarding the queue to the hall node)', member.handlers]] as const;
  }
  return [
    ['queue', queue.handlers],
    ['appointments', appointments.handlers],
    ['the hall link', hallNodeLinkHandlers(new Date())],
  ] as const;
}

/**
 * What every capability stands on: the log, the residents' data key, the database, the disk
 * watch, the devices and the event bus that says when any device changes.
 */
function openBase(options: CoreOptions, folder: Folder) {
  const { config, dataDir } = folder;
  // Logs go to a file in the data directory: the console is for the person at the machine.
  const destination = options.logDestination ?? logFile(dataDir);
  const log = createLogger({ level: config.log.level, destination });
  for (const warning of folder.warnings) log.warn(warning);
  // The residents' data key is loaded before anything opens, so a refused keystore leaves
  // nothing half-started.
  const keySource = options.keySource && loadedOnce(options.keySource(dataDir, config, log));
  const store = openStore(dataDir, paths.migrationsDir);
  const disk = watchDisk({
    dataDir,
    onFull: () => log.error({ dataDir }, 'data disk full: writes are refused until space returns'),
    onSpace: () => log.info({ dataDir }, 'data disk has space again: writes go on'),
  });
  const devices = [...createDevices(config.devices), disk];
  const bus = createEventBus();
  const publishDevices = () =>
    bus.publish(
      'devices.changed',
      devices.map((x) => x.status()),
    );
  const unsubscribe = devices.map((d) => d.onChange(publishDevices));
  return {
    log,
    keySource,
    store,
    disk,
    devices,
    bus,
    async close() {
      unsubscribe.forEach((stop) => stop());
      await Promise.all(devices.map((d) => d.close()));
      store.close();
    },
  };
}

/**
 * The log file in the data folder. A line that cannot be written (a full disk) is lost, not
 * fatal: the disk watch says so on the technician page, and the host goes on serving.
 */
function logFile(dataDir: string) {
  const file = pino.destination({
    dest: join(dataDir, 'logs', 'hall-kiosk.log'),
    mkdir: true,
    sync: true,
  });
  file.on('error', () => undefined);
  return file;
}

/** The config file's, or the embedded demo config without one. */
export function loadConfig(file: string | undefined): LoadedConfig {
  return file ? loadConfigFile(file) : { config: demoConfig(), source: '(demo defaults)' };
}

function loadedOnce(source: KeySource): KeySource {
  const key = source.load();
  return { describe: () => source.describe(), load: () => key };
}

function resolveDataDir(dataDir: string | undefined, config: KioskConfig): string {
  if (dataDir) return resolve(dataDir);
  if (config.mode !== 'demo') {
    throw new StoreError('a production config needs a data directory: pass --data DIR');
  }
  // Only the demo's own folder is created for you; a given folder must already exist, so a
  // missing mount is noticed instead of filled.
  if (!existsSync(paths.demoDataDir)) mkdirSync(paths.demoDataDir, { recursive: true });
  return paths.demoDataDir;
}
