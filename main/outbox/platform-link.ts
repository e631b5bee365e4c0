/**
 * The link to the city platform from the config: a real platform (mutual TLS, pins, signing
 * from the config files), the demo's simulator when the host that runs the demo supplies one
 * (main/demo/platform.ts), or nothing configured.
 */
import type { KioskConfig } from '../../kiosk-config/schema.js';
import { createPlatformClient, tlsFromFiles, type PlatformClient } from '../platform/client.js';
import { PlatformError } from '../platform/errors.js';

export type LinkKind = 'configured' | 'simulator' | 'not-configured' | 'setup-error';

export interface PlatformLink {
  kind: LinkKind;
  client: PlatformClient | null;
  problem: PlatformError | null;
  close(): Promise<void>;
}

/** Starts a platform for demo mode; only the demo host has one, the packaged app does not. */
export type DemoPlatform = (
  config: KioskConfig,
  dataDir: string,
  now: () => number,
) => Promise<PlatformLink>;

export async function openPlatformLink(
  config: KioskConfig,
  dataDir: string,
  now: () => number,
  demoPlatform?: DemoPlatform,
): Promise<PlatformLink> {
  const p = config.platform;
  const nothing = async () => {};
  if (!p.url) {
    if (config.mode !== 'demo' || !demoPlatform)
      return {
        kind: 'not-configured',
        client: null,
        problem: null,
        close: nothing,
      };
    try {
      return await demoPlatform(config, dataDir, now);
    } catch (error) {
      // The demo must start even where openssl is missing: cases then wait, and say why.
      const problem = new PlatformError('setup', 'demo-simulator', {
        'zh-CN': `演示用平台模拟器未能启动（${(error as Error).message}）`,
        en: `the demo platform simulator could not start (${(error as Error).message})`,
      });
      return { kind: 'setup-error', client: null, problem, close: nothing };
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
      close: () => client.close(),
    };
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    return { kind: 'setup-error', client: null, problem: error, close: nothing };
  }
}
