/**
 * The link to the city platform from the config: a real platform (mutual TLS, pins, signing
 * from the config files), the simulator on loopback in demo mode, or nothing configured.
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskConfig } from '../../kiosk-config/schema.js';
import { makeCerts } from '../../platform/simulator/certs.js';
import { startSimulator, type Simulator } from '../../platform/simulator/server.js';
import {
  createPlatformClient,
  spkiPin,
  tlsFromFiles,
  type PlatformClient,
} from '../platform/client.js';
import { PlatformError } from '../platform/errors.js';

export type LinkKind = 'configured' | 'simulator' | 'not-configured' | 'setup-error';

export interface PlatformLink {
  kind: LinkKind;
  client: PlatformClient | null;
  problem: PlatformError | null;
  simulator: Simulator | null;
  close(): Promise<void>;
}

export async function openPlatformLink(
  config: KioskConfig,
  dataDir: string,
  now: () => number,
): Promise<PlatformLink> {
  const p = config.platform;
  const nothing = async () => {};
  if (!p.url) {
    if (config.mode !== 'demo')
      return {
        kind: 'not-configured',
        client: null,
        problem: null,
        simulator: null,
        close: nothing,
      };
    try {
      return await demoLink(config, dataDir, now);
    } catch (error) {
      // The demo must start even where openssl is missing: cases then wait, and say why.
      const problem = new PlatformError('setup', 'demo-simulator', {
        'zh-CN': `演示用平台模拟器未能启动（${(error as Error).message}）`,
        en: `the demo platform simulator could not start (${(error as Error).message})`,
      });
      return { kind: 'setup-error', client: null, problem, simulator: null, close: nothing };
    }
  }
  try {
    const client = createPlatformClient({
      url: p.url,
      tls: tlsFromFiles({ clientCert: p.clientCert, clientKey: p.clientKey, ca: p.caFile }),
      pins: p.pins,
      keyId: p.signing!.keyId,
      secret: p.signing!.secret,
      timeoutMs: p.timeoutMs,
      connections: p.concurrency,
      now,
    });
    return {
      kind: 'configured',
      client,
      problem: null,
      simulator: null,
      close: () => client.close(),
    };
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    return { kind: 'setup-error', client: null, problem: error, simulator: null, close: nothing };
  }
}

/** Demo mode: certificates made once in the data folder, the simulator on a free loopback port. */
async function demoLink(
  config: KioskConfig,
  dataDir: string,
  now: () => number,
): Promise<PlatformLink> {
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
