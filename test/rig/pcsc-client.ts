// Typed, promise-based access to the real `pcsclite` addon (1.0.1) for rig tests.
//
// pcsclite 1.0.1 does ship an index.d.ts, but it exports only the factory and keeps its
// interfaces private, so they cannot be named here; the types below restate what
// node_modules/pcsclite/lib/pcsclite.js and src/*.cpp actually do, and nothing more.
//
// Socket path: libpcsclite reads PCSCLITE_CSOCK_NAME with getenv() on the first
// SCardEstablishContext of the process — not when the addon is loaded — and caches it in a
// static buffer for the rest of the process (pcsc-lite winscard_msg.c, getSocketName()).
// pcsclite calls SCardEstablishContext synchronously inside pcsc() (PCSCLite's constructor).
// So: set the variable before the first pcsc() call; changing it afterwards has no effect.
// useRigSocket() enforces that.
import pcscFactory from 'pcsclite';
import type { PcscRig } from './pcscd.js';

/** Reader state bits (winscard SCARD_STATE_*); the high 16 bits of `state` are an event counter. */
export const SCARD_STATE = {
  CHANGED: 0x0002,
  UNKNOWN: 0x0004,
  UNAVAILABLE: 0x0008,
  EMPTY: 0x0010,
  PRESENT: 0x0020,
  EXCLUSIVE: 0x0080,
  INUSE: 0x0100,
  MUTE: 0x0200,
} as const;

export interface ReaderStatus {
  state: number;
  /**
   * The addon always passes a Buffer (empty when there is no card); typed optional because
   * lib/pcsclite.js only copies it when truthy.
   */
  atr?: Buffer;
}

// Callbacks: on success the addon passes (undefined, value); on error (Error) only; connect
// and disconnect call back with no arguments at all when already (dis)connected.
type Cb<T> = (err: Error | undefined | null, value: T) => void;

export interface CardReader {
  readonly name: string;
  /** Last state passed to 'status' (lib/pcsclite.js sets it after each emit). */
  state?: number;
  readonly connected: boolean;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_SHARE_DIRECT: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_PROTOCOL_RAW: number;
  readonly SCARD_LEAVE_CARD: number;
  readonly SCARD_RESET_CARD: number;
  readonly SCARD_UNPOWER_CARD: number;
  readonly SCARD_EJECT_CARD: number;
  on(event: 'status', listener: (status: ReaderStatus) => void): this;
  on(event: 'end', listener: () => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  off(event: 'status' | 'end' | 'error', listener: (...args: never[]) => void): this;
  /** share_mode defaults to EXCLUSIVE, protocol to T0|T1. */
  connect(options: { share_mode?: number; protocol?: number }, cb: Cb<number>): void;
  /** disposition defaults to UNPOWER. */
  disconnect(disposition: number, cb: (err?: Error | null) => void): void;
  transmit(data: Buffer, resLen: number, protocol: number, cb: Cb<Buffer>): void;
  control(data: Buffer, controlCode: number, resLen: number, cb: Cb<Buffer>): void;
  /** Stops the reader's status thread. */
  close(): void;
}

export interface PCSCLite {
  /** Known readers by name (lib/pcsclite.js keeps it up to date). */
  readonly readers: Record<string, CardReader>;
  on(event: 'reader', listener: (reader: CardReader) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  off(event: 'reader' | 'error', listener: (...args: never[]) => void): this;
  /** Stops the reader-list thread (not the readers' own threads). */
  close(): void;
}

const pcsc = pcscFactory as unknown as () => PCSCLite;

let boundSocket: string | undefined;

/**
 * Points this process's libpcsclite at the rig. Throws if an earlier call bound another path:
 * libpcsclite would silently keep talking to the first one.
 */
export function useRigSocket(rig: Pick<PcscRig, 'socketPath'>): void {
  if (boundSocket !== undefined && boundSocket !== rig.socketPath) {
    throw new Error(
      `libpcsclite in this process is already bound to ${boundSocket}; it reads ` +
        `PCSCLITE_CSOCK_NAME once per process, so ${rig.socketPath} is unreachable from here. ` +
        `Restart rigs on the same dir/basePort, or use a child process.`,
    );
  }
  process.env.PCSCLITE_CSOCK_NAME = rig.socketPath;
  boundSocket = rig.socketPath;
}

export const isPresent = (state: number): boolean => (state & SCARD_STATE.PRESENT) !== 0;
export const isEmpty = (state: number): boolean => (state & SCARD_STATE.EMPTY) !== 0;

/** A pcsclite context plus the reader threads it started, closed together. */
export class PcscSession {
  readonly pcsc: PCSCLite;
  private readonly seen: CardReader[] = [];
  private readonly errors: Error[] = [];

  constructor() {
    this.pcsc = pcsc();
    this.pcsc.on('reader', (r) => {
      this.seen.push(r);
      // An 'error' with no listener would crash the test worker.
      r.on('error', (e) => this.errors.push(e));
    });
    this.pcsc.on('error', (e) => this.errors.push(e));
  }

  get lastErrors(): readonly Error[] {
    return this.errors;
  }

  waitForReader(name: string, timeoutMs = 5000): Promise<CardReader> {
    const known = this.pcsc.readers[name];
    if (known) return Promise.resolve(known);
    return withTimeout(timeoutMs, `reader "${name}"`, (resolve) => {
      const onReader = (r: CardReader): void => {
        if (r.name !== name) return;
        this.pcsc.off('reader', onReader);
        resolve(r);
      };
      this.pcsc.on('reader', onReader);
      return () => this.pcsc.off('reader', onReader);
    });
  }

  readerNames(): string[] {
    return Object.keys(this.pcsc.readers);
  }

  /** Closes every reader thread and the context; without it the worker cannot exit. */
  close(): void {
    for (const r of this.seen) r.close();
    this.pcsc.close();
  }
}

/**
 * Resolves with the first status matching `pred`. pcsclite emits 'status' only on change (and
 * once right after the reader appears), so subscribe before causing the change. The addon
 * hands states over through one uv_async slot, so two changes in quick succession can arrive
 * as one event carrying only the later state: wait for end states, not for every step.
 */
export function waitForStatus(
  reader: CardReader,
  pred: (s: ReaderStatus) => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<ReaderStatus> {
  return withTimeout(timeoutMs, `${reader.name}: ${what}`, (resolve) => {
    const onStatus = (s: ReaderStatus): void => {
      if (!pred(s)) return;
      reader.off('status', onStatus);
      resolve(s);
    };
    reader.on('status', onStatus);
    return () => reader.off('status', onStatus);
  });
}

export function connect(reader: CardReader, shareMode: number, protocol?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const opts =
      protocol === undefined ? { share_mode: shareMode } : { share_mode: shareMode, protocol };
    reader.connect(opts, (err, proto) => (err ? reject(err) : resolve(proto)));
  });
}

export function transmit(
  reader: CardReader,
  apdu: Buffer,
  protocol: number,
  maxLen = 258,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    reader.transmit(apdu, maxLen, protocol, (err, data) => (err ? reject(err) : resolve(data)));
  });
}

/** disposition defaults to UNPOWER, as in pcsclite itself. */
export function disconnect(reader: CardReader, disposition?: number): Promise<void> {
  return new Promise((resolve, reject) => {
    reader.disconnect(disposition ?? reader.SCARD_UNPOWER_CARD, (err) =>
      err ? reject(err) : resolve(),
    );
  });
}

function withTimeout<T>(
  ms: number,
  what: string,
  body: (resolve: (v: T) => void) => () => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const unsubscribe = body((v) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}
