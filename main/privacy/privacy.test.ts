import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileKeySource } from './key-source.js';
import { createSealer } from './sealer.js';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'privacy-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('file key source', () => {
  it('creates a 0600 key once and reads the same key after', () => {
    const file = join(temp(), 'data.key');
    const first = fileKeySource(file).load();
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(fileKeySource(file).load().equals(first)).toBe(true);
  });

  it('refuses a key file others can read, and a damaged one', () => {
    const file = join(temp(), 'data.key');
    fileKeySource(file).load();
    chmodSync(file, 0o644);
    expect(() => fileKeySource(file).load()).toThrow(/readable by others.*chmod 600/);
    chmodSync(file, 0o600);
    writeFileSync(file, 'c2hvcnQ=\n');
    expect(() => fileKeySource(file).load()).toThrow(/32-byte/);
    expect(readFileSync(file, 'utf8')).toBe('c2hvcnQ=\n');
  });

  it('makes no fresh key in a folder whose key the desktop app keeps (it would orphan the data)', () => {
    const dir = temp();
    writeFileSync(join(dir, 'data.key.safestorage'), 'wrapped');
    expect(() => fileKeySource(join(dir, 'data.key')).load()).toThrow(/start the app on it/);
    expect(existsSync(join(dir, 'data.key'))).toBe(false);
  });
});

describe('sealer', () => {
  const key = Buffer.alloc(32, 7);
  it('round-trips, never shows the plain text, and binds each value to its place', () => {
    const sealer = createSealer(key);
    const sealed = sealer.seal('11010519491231002X', 'hall_case.applicant:R1');
    expect(sealed.includes(Buffer.from('11010519491231002X'))).toBe(false);
    expect(sealer.open(sealed, 'hall_case.applicant:R1')).toBe('11010519491231002X');
    expect(() => sealer.open(sealed, 'hall_case.applicant:R2')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[20]! ^= 1;
    expect(() => sealer.open(tampered, 'hall_case.applicant:R1')).toThrow();
    expect(() =>
      createSealer(Buffer.alloc(32, 8)).open(sealed, 'hall_case.applicant:R1'),
    ).toThrow();
  });

  it('gives a stable blind index that depends on the key', () => {
    const a = createSealer(key);
    expect(a.blindIndex('11010519491231002x')).toBe(a.blindIndex('11010519491231002X'));
    expect(a.blindIndex('11010519491231002X')).not.toBe(a.blindIndex('110105194912310029'));
    expect(createSealer(Buffer.alloc(32, 9)).blindIndex('11010519491231002X')).not.toBe(
      a.blindIndex('11010519491231002X'),
    );
    expect(a.blindIndex('11010519491231002X')).not.toContain('1101');
  });
});
