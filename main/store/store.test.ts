import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { paths } from '../paths.js';
import { DB_FILE, openStore, storeHealth, StoreError } from './store.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hall-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('opening the store', () => {
  it('migrates an empty directory and is sound: WAL, synchronous FULL, foreign keys', () => {
    const dir = tempDir();
    const store = openStore(dir, paths.migrationsDir);
    const tables = store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(['kiosk_session', 'meta', 'schema_migration']));
    expect(storeHealth(store)).toEqual({
      integrity: 'ok',
      journalMode: 'wal',
      synchronous: 'FULL',
      foreignKeys: true,
      schemaVersion: store.schemaVersion,
    });
    store.close();
  });

  it('keeps synchronous FULL after reopening (better-sqlite3 would default WAL to NORMAL)', () => {
    const dir = tempDir();
    openStore(dir, paths.migrationsDir).close();
    // A plain open of the same file shows the library default we override on every open.
    const plain = new Database(join(dir, DB_FILE));
    expect(plain.pragma('synchronous', { simple: true })).not.toBe(2);
    plain.close();
    const reopened = openStore(dir, paths.migrationsDir);
    expect(storeHealth(reopened).synchronous).toBe('FULL');
    expect(reopened.db.prepare('SELECT count(*) FROM schema_migration').pluck().get()).toBe(
      reopened.schemaVersion,
    );
    reopened.close();
  });

  it('refuses a corrupt database file and leaves it untouched', () => {
    const dir = tempDir();
    const garbage = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0x5a)]);
    writeFileSync(join(dir, DB_FILE), garbage);
    expect(() => openStore(dir, paths.migrationsDir)).toThrow(StoreError);
    expect(() => openStore(dir, paths.migrationsDir)).toThrow(
      /is damaged or not a hall-kiosk database.*left untouched/,
    );
    expect(readFileSync(join(dir, DB_FILE)).equals(garbage)).toBe(true);
  });

  it('refuses a missing data directory and a file given as one (read-only: see main/host/host.test.ts)', () => {
    const dir = tempDir();
    expect(() => openStore(join(dir, 'absent'), paths.migrationsDir)).toThrow(
      /does not exist: create it or pass another --data/,
    );
    writeFileSync(join(dir, 'file'), '');
    expect(() => openStore(join(dir, 'file'), paths.migrationsDir)).toThrow(/is not a directory/);
  });
});

describe('migrations are forward-only', () => {
  function migrationsCopy(): string {
    const dir = tempDir();
    for (const name of ['0001_init.sql'])
      writeFileSync(join(dir, name), readFileSync(join(paths.migrationsDir, name)));
    return dir;
  }

  it('applies a new migration once, in order', () => {
    const data = tempDir();
    const migrations = migrationsCopy();
    openStore(data, migrations).close();
    writeFileSync(
      join(migrations, '0002_extra.sql'),
      'CREATE TABLE extra (id INTEGER PRIMARY KEY) STRICT;',
    );
    const store = openStore(data, migrations);
    expect(store.schemaVersion).toBe(2);
    store.close();
    const again = openStore(data, migrations);
    expect(again.db.prepare('SELECT version FROM schema_migration').pluck().all()).toEqual([1, 2]);
    again.close();
  });

  it('refuses a database newer than this build', () => {
    const data = tempDir();
    const migrations = migrationsCopy();
    writeFileSync(join(migrations, '0002_extra.sql'), 'CREATE TABLE extra (id INTEGER) STRICT;');
    openStore(data, migrations).close();
    rmSync(join(migrations, '0002_extra.sql'));
    expect(() => openStore(data, migrations)).toThrow(
      /at schema 2, newer than this build knows \(1\)/,
    );
  });

  it('refuses an applied migration that was edited afterwards', () => {
    const data = tempDir();
    const migrations = migrationsCopy();
    openStore(data, migrations).close();
    writeFileSync(
      join(migrations, '0001_init.sql'),
      '-- edited\n' + readFileSync(join(paths.migrationsDir, '0001_init.sql'), 'utf8'),
    );
    expect(() => openStore(data, migrations)).toThrow(/0001_init changed after it was applied/);
  });

  it('refuses a misnamed or out-of-order file, and rolls back a failing migration', () => {
    const data = tempDir();
    const migrations = migrationsCopy();
    writeFileSync(join(migrations, '0003_gap.sql'), 'SELECT 1;');
    expect(() => openStore(data, migrations)).toThrow(
      /0003_gap.sql is misnamed: expected 0002_name.sql/,
    );
    rmSync(join(migrations, '0003_gap.sql'));
    writeFileSync(
      join(migrations, '0002_broken.sql'),
      'CREATE TABLE half (id INTEGER); CREATE TABLE oops (;',
    );
    expect(() => openStore(data, migrations)).toThrow();
    const store = openStore(data, migrationsCopy());
    expect(
      store.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get(),
    ).toBe(0);
    store.close();
  });
});
