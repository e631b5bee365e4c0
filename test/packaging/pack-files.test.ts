/**
 * What electron-builder would put in the kiosk package, computed with electron-builder's own
 * file matcher over the built tree (building a package needs downloads these machines cannot
 * make). The package holds the app and nothing of the tests, the benches or the demo's
 * platform simulator, and everything the packed code imports is packed or a production
 * dependency.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../main/paths.js';

type Filter = (file: string, stat: ReturnType<typeof statSync>) => boolean;
interface Matcher {
  createFilter(): Filter;
}
const require = createRequire(import.meta.url);
const { getMainFileMatchers } = require('app-builder-lib/out/fileMatcher.js') as {
  getMainFileMatchers(...args: unknown[]): Matcher[];
};

const root = paths.root;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

function packedFiles(): string[] {
  const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
    directories: { buildResources: string; output: string };
  };
  const packager = {
    info: {
      projectDir: root,
      buildResourcesDir: config.directories.buildResources,
      config,
      isPrepackedAppAsar: false,
      debugLogger: { isEnabled: false },
    },
  };
  const [matcher] = getMainFileMatchers(
    root,
    '/app',
    (p: string) => p,
    {},
    packager,
    resolve(root, config.directories.output),
    false,
  );
  const filter = matcher!.createFilter();
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      // Production dependencies are added by electron-builder itself, from package.json.
      if (name === 'node_modules' || name === '.git') continue;
      const stat = statSync(file);
      if (!filter(file, stat)) continue;
      if (stat.isDirectory()) walk(file);
      else out.push(relative(root, file));
    }
  };
  walk(root);
  return out.sort();
}

let packed: string[];
beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'main', 'shell', 'main.js')))
    throw new Error('no build to look at: run `node scripts/build.mjs` first (npm test does)');
  packed = packedFiles();
});

describe('the kiosk package (electron-builder files)', () => {
  it('holds the Electron entry, the preload, the page, the migrations and the profiles', () => {
    expect(packed).toContain(manifest.main);
    expect(packed).toContain('dist/main/shell/preload.cjs');
    expect(packed).toContain('dist/renderer/index.html');
    expect(packed).toContain('dist/main/technician/main.js');
    expect(packed.some((f) => /^main\/store\/migrations\/.+\.sql$/.test(f))).toBe(true);
    expect(packed.some((f) => /^kiosk-config\/profiles\/.+\.yaml$/.test(f))).toBe(true);
  });

  it('holds no test, bench, rig, simulator, demo platform, fake Electron or source file', () => {
    const stray = packed.filter(
      (f) =>
        /(^|\/)(test|bench|rig|simulator|demo)(\/|$)/.test(f) ||
        /\.test\.js$|\.map$|fake-electron|\.ts$|\.svelte$/.test(f) ||
        !/^(dist\/|main\/store\/migrations\/|kiosk-config\/profiles\/|package\.json$)/.test(f),
    );
    expect(stray).toEqual([]);
  });

  it('every module the packed code imports is packed too, or a production dependency', () => {
    const deps = new Set([
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.optionalDependencies ?? {}),
      'electron',
    ]);
    const builtins = new Set(builtinModules);
    const set = new Set(packed);
    const missing: string[] = [];
    for (const file of packed.filter((f) => f.startsWith('dist/main') && f.endsWith('.js'))) {
      const text = readFileSync(join(root, file), 'utf8');
      // Static imports only: a dynamic import is how the demo reaches what is not packed.
      for (const [, spec] of text.matchAll(/^(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)) {
        if (spec!.startsWith('.')) {
          const target = relative(root, resolve(dirname(join(root, file)), spec!));
          if (!set.has(target)) missing.push(`${file} → ${spec}`);
        } else {
          const name = spec!.startsWith('@')
            ? spec!.split('/').slice(0, 2).join('/')
            : spec!.split('/')[0]!;
          if (!builtins.has(name.replace(/^node:/, '')) && !deps.has(name))
            missing.push(`${file} → ${spec} (not a production dependency)`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
