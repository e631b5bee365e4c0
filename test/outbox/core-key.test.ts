import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { startCore, type Core } from '../../main/core/core.js';
import { KeyError, type KeySource } from '../../main/privacy/key-source.js';

const quiet = () => new Writable({ write: (_c, _e, done) => done() });
let dataDir = '';
let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

it("the core takes its residents' data key from the given source, not the key file", async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'core-key-'));
  const asked: string[] = [];
  const source: KeySource = {
    describe: () => 'test keystore',
    load: () => Buffer.alloc(32, 7),
  };
  core = await startCore({
    dataDir,
    runtime: 'electron',
    logDestination: quiet(),
    keySource: (dir) => (asked.push(dir), source),
  });
  expect(asked).toEqual([dataDir]);
  expect(existsSync(join(dataDir, 'data.key'))).toBe(false);
});

it('the headless host (no source given) keeps the 0600 key file', async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'core-key-'));
  core = await startCore({ dataDir, runtime: 'node', logDestination: quiet() });
  expect(existsSync(join(dataDir, 'data.key'))).toBe(true);
});

it("a refusing key source stops the core's start with its reason", async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'core-key-'));
  const refusing: KeySource = {
    describe: () => 'refusing keystore',
    load: () => {
      throw new KeyError('safeStorage would use the plaintext "basic_text" backend');
    },
  };
  await expect(
    startCore({ dataDir, runtime: 'electron', logDestination: quiet(), keySource: () => refusing }),
  ).rejects.toThrow(/basic_text/);
});
