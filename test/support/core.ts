/** An in-process core on a temporary data directory, with its log captured in memory. */
import { startDemoPlatform } from '../../main/demo/platform.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    demoPlatform: startDemoPlatform,
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

/**
 * A production hall node whose printer is `printerYaml` (a flow mapping), for tests that
 * print to the emulator. The config file lives in a temporary folder removed on dispose.
 */
export async function startPrinterHall(printerYaml: string): Promise<TestCore> {
  const dir = mkdtempSync(join(tmpdir(), 'hall-kiosk-printer-hall-'));
  const file = join(dir, 'kiosk.yaml');
  writeFileSync(
    file,
    [
      'role: hall-node',
      'mode: production',
      'hall: { id: test-hall, name: { zh-CN: 测试街道便民服务中心, en: Test Hall } }',
      'devices:',
      `  printer: ${printerYaml}`,
      '',
    ].join('\n'),
  );
  const test = await startTestCore(file);
  return {
    ...test,
    async dispose() {
      await test.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
