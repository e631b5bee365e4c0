/** The headless host's command line and the banner it prints. */
import { parseArgs } from 'node:util';
import type { Core } from '../core/core.js';
import { appVersion } from '../paths.js';
import { HostError, type LanServer } from '../server/lan-server.js';

export const usage = `usage: hall-kiosk-host [--config FILE] [--data DIR] [--port N] [--host ADDR]
  --config FILE  a kiosk config (YAML or JSON); without it: demo mode, simulated devices
  --data DIR     where the database and logs live (must exist); demo default: ./.data
  --port N       LAN port (overrides lan.port)
  --host ADDR    LAN address to listen on (overrides lan.host; 0.0.0.0 for the hall LAN)`;

export interface HostArgs {
  config?: string;
  data?: string;
  port?: number;
  host?: string;
}

export function parseHostArgs(argv: string[]): HostArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      config: { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const args: HostArgs = { config: values.config, data: values.data, host: values.host };
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) {
      throw new HostError(`--port ${values.port} is not a port number: give 0–65535`);
    }
    args.port = port;
  }
  return args;
}

export function banner(core: Core, server: LanServer): string {
  const mode =
    core.config.mode === 'demo' ? 'DEMO mode — simulated devices, not for residents' : 'production';
  const pages = ['kiosk', 'counter', 'display', 'technician'].map(
    (page) => `  ${page.padEnd(11)} ${server.url}/#/${page === 'kiosk' ? '' : page}`,
  );
  return [
    `hall-kiosk ${appVersion()} · ${core.config.hall.name['zh-CN']} · ${mode}`,
    `  config      ${core.configSource}`,
    `  data        ${core.dataDir}`,
    ...pages,
    'Ctrl+C stops.',
  ].join('\n');
}
