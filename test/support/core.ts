/** An in-process core on a temporary data directory, with its log captured in memory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startCore, type Core } from '../../main/core/core.js';

export interface TestCore {
  core: Core;
  logText(): string;
  dispose(): Promise<void>;
}

export async function startTestCore(configFile?: string): Promise<TestCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-kiosk-core-'));
  let log = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log += chunk.toString();
      done();
    },
  });
  const core = await startCore({
    configFile,
    dataDir,
    runtime: 'node',
    logDestination: destination,
  });
  return {
    core,
    logText: () => log,
    async dispose() {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
