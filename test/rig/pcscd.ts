// A private pcscd with the vpcd (virtual smart-card reader) driver, started and stopped by tests.
//
// Why a mount namespace and not just PCSCLITE_CSOCK_NAME: in pcsc-lite 1.9.9 (Debian 12) — and
// still upstream — only the *client* library reads PCSCLITE_CSOCK_NAME (winscard_msg.c,
// getSocketName()). The daemon binds the compiled-in /run/pcscd/pcscd.comm and writes
// /run/pcscd/pcscd.pid unconditionally (winscard_msg_srv.c, pcscdaemon.c); started with the
// variable set it still takes /run/pcscd and refuses to start ("Another pcscd seems to be
// running") next to a system pcscd. So the rig runs pcscd in its own mount namespace
// (`unshare --mount`) with a private directory bind-mounted over /run: the daemon's
// /run/pcscd/pcscd.comm is then <rig dir>/run/pcscd/pcscd.comm on the host, and clients reach
// it with PCSCLITE_CSOCK_NAME=<that path>. The host's /run is never touched.
//
// What stays global: vpcd's TCP ports (it listens on 0.0.0.0:<port> and <port>+1). They are
// checked before start, and a rig can use another pair (`basePort`, or 'auto' for test files
// running in parallel), which only changes the DEVICENAME line of the private reader.conf —
// the reader names stay "Virtual PCD 00 00/01".
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  OutputTail,
  describeOwners,
  hasExited,
  listeningInodes,
  pollUntil,
  requireFile,
  socketInodesOf,
  terminate,
  withParentDeathSignal,
} from './proc.js';

export const PCSCD_BIN = '/usr/sbin/pcscd';
export const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
export const VPCD_READER_CONF = '/etc/reader.conf.d/vpcd';
export const PCSC_APT_LINE = 'apt-get install -y pcscd vsmartcard-vpcd';
/** vpcd's compiled-in default, 0x8C7B; slot n listens on basePort + n. */
export const VPCD_DEFAULT_PORT = 35963;
export const VPCD_READER_NAMES = ['Virtual PCD 00 00', 'Virtual PCD 00 01'] as const;
/** Where pcscd 1.9.9 puts its socket; the namespace maps it into the rig's directory. */
const DAEMON_SOCKET = '/run/pcscd/pcscd.comm';
const DAEMON_PIDFILE = '/run/pcscd/pcscd.pid';
/** vpcd's log line (ifd-vpcd.c) when opening its listening socket failed. */
const VPCD_BIND_FAILED = 'Could not initialize connection to virtual ICC';

/**
 * namespace: private /run (default when `unshare` works: root, or unprivileged user namespaces).
 * global: the real /run/pcscd, for machines without namespaces; then only one pcscd can run and
 * start fails if another one (e.g. the system's) already does.
 */
export type PcscdIsolation = 'namespace' | 'global';

export interface PcscdOptions {
  /**
   * First vpcd port; "Virtual PCD 00 00" = basePort, "… 00 01" = basePort + 1. Default 35963.
   * 'auto' picks a free pair in 40000–59999 (use rig.ports[0] for the VirtualCard), so test
   * files running in parallel processes do not collide.
   */
  basePort?: number | 'auto';
  isolation?: PcscdIsolation | 'auto';
  startTimeoutMs?: number;
  /** SIGTERM → SIGKILL delay in stop(). */
  stopGraceMs?: number;
  /** pcscd log level; 'info' also prints vpcd's "Waiting for virtual ICC on port …". */
  logLevel?: 'error' | 'info' | 'debug';
  /**
   * Rig directory (config + bind-mounted /run). Default: one fixed path per test process, so
   * the socket path is the same across restarts — libpcsclite caches the socket path for the
   * life of the process (see pcsc-client.ts), so a restarted rig must keep it. A second rig
   * running at the same time in one process needs its own `dir`.
   */
  dir?: string;
}

export interface PcscRig {
  /** Environment a client process needs (merge into spawn's env). */
  readonly env: { PCSCLITE_CSOCK_NAME: string };
  readonly socketPath: string;
  readonly ports: readonly [number, number];
  readonly readerNames: typeof VPCD_READER_NAMES;
  readonly isolation: PcscdIsolation;
  readonly pid: number;
  /** Wall time from startPcscd() to ready, ms. */
  readonly startMs: number;
  /** pcscd's captured stdout+stderr (with -a: every APDU and SW). */
  output(): string;
  running(): boolean;
  /** SIGTERM, SIGKILL after the grace period, then removes the rig directory. Idempotent. */
  stop(): Promise<void>;
}

const activeDirs = new Set<string>();
let namespaceProbe: Promise<string | undefined> | undefined;

function unshareArgs(): string[] {
  // Root can make a mount namespace directly; anyone else needs a user namespace mapping them
  // to root inside it (Debian 12 allows unprivileged user namespaces by default).
  const root = process.getuid?.() === 0;
  return ['unshare', ...(root ? [] : ['--map-root-user']), '--mount', '--propagation', 'private'];
}

/** undefined when a mount namespace with a bind over /run works here, else why not. */
function probeNamespace(): Promise<string | undefined> {
  namespaceProbe ??= new Promise((resolve) => {
    const child = spawn(
      unshareArgs()[0]!,
      [...unshareArgs().slice(1), '--', '/bin/sh', '-c', 'mount --bind "$1" /run', 'sh', tmpdir()],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e) => resolve(`cannot run unshare: ${e.message}`));
    child.on('exit', (code) =>
      resolve(code === 0 ? undefined : `unshare/mount failed (${code}): ${err.trim()}`),
    );
  });
  return namespaceProbe;
}

async function isSocket(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isSocket();
  } catch {
    return false;
  }
}

/** Binding like vpcd does (0.0.0.0, SO_REUSEADDR — Node sets it too): undefined if it works. */
function bindError(port: number): Promise<Error | undefined> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', (e) => resolve(e));
    srv.listen({ port, host: '0.0.0.0' }, () => srv.close(() => resolve(undefined)));
  });
}

/** Why the pair is unusable, or undefined when both ports are free. */
async function portsProblem(ports: readonly number[]): Promise<string | undefined> {
  for (const [slot, port] of ports.entries()) {
    const name = `vpcd port ${port} ("${VPCD_READER_NAMES[slot]}")`;
    // /proc first: it names the holder. The bind also catches sockets bound but not listening.
    const inodes = await listeningInodes(port);
    if (inodes.length > 0) {
      return `${name} is already in use by ${await describeOwners(inodes)}`;
    }
    const err = await bindError(port);
    if (err) return `${name} cannot be bound: ${err.message}`;
  }
  return undefined;
}

/** Thrown when vpcd's ports are (or became) taken; 'auto' then tries another pair. */
class PortsTakenError extends Error {}

async function assertPortsFree(ports: readonly number[]): Promise<void> {
  const problem = await portsProblem(ports);
  if (problem !== undefined) {
    throw new PortsTakenError(
      `${problem}. Another pcscd/vpcd rig (or a leftover from a crashed run) holds it: ` +
        `stop that process, or start this rig with another basePort (or basePort: 'auto').`,
    );
  }
}

/** Live pid of a pcscd owning the real /run/pcscd, if any (global mode only). */
async function runningSystemPcscd(): Promise<number | undefined> {
  try {
    // parseInt, not Number: pcscd writes "<pid>\n\0" (the NUL included).
    const pid = parseInt(await readFile(DAEMON_PIDFILE, 'utf8'), 10);
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

function readerConf(original: string, basePort: number): string {
  // Keep Debian's file as is except the port: DEVICENAME "/dev/null:<port>" makes vpcd listen
  // (any other host name would make it connect out instead).
  const hex = `0x${basePort.toString(16).toUpperCase()}`;
  if (!/^\s*DEVICENAME\s+\/dev\/null:\S+/m.test(original)) {
    throw new Error(`${VPCD_READER_CONF} has no "DEVICENAME /dev/null:<port>" line:\n${original}`);
  }
  return original
    .replace(/^(\s*DEVICENAME\s+\/dev\/null:)\S+/m, `$1${hex}`)
    .replace(/^(\s*CHANNELID\s+)\S+/m, `$1${hex}`);
}

export async function startPcscd(options: PcscdOptions = {}): Promise<PcscRig> {
  const t0 = performance.now();
  await requireFile(PCSCD_BIN, PCSC_APT_LINE, { what: 'pcscd', executable: true });
  await requireFile(VPCD_DRIVER, PCSC_APT_LINE, { what: 'the vpcd driver (vsmartcard-vpcd)' });
  await requireFile(VPCD_READER_CONF, PCSC_APT_LINE, { what: "vpcd's reader.conf" });
  const wanted = options.basePort ?? VPCD_DEFAULT_PORT;
  if (wanted !== 'auto') {
    if (!Number.isInteger(wanted) || wanted < 1024 || wanted > 65534) {
      throw new Error(`basePort must be an integer in 1024..65534 or 'auto', got ${wanted}`);
    }
    return startOnce(wanted, options, t0);
  }
  // Random pairs rather than scanning up from a fixed port: parallel workers scanning the
  // same way would race for the same first free pair.
  for (let attempt = 1; ; attempt++) {
    if (attempt > 20)
      throw new PortsTakenError('pcscd rig: no free vpcd port pair found in 40000–59999');
    const base = 40000 + 2 * Math.floor(Math.random() * 10000);
    if ((await portsProblem([base, base + 1])) !== undefined) continue;
    try {
      return await startOnce(base, options, t0);
    } catch (e) {
      if (!(e instanceof PortsTakenError) || attempt >= 5) throw e;
    }
  }
}

async function startOnce(basePort: number, options: PcscdOptions, t0: number): Promise<PcscRig> {
  const ports = [basePort, basePort + 1] as const;
  await assertPortsFree(ports);

  let isolation: PcscdIsolation;
  const wanted = options.isolation ?? 'auto';
  if (wanted === 'global') {
    isolation = 'global';
  } else {
    const why = await probeNamespace();
    if (why === undefined) isolation = 'namespace';
    else if (wanted === 'auto') isolation = 'global';
    else throw new Error(`pcscd rig: mount namespace unavailable: ${why}`);
  }
  if (isolation === 'global') {
    const other = await runningSystemPcscd();
    if (other !== undefined) {
      const why = wanted === 'global' ? 'isolation: global was asked for' : await probeNamespace();
      throw new Error(
        `pcscd rig: another pcscd (pid ${other}) owns ${DAEMON_SOCKET}, and the rig cannot ` +
          `have a private /run (${why}). Stop that pcscd first.`,
      );
    }
  }

  const dir = options.dir ?? join(tmpdir(), `hall-kiosk-pcscd.${process.pid}`);
  if (activeDirs.has(dir)) {
    throw new Error(
      `pcscd rig: a rig using ${dir} is already running in this process; stop it first, ` +
        `or give the second rig its own \`dir\` (its socket then needs a client process).`,
    );
  }
  const socketPath =
    isolation === 'namespace' ? join(dir, 'run', 'pcscd', 'pcscd.comm') : DAEMON_SOCKET;
  if (Buffer.byteLength(socketPath) >= 108) {
    throw new Error(`pcscd rig: socket path too long for AF_UNIX (108 bytes): ${socketPath}`);
  }
  activeDirs.add(dir);

  let child: ChildProcess | undefined;
  const out = new OutputTail();
  const cleanup = async (): Promise<void> => {
    if (child) await terminate(child, options.stopGraceMs ?? 3000);
    await rm(dir, { recursive: true, force: true });
    activeDirs.delete(dir);
  };

  try {
    // A leftover directory from a crashed run with the same pid is stale by definition.
    await rm(dir, { recursive: true, force: true });
    const confDir = join(dir, 'reader.conf.d');
    await mkdir(confDir, { recursive: true, mode: 0o700 });
    await mkdir(join(dir, 'run'), { mode: 0o755 });
    await writeFile(
      join(confDir, 'vpcd'),
      readerConf(await readFile(VPCD_READER_CONF, 'utf8'), basePort),
    );

    const level = options.logLevel ?? 'info';
    const levelFlag = { error: '--error', info: '--info', debug: '--debug' }[level];
    // -f: foreground, log to stdout; -a: log every APDU/SW; -c: only our reader.conf.d.
    const pcscdArgv = await withParentDeathSignal([
      PCSCD_BIN,
      '-f',
      '-a',
      levelFlag,
      '-c',
      confDir,
    ]);
    const argv =
      isolation === 'namespace'
        ? [
            ...unshareArgs(),
            '--',
            '/bin/sh',
            '-c',
            // `exec` keeps one pid from unshare to pcscd, so stop() signals pcscd itself.
            'mount --bind "$1" /run && shift && exec "$@"',
            'sh',
            join(dir, 'run'),
            ...pcscdArgv,
          ]
        : pcscdArgv;

    const spawned = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    child = spawned;
    out.attach(spawned);
    let spawnError: Error | undefined;
    spawned.on('error', (e) => (spawnError = e));

    const ready = await pollUntil(
      async () => {
        if (spawned.pid === undefined || !(await isSocket(socketPath))) return undefined;
        // Ready = both vpcd ports are listening *and* held by our pcscd (not by a stranger
        // that grabbed one between the check and the start).
        const mine = await socketInodesOf(spawned.pid);
        for (const port of ports) {
          if (!(await listeningInodes(port)).some((i) => mine.has(i))) return undefined;
        }
        return true;
      },
      {
        timeoutMs: options.startTimeoutMs ?? 10_000,
        abort: () =>
          spawnError
            ? `could not spawn ${argv[0]}: ${spawnError.message}`
            : hasExited(spawned)
              ? `pcscd exited early (code ${spawned.exitCode}, signal ${spawned.signalCode})`
              : // pcscd keeps running without the reader when vpcd cannot bind its port:
                // say so now rather than after the whole timeout.
                out.text().includes(VPCD_BIND_FAILED)
                ? VPCD_BIND_FAILED
                : undefined,
      },
    );
    if (!ready.ok) {
      const listening = await Promise.all(
        ports.map(
          async (p) =>
            `${p}: ${(await listeningInodes(p)).length > 0 ? 'listening' : 'not listening'}`,
        ),
      );
      const message =
        `pcscd rig did not come up: ${ready.reason}` +
        (ready.reason === VPCD_BIND_FAILED
          ? ' (vpcd could not listen: port taken by another socket after the check?)\n'
          : '\n') +
        `  command: ${argv.join(' ')}\n` +
        `  socket ${socketPath}: ${(await isSocket(socketPath)) ? 'present' : 'absent'}\n` +
        `  vpcd ports ${listening.join(', ')}\n` +
        `--- pcscd output ---\n${out.text() || '(none)'}`;
      throw ready.reason === VPCD_BIND_FAILED ? new PortsTakenError(message) : new Error(message);
    }
  } catch (e) {
    await cleanup();
    throw e;
  }

  const started = child;
  const startMs = performance.now() - t0;
  let stopping: Promise<void> | undefined;
  return {
    env: { PCSCLITE_CSOCK_NAME: socketPath },
    socketPath,
    ports,
    readerNames: VPCD_READER_NAMES,
    isolation,
    pid: started.pid!,
    startMs,
    output: () => out.text(),
    running: () => !hasExited(started),
    stop: () => (stopping ??= cleanup()),
  };
}
