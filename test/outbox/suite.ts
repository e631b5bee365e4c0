/**
 * What most outbox test files share: a temp folder, certificates and the simulator, made before
 * the file's tests and removed after them. (Apart from kit.ts, which child hosts and the bench
 * import without vitest.)
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { makeCerts, type CertSet } from '../../platform/simulator/certs.js';
import type { Faults, Simulator } from '../../platform/simulator/server.js';
import { startKitSimulator, tempDir } from './kit.js';

export interface Suite {
  dir: string;
  certs: CertSet;
  sim: Simulator;
}

export function simulatorSuite(prefix: string, faults: Partial<Faults> = {}): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    suite.dir = tempDir(prefix);
    suite.certs = makeCerts(join(suite.dir, 'certs'));
    suite.sim = await startKitSimulator(suite.certs, faults);
  });
  afterAll(async () => {
    await suite.sim?.close();
    rmSync(suite.dir, { recursive: true, force: true });
  });
  return suite;
}
