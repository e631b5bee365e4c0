/**
 * Where the app's own files are, whether it runs from source (tsx, vitest), from dist/, or
 * packaged by electron-builder: walk up to our package.json rather than counting `..`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'hall-kiosk') return dir;
    }
    if (dirname(dir) === dir) throw new Error(`hall-kiosk package.json not found above ${start}`);
  }
}

const root = findRoot(import.meta.dirname);

export const paths = {
  root,
  rendererDir: join(root, 'dist', 'renderer'),
  migrationsDir: join(root, 'main', 'store', 'migrations'),
  profilesDir: join(root, 'kiosk-config', 'profiles'),
  /** Demo mode's data directory when none is given. */
  demoDataDir: join(root, '.data'),
};

export function appVersion(): string {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  return version;
}
