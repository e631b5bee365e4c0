import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

it("adopts the headless host's plain key file rather than replacing it, and keeps that file", () => {
  const plain = join(dir, 'data.key');
  const key = Buffer.alloc(32, 9);
  writeFileSync(plain, key.toString('base64') + '\n', { mode: 0o600 });
  const wrapped = join(dir, 'data.key.safestorage');
  expect(safeStorageKeySource(wrapped, plain).load().equals(key)).toBe(true);
  expect(readFileSync(wrapped).includes(Buffer.from(key.toString('base64')))).toBe(false);
  expect(existsSync(plain)).toBe(true);
  // Once wrapped, the wrapped copy is what counts.
  rmSync(plain);
  expect(safeStorageKeySource(wrapped, plain).load().equals(key)).toBe(true);
});

it('refuses a plain key file to adopt that is not a 32-byte key', () => {
  const plain = join(dir, 'data.key');
  writeFileSync(plain, 'not a key\n', { mode: 0o600 });
  expect(() => safeStorageKeySource(join(dir, 'w'), plain).load()).toThrow(/32-byte/);
  expect(existsSync(join(dir, 'w'))).toBe(false);
});
