// Build everything `npm start` and the tests run: the core (tsc → dist/), the Electron
// preload (esbuild → CommonJS, as a sandboxed preload must be), and the renderer (vite).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { run } from './run.mjs';

rmSync('dist', { recursive: true, force: true });
await run('npx', ['tsc', '-p', 'tsconfig.build.json']);
await build({
  entryPoints: ['main/shell/preload.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  outfile: 'dist/main/shell/preload.cjs',
  logLevel: 'warning',
});
await run('npx', ['vite', 'build', '--logLevel', 'warn']);
