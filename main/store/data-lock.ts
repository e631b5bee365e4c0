/**
 * One host per data folder. Two hosts on one folder would each run their own queue over the
 * same database and hand out the same numbers, so the first to start holds an exclusive
 * SQLite lock on `host.lock` for as long as it runs. The operating system drops the lock with
 * the process, so a host killed outright leaves nothing for the next one to clear; `host.pid`
 * only says who holds it, for the refusal.
 */
import Database from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './store-error.js';
import { diskFullAtStart, isDiskFull } from './disk.js';

export interface DataLock {
  release(): void;
}

export const LOCK_FILE = 'host.lock';
const HOLDER_FILE = 'host.pid';

export function lockDataDir(dataDir: string): DataLock {
  const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('synchronous = FULL');
    // Exclusive mode keeps the write lock from the first write until the connection closes.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL)');
    db.prepare('DELETE FROM holder').run();
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw inUse(dataDir);
    if (isDiskFull(error)) throw diskFullAtStart(dataDir);
    throw new StoreError(
      `the lock file ${join(dataDir, LOCK_FILE)} cannot be used: ${(error as Error).message}`,
    );
  }
  const holder = join(dataDir, HOLDER_FILE);
  try {
    writeFileSync(holder, `${process.pid}\n`);
  } catch (error) {
    db.close();
    throw isDiskFull(error) ? diskFullAtStart(dataDir) : error;
  }
  return {
    release() {
      if (!db.open) return;
      rmSync(holder, { force: true });
      db.close();
    },
  };
}

function inUse(dataDir: string): StoreError {
  const who = holderOf(dataDir);
  return new StoreError(
    `data folder ${dataDir} is in use by hall-kiosk ${who}: stop that host first, or pass another --data`,
  );
}

function holderOf(dataDir: string): string {
  try {
    const pid = Number(readFileSync(join(dataDir, HOLDER_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? `process ${pid}` : 'another process';
  } catch {
    return 'another process';
  }
}
