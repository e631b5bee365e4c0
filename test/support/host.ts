/**
 * Start the built headless host as a real process, on a free port with a temporary data
 * directory and a config merged over the demo config, for integration and browser tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoQueueAccounts } from '../../kiosk-config/queue.js';
import { paths } from '../../main/paths.js';
import { terminate } from '../rig/proc.js';

export const hostEntry = join(paths.root, 'dist', 'main', 'host', 'cli.js');

export const demoBase = {
  mode: 'demo',
  hall: { id: 'test-hall', name: { 'zh-CN': '测试街道便民服务中心', en: 'Test Service Hall' } },
};

/** A production hall node on loopback, with the demo accounts and devices (kiosk token). */
export const productionBase = {
  mode: 'production',
  lan: { host: '127.0.0.1' },
  queue: demoQueueAccounts,
};

/** Runs the built host CLI to its end: what it printed and how it exited. */
export function runHost(args: string[]) {
  if (!existsSync(hostEntry)) throw new Error(`${hostEntry} is missing: run npm run build first`);
  const result = spawnSync(process.execPath, [hostEntry, ...args], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr.trim() };
}

/** The host started again on a test host's folder, with its config (a second host, a restart). */
export function runHostOn(dataDir: string) {
  return runHost(['--config', join(dataDir, 'config.json'), '--data', dataDir, '--port', '0']);
}

export interface TestHost {
  url: string;
  dataDir: string;
  /** The host's process id (what a second host on the same data folder names). */
  pid: number;
  output(): string;
  /** Kills the host with SIGKILL, as a power cut would, leaving its data folder. */
  kill(): Promise<void>;
  /** Stops the host; its data folder goes too unless kept (to start again on it). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface TestHostOptions {
  /** Merged over the demo config (deeply, objects only). */
  config?: object;
  port?: number;
  /** An existing data folder (a host started again after a crash); a new one otherwise. */
  dataDir?: string;
}

function merge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] =
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current &&
      typeof current === 'object'
        ? merge(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}

export async function startTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  if (!existsSync(hostEntry)) throw new Error(`${hostEntry} is missing: run npm run build first`);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hall-kiosk-test-'));
  const configFile = join(dataDir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify(merge(demoBase, (options.config ?? {}) as Record<string, unknown>)),
  );
  const child = spawn(
    process.execPath,
    [hostEntry, '--config', configFile, '--data', dataDir, '--port', String(options.port ?? 0)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await waitForUrl(child, () => output);
  return {
    url,
    dataDir,
    pid: child.pid!,
    output: () => output,
    async kill() {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    },
    async stop({ keepData = false } = {}) {
      await terminate(child, 5000);
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitForUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host did not start within 15 s:\n${output()}`));
    }, 15_000);
    const check = (): void => {
      const match = /kiosk\s+(http:\/\/[^/\s]+)\//.exec(output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before it was ready:\n${output()}`));
    });
  });
}
