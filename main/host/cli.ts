#!/usr/bin/env node
/**
 * The headless host: the core and the LAN server under plain Node. It serves counters and
 * displays on the hall LAN, and it is what `npm start` runs where Electron is not installed.
 *
 *   node dist/main/host/cli.js [--config FILE] [--data DIR] [--port N] [--host ADDR]
 */
import { ConfigError } from '../../kiosk-config/load.js';
import { loadConfig, startCore } from '../core/core.js';
import { KeyError } from '../privacy/key-source.js';
import { paths } from '../paths.js';
import { HostError, probePort } from '../server/listen.js';
import { startLanServer, type LanServer } from '../server/lan-server.js';
import { StoreError } from '../store/store.js';
import { banner, parseHostArgs, usage } from './args.js';
import { demoPlatform } from './demo-platform.js';

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2));
  // Read once: its port is checked before the core opens the data folder.
  const loaded = loadConfig(args.config);
  const { lan } = loaded.config;
  const at = { host: args.host ?? lan.host, port: args.port ?? lan.port };
  await probePort(at);
  const core = await startCore({ loaded, dataDir: args.data, runtime: 'node', demoPlatform });
  let server: LanServer;
  try {
    server = await startLanServer(core, { ...at, rendererDir: paths.rendererDir });
  } catch (error) {
    await core.close();
    throw error;
  }
  console.log(banner(core, server));
  const stop = async (): Promise<void> => {
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** Known refusals are one sentence; anything else is a bug and keeps its stack. */
function explain(error: unknown): string {
  if (
    error instanceof ConfigError ||
    error instanceof StoreError ||
    error instanceof HostError ||
    error instanceof KeyError
  ) {
    return error.message;
  }
  if (
    error instanceof TypeError &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS')
  ) {
    return `${error.message}\n${usage}`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

main().catch((error: unknown) => {
  console.error(`hall-kiosk: ${explain(error)}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
