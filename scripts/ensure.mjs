// Install what is missing, so a fresh clone needs only `npm start` or `npm test`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { run } from './run.mjs';

const STAMP = 'node_modules/.hall-kiosk-lock-hash';

function lockHash() {
  return createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
}

/** `npm ci` when node_modules is absent or was installed from another package-lock.json. */
export async function ensureNodeModules({ force = false } = {}) {
  const fresh = existsSync(STAMP) && readFileSync(STAMP, 'utf8') === lockHash();
  if (fresh && !force) return;
  console.log('» installing node modules (npm ci)…');
  // Electron's binary download is kept out of npm ci (package.json allowScripts): where it
  // cannot be reached the install still succeeds, and the app runs headless.
  await run('npm', ['ci', '--no-audit', '--no-fund'], {
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  writeFileSync(STAMP, lockHash());
}

/** The Electron binary's path, or null when it is not installed. */
export function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Try once to fetch the Electron binary (honours ELECTRON_MIRROR); never fatal. */
export function tryInstallElectron() {
  if (electronBinary() || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') return;
  const result = spawnSync(process.execPath, ['node_modules/electron/install.js'], {
    stdio: 'pipe',
    timeout: 300_000,
  });
  if (result.status !== 0) {
    console.log('» the Electron binary could not be downloaded: running the headless host instead');
    console.log('  (behind a firewall in China, set ELECTRON_MIRROR — see the README)');
  }
}

/** Debian packages the device rigs and browser tests need. */
export const systemPackages = [
  'pcscd',
  'vsmartcard-vpcd',
  'libpcsclite-dev',
  'pcsc-tools',
  'socat',
  'chromium',
  'fonts-wqy-microhei',
  'librsvg2-bin',
];

function missingPackages() {
  return systemPackages.filter((name) => {
    const q = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return q.status !== 0 || !q.stdout.includes('install ok installed');
  });
}

export async function ensureSystemPackages() {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const line = `apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `the test rigs need Debian packages that are missing; as root run:\n  apt-get update && ${line}`,
    );
  }
  console.log(`» installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env });
  await run('apt-get', ['install', '-y', '-qq', ...missing], { env });
}

/** pcsclite is optional for `npm start`; the tests need it built against libpcsclite-dev. */
export async function ensurePcsclite() {
  try {
    createRequire(import.meta.url)('pcsclite');
  } catch {
    await ensureNodeModules({ force: true });
    createRequire(import.meta.url)('pcsclite');
  }
}
