/**
 * The Electron entry (package.json "main": dist/main/shell/main.js). Everything it does is in
 * lifecycle.ts; here the real core, LAN server and paths are handed in.
 */
import { fileURLToPath } from 'node:url';
import { startCore } from '../core/core.js';
import { demoPlatform } from '../host/demo-platform.js';
import { paths } from '../paths.js';
import { startLanServer } from '../server/lan-server.js';
import { runShell } from './lifecycle.js';

runShell({
  startCore: (options) => startCore({ ...options, demoPlatform }),
  startLanServer,
  argv: process.argv,
  env: process.env,
  rendererDir: paths.rendererDir,
  // Built beside this file by esbuild (see preload.ts); an absolute path, as Electron requires.
  preloadPath: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
}).catch((error: unknown) => {
  // Only a bug gets here (runShell reports its own start-up failures); keep the stack.
  console.error('hall-kiosk shell:', error);
  process.exit(1);
});
