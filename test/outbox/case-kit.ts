/**
 * The cases module (main/case/module.ts) as the core starts it, against the real simulator on
 * loopback, with a clock the test chooses (shared with the simulator, so hours can pass in
 * seconds). For tests of what the desk does on its own: delivery, the status refresh.
 */
import { X509Certificate } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { KioskConfig } from '../../kiosk-config/schema.js';
import type { EventName } from '../../common/contract/contract.js';
import { createLogger } from '../../main/log/logger.js';
import type { Clock } from '../../main/outbox/clock.js';
import { startCases, type CasesModule } from '../../main/case/module.js';
import { paths } from '../../main/paths.js';
import { spkiPin } from '../../main/platform/client.js';
import { openStore, type Store } from '../../main/store/store.js';
import { createEventBus } from '../../main/transport/events.js';
import { type EventBus } from '../../common/contract/bus.js';
import type { CertSet } from '../../platform/simulator/certs.js';
import type { Simulator } from '../../platform/simulator/server.js';
import { SECRET } from './kit.js';

export interface CaseKit {
  desk: CasesModule;
  store: Store;
  bus: EventBus;
  events: { event: EventName; data: unknown }[];
  logText(): string;
  close(): Promise<void>;
}

/** The platform section of a production config pointing at `sim` with `certs`. */
export function platformConfig(certs: CertSet, sim: Simulator) {
  return {
    url: sim.url,
    clientCert: certs.files.clientCert,
    clientKey: certs.files.clientKey,
    caFile: certs.files.ca,
    pins: [
      spkiPin(new X509Certificate(certs.server.cert).raw),
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    ],
    signing: { keyId: 'kit-1', secret: SECRET },
    timeoutMs: 1000,
    backoff: { baseMs: 100, capMs: 2_000 },
  };
}

export async function startCaseKit(
  dataDir: string,
  certs: CertSet,
  sim: Simulator,
  clock: Clock,
  caseStatus: object,
): Promise<CaseKit> {
  mkdirSync(dataDir, { recursive: true });
  const config = KioskConfig.parse({
    mode: 'production',
    hall: { id: 'kit-hall', name: { 'zh-CN': '测试街道便民服务中心', en: 'Test Hall' } },
    platform: platformConfig(certs, sim),
    caseStatus,
  });
  const store = openStore(dataDir, paths.migrationsDir);
  const bus = createEventBus();
  const events: CaseKit['events'] = [];
  bus.subscribe((event, data) => events.push({ event, data }));
  let log = '';
  const destination = new Writable({
    write(chunk: Buffer, _e, done) {
      log += chunk.toString();
      done();
    },
  });
  const desk = await startCases({
    config,
    dataDir,
    store,
    bus,
    log: createLogger({ level: 'debug', destination }),
    clock,
  });
  return {
    desk,
    store,
    bus,
    events,
    logText: () => log,
    async close() {
      await desk.close();
      store.close();
    },
  };
}
