/**
 * Forward-only SQL migrations: files named NNNN_name.sql, applied in order, each in its own
 * transaction, recorded with a checksum. A database that is newer than this build, or whose
 * applied files changed, is refused rather than guessed at.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { StoreError } from './store-error.js';

type Db = Database.Database;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return files.map((file, index) => {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    const version = Number(match?.[1]);
    if (!match || version !== index + 1) {
      throw new StoreError(
        `migration ${join(dir, file)} is misnamed: expected ${String(index + 1).padStart(4, '0')}_name.sql`,
      );
    }
    const sql = readFileSync(join(dir, file), 'utf8');
    return { version, name: match[2]!, sql, checksum: sha256(sql) };
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function applyMigrations(db: Db, migrations: Migration[], file: string): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = db
    .prepare('SELECT version, name, checksum FROM schema_migration ORDER BY version')
    .all() as { version: number; name: string; checksum: string }[];
  for (const row of applied) {
    const known = migrations[row.version - 1];
    if (!known) {
      throw new StoreError(
        `database ${file} is at schema ${row.version}, newer than this build knows (${migrations.length}): install the newer build`,
      );
    }
    if (known.checksum !== row.checksum) {
      throw new StoreError(
        `migration ${String(row.version).padStart(4, '0')}_${row.name} changed after it was applied to ${file}: restore the original file`,
      );
    }
  }
  const record = db.prepare(
    'INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const migration of migrations.slice(applied.length)) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, migration.checksum, new Date().toISOString());
    })();
  }
  return migrations.length;
}
