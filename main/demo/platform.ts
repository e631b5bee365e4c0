/**
 * The city platform for demo mode: certificates made once in the data folder and the simulator
 * on a free loopback port, so cases and ratings flow end to end on one machine. Only hosts run
 * from a source checkout (the headless host, tests) start it; the packaged app has no simulator.
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskConfig } from '../../kiosk-config/schema.js';
import { makeCerts } from '../../platform/simulator/certs.js';
import { startSimulator, type Simulator } from '../../platform/simulator/server.js';
import type { PlatformLink } from '../outbox/platform-link.js';
import { createPlatformClient, spkiPin } from '../platform/client.js';

export interface DemoPlatformLink extends PlatformLink {
  simulator: Simulator;
}

export async function startDemoPlatform(
  config: KioskConfig,
  dataDir: string,
  now: () => number,
): Promise<DemoPlatformLink> {
  const dir = join(dataDir, 'platform-demo');
  const certs = existsSync(join(dir, 'client.key'))
    ? {
        ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
        server: {
          cert: readFileSync(join(dir, 'server.pem'), 'utf8'),
          key: readFileSync(join(dir, 'server.key'), 'utf8'),
        },
        client: {
          cert: readFileSync(join(dir, 'client.pem'), 'utf8'),
          key: readFileSync(join(dir, 'client.key'), 'utf8'),
        },
      }
    : makeCerts(dir);
  const secret = randomBytes(24).toString('hex');
  const simulator = await startSimulator({
    tls: { ...certs.server, ca: certs.ca },
    keys: { 'demo-hall': secret },
    clock: now,
    faults: { latencyMs: 30 },
    // The demo's appointments are made for the hall's today.
    timeZone: config.hall.timezone,
  });
  const client = createPlatformClient({
    url: simulator.url,
    tls: { cert: certs.client.cert, key: certs.client.key, ca: certs.ca },
    pins: [spkiPin(new X509Certificate(certs.server.cert).raw)],
    keyId: 'demo-hall',
    secret,
    timeoutMs: config.platform.timeoutMs,
    connections: config.platform.concurrency,
    now,
  });
  return {
    kind: 'simulator',
    client,
    problem: null,
    simulator,
    async close() {
      await client.close();
      await simulator.close();
    },
  };
}
