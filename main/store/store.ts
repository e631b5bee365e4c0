/**
 * The machine's one SQLite database (better-sqlite3). Every open sets WAL, synchronous=FULL
 * (better-sqlite3 builds with WAL defaulting to NORMAL, which can lose the last commits on
 * power loss) and foreign keys, checks the file is sound, then applies forward-only migrations.
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyMigrations, readMigrations } from './migrate.js';
import { StoreError } from './store-error.js';
import { diskFullAtStart, isDiskFull } from './disk.js';

export { StoreError };

export type Db = Database.Database;

export interface Store {
  db: Db;
  file: string;
  schemaVersion: number;
  close(): void;
}

export const DB_FILE = 'hall.db';

export function openStore(dataDir: string, migrationsDir: string): Store {
  checkDataDir(dataDir);
  const file = join(dataDir, DB_FILE);
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: false, timeout: 5000 });
  } catch (error) {
    throw new StoreError(`database ${file} cannot be opened: ${(error as Error).message}`);
  }
  try {
    configure(db, file, dataDir);
    const schemaVersion = applyMigrations(db, readMigrations(migrationsDir), file);
    return { db, file, schemaVersion, close: () => db.close() };
  } catch (error) {
    db.close();
    throw isDiskFull(error) ? diskFullAtStart(dataDir) : error;
  }
}

/** The data directory exists, is a directory, and this user can write it. */
export function checkDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) {
    throw new StoreError(
      `data directory ${dataDir} does not exist: create it or pass another --data`,
    );
  }
  if (!statSync(dataDir).isDirectory()) {
    throw new StoreError(`data directory ${dataDir} is not a directory: pass a folder to --data`);
  }
  // A real write, not access(): root passes access() on a read-only mount, and a kiosk that
  // cannot write its database must say so at start, not at the first ticket.
  const probe = join(dataDir, `.write-probe-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch {
    throw new StoreError(
      `data directory ${dataDir} is not writable: give this user write access or pass another --data`,
    );
  }
}

function configure(db: Db, file: string, dataDir: string): void {
  try {
    // quick_check reads every page: a corrupt or foreign file is refused before we write.
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    db.pragma('journal_mode = WAL');
  } catch (error) {
    if (isDiskFull(error)) throw diskFullAtStart(dataDir);
    throw new StoreError(
      `database ${file} is damaged or not a hall-kiosk database (${(error as Error).message}): ` +
        'move it aside and restore the latest backup; it was left untouched',
    );
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

export interface StoreHealth {
  integrity: string;
  journalMode: string;
  synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
  foreignKeys: boolean;
  schemaVersion: number;
}

const synchronousNames = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

export function storeHealth(store: Store): StoreHealth {
  const { db } = store;
  return {
    integrity: String(db.pragma('integrity_check', { simple: true })),
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: synchronousNames[Number(db.pragma('synchronous', { simple: true }))] ?? 'OFF',
    foreignKeys: db.pragma('foreign_keys', { simple: true }) === 1,
    schemaVersion: store.schemaVersion,
  };
}
