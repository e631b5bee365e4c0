/**
 * The simulator as its own process: `npx tsx platform/simulator/main.ts --certs DIR
 * [--port N] [--key ID:SECRET] [--error-ratio 0.3] [--latency-ms 20] [--data FILE]`. With
 * --data (or PLATFORM_SIM_DATA) its idempotency store is that SQLite file and outlives restarts. DIR holds ca.pem,
 * server.pem and server.key (made by certs.ts if missing). Prints one line:
 * `platform simulator https://localhost:PORT/hall/v1`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeCerts } from './certs.js';
import { startSimulator } from './server.js';

const { values } = parseArgs({
  options: {
    certs: { type: 'string' },
    port: { type: 'string', default: '0' },
    key: { type: 'string', multiple: true, default: [] },
    'error-ratio': { type: 'string', default: '0' },
    'latency-ms': { type: 'string', default: '0' },
    // The idempotency store's file (SQLite, synchronous=FULL); absent: in memory.
    data: { type: 'string', default: process.env.PLATFORM_SIM_DATA },
  },
});
if (!values.certs) {
  console.error('usage: main.ts --certs DIR [--port N] [--key ID:SECRET]…');
  process.exit(2);
}
const dir = values.certs;
if (!existsSync(join(dir, 'server.key'))) makeCerts(dir);
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const keys = Object.fromEntries(
  values.key.map((k) => {
    const at = k.indexOf(':');
    return [k.slice(0, at), k.slice(at + 1)];
  }),
);
const sim = await startSimulator({
  tls: { cert: read('server.pem'), key: read('server.key'), ca: read('ca.pem') },
  keys,
  port: Number(values.port),
  dataFile: values.data,
  faults: { errorRatio: Number(values['error-ratio']), latencyMs: Number(values['latency-ms']) },
});
console.log(`platform simulator ${sim.url}`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Counts on request, for benches and tests: `kill -USR2 <pid>` prints them.
process.on('SIGUSR2', () =>
  console.log(`stats ${JSON.stringify({ ...sim.stats, keys: sim.creations.size })}`),
);
