import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { electron } from './fake-electron.js';
import { safeStorageKeySource } from './safe-storage-key.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

let dir: string;
beforeEach(() => {
  electron.reset();
  dir = mkdtempSync(join(tmpdir(), 'safe-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('wraps a new key with the OS keystore and unwraps the same key later', () => {
  const file = join(dir, 'data.key.wrapped');
  const key = safeStorageKeySource(file).load();
  expect(key).toHaveLength(32);
  expect(readFileSync(file).includes(Buffer.from(key.toString('base64')))).toBe(false);
  expect(safeStorageKeySource(file).load().equals(key)).toBe(true);
});

it('refuses the plaintext basic_text backend', () => {
  electron.safeStorage.backend = 'basic_text';
  expect(() => safeStorageKeySource(join(dir, 'k')).load()).toThrow(/plaintext "basic_text"/);
});

it('says when no keystore is available', () => {
  electron.safeStorage.available = false;
  expect(() => safeStorageKeySource(join(dir, 'k')).load()).toThrow(/OS keystore is not available/);
});

/** A log that keeps what it was told, to check the reasons (and that no key is in them). */
function recordingLog() {
  const lines: { level: string; obj: object; msg: string }[] = [];
  return {
    lines,
    info: (obj: object, msg: string) => void lines.push({ level: 'info', obj, msg }),
    warn: (obj: object, msg: string) => void lines.push({ level: 'warn', obj, msg }),
  };
}

function plainKeyFile(fill = 9) {
  const plain = join(dir, 'data.key');
  const key = Buffer.alloc(32, fill);
  writeFileSync(plain, key.toString('base64') + '\n', { mode: 0o600 });
  return { plain, key, wrapped: join(dir, 'data.key.safestorage') };
}

it("adopts the headless host's plain key file, then erases that file once the wrapped copy reads back", () => {
  const { plain, key, wrapped } = plainKeyFile();
  const log = recordingLog();
  expect(safeStorageKeySource(wrapped, plain, log).load().equals(key)).toBe(true);
  expect(readFileSync(wrapped).includes(Buffer.from(key.toString('base64')))).toBe(false);
  expect(existsSync(plain)).toBe(false);
  expect(readdirSync(dir)).toEqual(['data.key.safestorage']);
  expect(log.lines).toEqual([
    { level: 'info', obj: { file: `${plain}.erasing` }, msg: expect.stringMatching(/erased/) },
  ]);
  // The wrapped copy is what counts from now on.
  expect(safeStorageKeySource(wrapped, plain).load().equals(key)).toBe(true);
});

it('keeps the plain file, and drops the wrapped copy, when the wrapped copy does not read back', () => {
  const { plain, key, wrapped } = plainKeyFile();
  const log = recordingLog();
  const spy = vi.spyOn(electron.safeStorage, 'decryptString').mockImplementationOnce(() => {
    throw new Error('the keyring was locked');
  });
  try {
    expect(safeStorageKeySource(wrapped, plain, log).load().equals(key)).toBe(true);
  } finally {
    spy.mockRestore();
  }
  expect(readFileSync(plain, 'utf8').trim()).toBe(key.toString('base64'));
  expect(existsSync(wrapped)).toBe(false);
  expect(log.lines).toHaveLength(1);
  expect(log.lines[0]).toMatchObject({
    level: 'warn',
    obj: { file: plain, reason: expect.stringMatching(/keyring was locked/) },
    msg: expect.stringMatching(/kept the plain key file/),
  });
  expect(JSON.stringify(log.lines)).not.toContain(key.toString('base64'));
  // The next start adopts it again, and this time erases it.
  expect(safeStorageKeySource(wrapped, plain, log).load().equals(key)).toBe(true);
  expect(existsSync(plain)).toBe(false);
});

it('keeps the plain file untouched when it cannot be moved aside, and erases it on a later start', () => {
  const { plain, key, wrapped } = plainKeyFile();
  // A directory where the file would be moved: rename(2) refuses with EISDIR.
  mkdirSync(`${plain}.erasing`);
  const log = recordingLog();
  expect(safeStorageKeySource(wrapped, plain, log).load().equals(key)).toBe(true);
  expect(readFileSync(plain, 'utf8').trim()).toBe(key.toString('base64'));
  expect(existsSync(wrapped)).toBe(true);
  expect(log.lines).toEqual([
    {
      level: 'warn',
      obj: { file: plain, code: 'EISDIR' },
      msg: expect.stringMatching(/kept the plain key file/),
    },
  ]);
  rmSync(`${plain}.erasing`, { recursive: true });
  // The wrapped key is used; the leftover plain copy of the same key is erased now.
  expect(safeStorageKeySource(wrapped, plain, log).load().equals(key)).toBe(true);
  expect(existsSync(plain)).toBe(false);
  expect(readdirSync(dir)).toEqual(['data.key.safestorage']);
});

it('erases a copy left aside by an erase that stopped half way', () => {
  const { plain, key, wrapped } = plainKeyFile();
  expect(safeStorageKeySource(wrapped, plain).load().equals(key)).toBe(true);
  writeFileSync(`${plain}.erasing`, key.toString('base64') + '\n', { mode: 0o600 });
  expect(safeStorageKeySource(wrapped, plain).load().equals(key)).toBe(true);
  expect(readdirSync(dir)).toEqual(['data.key.safestorage']);
});

it('leaves alone a plain key file that holds some other key', () => {
  const { plain, key, wrapped } = plainKeyFile();
  expect(safeStorageKeySource(wrapped, plain).load().equals(key)).toBe(true);
  const other = plainKeyFile(5);
  const log = recordingLog();
  expect(safeStorageKeySource(wrapped, plain, log).load().equals(key)).toBe(true);
  expect(readFileSync(plain, 'utf8').trim()).toBe(other.key.toString('base64'));
  expect(log.lines[0]).toMatchObject({ level: 'warn', msg: expect.stringMatching(/left alone/) });
});

it('refuses a plain key file to adopt that is not a 32-byte key', () => {
  const plain = join(dir, 'data.key');
  writeFileSync(plain, 'not a key\n', { mode: 0o600 });
  expect(() => safeStorageKeySource(join(dir, 'w'), plain).load()).toThrow(/32-byte/);
  expect(existsSync(join(dir, 'w'))).toBe(false);
});
