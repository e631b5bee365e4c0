// Small process helpers shared by the device rigs (pcscd, socat). Linux only: the rigs read
// /proc to learn who holds a TCP port, because probing vpcd's port by connecting to it would
// itself count as inserting a virtual card.
import type { ChildProcess } from 'node:child_process';
import { access, constants, readdir, readFile, readlink } from 'node:fs/promises';

/**
 * Throws an Error naming the apt-get line when a program or file a rig needs is missing: a rig
 * that cannot run must fail the test loudly, never skip it.
 */
export async function requireFile(
  path: string,
  aptLine: string,
  opts: { what?: string; executable?: boolean } = {},
): Promise<void> {
  try {
    await access(path, opts.executable ? constants.X_OK : constants.R_OK);
  } catch {
    throw new Error(`${opts.what ?? path} is missing (${path}). Install it with: ${aptLine}`);
  }
}

const SETPRIV = '/usr/bin/setpriv';
let setprivOk: boolean | undefined;

/**
 * Prefixes `setpriv --pdeathsig TERM` (util-linux) so the rig's daemon gets SIGTERM when the
 * test process dies without running its hooks (crash, SIGKILL by a runner timeout); otherwise
 * an orphaned pcscd would keep vpcd's ports and fail every later run. setpriv execs the
 * command, so the pid we hold is still the daemon's own.
 */
export async function withParentDeathSignal(argv: string[]): Promise<string[]> {
  if (setprivOk === undefined) {
    try {
      await access(SETPRIV, constants.X_OK);
      setprivOk = true;
    } catch {
      setprivOk = false;
    }
  }
  return setprivOk ? [SETPRIV, '--pdeathsig', 'TERM', ...argv] : argv;
}

/** Keeps the last `maxBytes` of a child's stdout+stderr, for failure messages and assertions. */
export class OutputTail {
  private chunks: string[] = [];
  private size = 0;
  constructor(private readonly maxBytes = 256 * 1024) {}

  push(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.chunks.push(text);
    this.size += text.length;
    // Drop whole chunks from the front; the newest output is what explains a failure.
    while (this.size > this.maxBytes && this.chunks.length > 1) {
      this.size -= this.chunks.shift()!.length;
    }
  }

  text(): string {
    return this.chunks.join('');
  }

  attach(child: ChildProcess): void {
    child.stdout?.on('data', (c: Buffer) => this.push(c));
    child.stderr?.on('data', (c: Buffer) => this.push(c));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `check` until it returns a non-undefined value. `abort` is polled too, so a child that
 * died during start-up fails at once instead of after the whole timeout.
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined> | T | undefined,
  opts: { timeoutMs: number; intervalMs?: number; abort?: () => string | undefined },
): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const aborted = opts.abort?.();
    if (aborted !== undefined) return { ok: false, reason: aborted };
    const value = await check();
    if (value !== undefined) return { ok: true, value };
    if (Date.now() >= deadline)
      return { ok: false, reason: `timed out after ${opts.timeoutMs} ms` };
    await sleep(opts.intervalMs ?? 25);
  }
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves once the child has exited (immediately when it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * SIGTERM, then SIGKILL after `graceMs`. Resolves when the process is gone, so callers can
 * safely delete the files it was using.
 */
export async function terminate(child: ChildProcess, graceMs = 3000): Promise<'exited' | 'killed'> {
  if (hasExited(child)) return 'exited';
  const gone = exited(child);
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    gone.then(() => false),
    new Promise<boolean>((r) => {
      timer = setTimeout(() => r(true), graceMs);
    }),
  ]);
  clearTimeout(timer);
  if (!timedOut) return 'exited';
  child.kill('SIGKILL');
  await gone;
  return 'killed';
}

// ---- TCP sockets from /proc ------------------------------------------------------------------

export interface TcpSocket {
  local: string;
  port: number;
  state: number;
  inode: number;
}

const TCP_LISTEN = 0x0a;

/** Every IPv4/IPv6 TCP socket of this network namespace whose local port is `port`. */
export async function tcpSocketsOnPort(port: number): Promise<TcpSocket[]> {
  const out: TcpSocket[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue; // tcp6 is absent when IPv6 is disabled
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      const local = f[1];
      if (!local || f[3] === undefined || f[9] === undefined) continue;
      const p = parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
      if (p !== port) continue;
      out.push({ local, port: p, state: parseInt(f[3], 16), inode: Number(f[9]) });
    }
  }
  return out;
}

export async function listeningInodes(port: number): Promise<number[]> {
  return (await tcpSocketsOnPort(port)).filter((s) => s.state === TCP_LISTEN).map((s) => s.inode);
}

/** Socket inodes held open by `pid` (needs the same user or root to read /proc/pid/fd). */
export async function socketInodesOf(pid: number): Promise<Set<number>> {
  const inodes = new Set<number>();
  let fds: string[];
  try {
    fds = await readdir(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(await readlink(`/proc/${pid}/fd/${fd}`));
      if (m?.[1]) inodes.add(Number(m[1]));
    } catch {
      // fd closed while we looked
    }
  }
  return inodes;
}

/** "pid 123 (pcscd)" for whoever holds one of `inodes`; best effort, for error messages. */
export async function describeOwners(inodes: number[]): Promise<string> {
  if (inodes.length === 0) return 'unknown process';
  const want = new Set(inodes);
  const owners: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const held = await socketInodesOf(Number(entry));
    if ([...held].some((i) => want.has(i))) {
      let comm = '?';
      try {
        comm = (await readFile(`/proc/${entry}/comm`, 'utf8')).trim();
      } catch {
        // process ended
      }
      owners.push(`pid ${entry} (${comm})`);
    }
  }
  return owners.length > 0 ? owners.join(', ') : 'a process this user cannot inspect';
}
