/**
 * A real SQLite store in a folder of its own for a test, closed and removed after each test
 * of the file that asks for it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { paths } from '../../main/paths.js';
import { openStore, type Store } from '../../main/store/store.js';

/** Call at the top of a test file; the function it returns opens a store (in `dir`, if given). */
export function tempStores(prefix: string) {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterEach(() => {
    // A test may close a store itself (a restart): only what is still open is closed here.
    stores.splice(0).forEach((s) => s.db.open && s.close());
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });
  return (dir?: string): { dir: string; store: Store } => {
    const folder = dir ?? mkdtempSync(join(tmpdir(), prefix));
    if (!dir) dirs.push(folder);
    const store = openStore(folder, paths.migrationsDir);
    stores.push(store);
    return { dir: folder, store };
  };
}
