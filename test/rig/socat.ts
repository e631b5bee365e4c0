// A connected pair of pseudo-terminals from socat: a serial device's stand-in. A driver opens
// one end with `serialport`, an emulator the other. `raw,echo=0` so bytes pass untouched (no
// line discipline, no echo back to the writer).
import { spawn } from 'node:child_process';
import { lstat, mkdtemp, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  OutputTail,
  hasExited,
  pollUntil,
  requireFile,
  terminate,
  withParentDeathSignal,
} from './proc.js';

export const SOCAT_BIN = '/usr/bin/socat';
export const SOCAT_APT_LINE = 'apt-get install -y socat';

export interface PtyPair {
  /** Symlink to the first pty's slave (stable path to hand to serialport). */
  readonly a: string;
  readonly b: string;
  /** The /dev/pts/N each link points to. */
  readonly ptys: { readonly a: string; readonly b: string };
  readonly pid: number;
  /** Wall time from openPtyPair() to both links present, ms. */
  readonly startMs: number;
  /** socat's -d -d log. */
  output(): string;
  running(): boolean;
  /** Kills socat (SIGTERM, then SIGKILL) and removes the links' directory. Idempotent. */
  stop(): Promise<void>;
}

export interface PtyPairOptions {
  startTimeoutMs?: number;
  stopGraceMs?: number;
}

async function linkTarget(path: string): Promise<string | undefined> {
  try {
    if (!(await lstat(path)).isSymbolicLink()) return undefined;
    return await readlink(path);
  } catch {
    return undefined;
  }
}

export async function openPtyPair(options: PtyPairOptions = {}): Promise<PtyPair> {
  const t0 = performance.now();
  await requireFile(SOCAT_BIN, SOCAT_APT_LINE, { what: 'socat', executable: true });
  const dir = await mkdtemp(join(tmpdir(), 'hall-kiosk-pty-'));
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const argv = await withParentDeathSignal([
    SOCAT_BIN,
    '-d',
    '-d',
    `pty,raw,echo=0,link=${a}`,
    `pty,raw,echo=0,link=${b}`,
  ]);
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = new OutputTail(64 * 1024);
  out.attach(child);
  let spawnError: Error | undefined;
  child.on('error', (e) => (spawnError = e));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await terminate(child, options.stopGraceMs ?? 2000);
      await rm(dir, { recursive: true, force: true });
    })());

  const ready = await pollUntil(
    async () => {
      const ta = await linkTarget(a);
      const tb = await linkTarget(b);
      return ta && tb ? { a: ta, b: tb } : undefined;
    },
    {
      timeoutMs: options.startTimeoutMs ?? 5000,
      abort: () =>
        spawnError
          ? `could not spawn socat: ${spawnError.message}`
          : hasExited(child)
            ? `socat exited early (code ${child.exitCode}, signal ${child.signalCode})`
            : undefined,
    },
  );
  if (!ready.ok) {
    await stop();
    throw new Error(
      `socat pty pair did not come up: ${ready.reason}\n  command: ${argv.join(' ')}\n` +
        `--- socat output ---\n${out.text() || '(none)'}`,
    );
  }

  return {
    a,
    b,
    ptys: ready.value,
    pid: child.pid!,
    startMs: performance.now() - t0,
    output: () => out.text(),
    running: () => !hasExited(child),
    stop,
  };
}
