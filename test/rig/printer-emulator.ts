/**
 * A receipt-printer emulator: the peer the printer driver talks to in tests, over a real TCP
 * listener (port 9100's stand-in) or one end of a socat pty pair. It decodes each job (init,
 * FS &, GB18030 text lines with alignment and size, QR payload, raster images, cut) for
 * assertions, and answers DLE EOT n from a state the test sets: paper out, cover open,
 * offline, slow, garbage, silent, or a fault that strikes after so many bytes of a job.
 */
import iconv from 'iconv-lite';
import { createServer, type Server, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { openPtyPair, type PtyPair } from './socat.js';

export interface EmulatorState {
  offline: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  cutterError: boolean;
  /** Delay before each status reply, ms. */
  replyDelayMs: number;
  /** Answer DLE EOT with bytes whose fixed bits are wrong. */
  garbage: boolean;
  /** Do not answer DLE EOT at all. */
  silent: boolean;
  /** Paper runs out once this many bytes of the current job have arrived. */
  paperOutAfterBytes?: number;
  /** The cover is opened once this many bytes of the current job have arrived. */
  coverOpenAfterBytes?: number;
}

export interface JobLine {
  text: string;
  align: 'left' | 'center' | 'right';
  width: number;
  height: number;
  /** FS & was in force: the bytes were read as GB18030. */
  chinese: boolean;
}

export interface DecodedJob {
  /** FS & came right after the job's ESC @. */
  chineseAfterInit: boolean;
  lines: JobLine[];
  qr: { data: string; model?: number; errorLevel?: 'L' | 'M' | 'Q' | 'H'; moduleSize?: number }[];
  images: { widthBytes: number; height: number }[];
  cut?: 'partial' | 'full';
  /** What stopped the paper moving part way, if anything. */
  interrupted?: 'paperOut' | 'coverOpen';
  bytes: number;
  unknown: number[];
}

const idle: EmulatorState = {
  offline: false,
  coverOpen: false,
  paperNearEnd: false,
  paperOut: false,
  cutterError: false,
  replyDelayMs: 0,
  garbage: false,
  silent: false,
};

const levels = { 0x30: 'L', 0x31: 'M', 0x32: 'Q', 0x33: 'H' } as const;

export class PrinterEmulator {
  state: EmulatorState = { ...idle };
  readonly jobs: DecodedJob[] = [];
  statusQueries = 0;
  /** Most DLE EOT queries ever waiting for their reply at once. */
  maxOutstanding = 0;
  private outstanding = 0;
  private buf = Buffer.alloc(0);
  private job: DecodedJob | undefined;
  private line: number[] = [];
  private align: JobLine['align'] = 'left';
  private size = { width: 1, height: 1 };
  private chinese = false;
  /** The last command was ESC @ (FS & must follow it). */
  private justInit = false;
  private realtime = false;
  private asb = false;
  private send: (bytes: Buffer) => void = () => undefined;

  /** Sets part of the state; sends an automatic status back if the host enabled it. */
  set(patch: Partial<EmulatorState>): void {
    this.state = { ...this.state, ...patch };
    if (this.asb) this.send(this.autoStatus());
  }

  reset(): void {
    this.state = { ...idle };
    this.jobs.length = 0;
    this.statusQueries = 0;
    this.maxOutstanding = 0;
    this.outstanding = 0;
  }

  /** Attaches the byte sink replies go to (one connection at a time). */
  attach(send: (bytes: Buffer) => void): void {
    this.send = send;
    this.buf = Buffer.alloc(0);
  }

  /** Jobs that ended with a cut and were not interrupted: paper a resident could take. */
  printed(): DecodedJob[] {
    return this.jobs.filter((j) => j.cut && !j.interrupted);
  }

  receive(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    let at = 0;
    for (;;) {
      this.realtime = false;
      const wasInit = this.justInit;
      const used = this.step(this.buf, at);
      if (used === 0) break;
      at += used;
      if (!this.realtime) {
        if (wasInit) this.justInit = false;
        this.count(used);
      }
    }
    this.buf = this.buf.subarray(at);
  }

  /** Parses one command or text byte at `at`; 0 when more bytes are needed. */
  private step(b: Buffer, at: number): number {
    if (at >= b.length) return 0;
    const c = b[at]!;
    const need = (n: number) => (b.length - at >= n ? n : 0);
    if (c === 0x10) {
      if (!need(3)) return 0;
      if (b[at + 1] === 0x04) this.statusQuery(b[at + 2]!);
      this.realtime = true;
      return 3;
    }
    if (c === 0x1b) {
      if (!need(2)) return 0;
      const f = b[at + 1]!;
      if (f === 0x40) return (this.init(), 2);
      if (!need(3)) return 0;
      if (f === 0x61) this.align = (['left', 'center', 'right'] as const)[b[at + 2]! % 3]!;
      else this.job?.unknown.push(c, f);
      return 3;
    }
    if (c === 0x1c) {
      if (!need(2)) return 0;
      const f = b[at + 1]!;
      if (f === 0x26) {
        this.chinese = true;
        if (this.job && this.justInit) this.job.chineseAfterInit = true;
      } else if (f === 0x2e) this.chinese = false;
      return 2;
    }
    if (c === 0x1d) return this.gs(b, at);
    if (c === 0x0a) return (this.lineFeed(), 1);
    this.line.push(c);
    return 1;
  }

  private gs(b: Buffer, at: number): number {
    const avail = b.length - at;
    if (avail < 3) return 0;
    const f = b[at + 1]!;
    if (f === 0x21) {
      const n = b[at + 2]!;
      this.size = { width: (n >> 4) + 1, height: (n & 0x0f) + 1 };
      return 3;
    }
    if (f === 0x61) {
      this.asb = b[at + 2] !== 0;
      if (this.asb) this.send(this.autoStatus());
      return 3;
    }
    if (f === 0x56) {
      const m = b[at + 2]!;
      const len = m === 0x41 || m === 0x42 ? 4 : 3;
      if (avail < len) return 0;
      this.cut(m === 0x42 || m === 0x01 ? 'partial' : 'full');
      return len;
    }
    if (f === 0x28 && b[at + 2] === 0x6b) {
      if (avail < 5) return 0;
      const len = b[at + 3]! + 256 * b[at + 4]!;
      if (avail < 5 + len) return 0;
      this.qr(b.subarray(at + 5, at + 5 + len));
      return 5 + len;
    }
    if (f === 0x76 && b[at + 2] === 0x30) {
      if (avail < 8) return 0;
      const x = b[at + 4]! + 256 * b[at + 5]!;
      const y = b[at + 6]! + 256 * b[at + 7]!;
      if (avail < 8 + x * y) return 0;
      if (this.printing()) this.job?.images.push({ widthBytes: x, height: y });
      return 8 + x * y;
    }
    this.job?.unknown.push(0x1d, f);
    return 2;
  }

  private qrState: DecodedJob['qr'][number] = { data: '' };

  private qr(p: Buffer): void {
    const fn = p[1];
    if (fn === 0x41) this.qrState.model = p[2]! - 0x30;
    else if (fn === 0x43) this.qrState.moduleSize = p[2];
    else if (fn === 0x45) this.qrState.errorLevel = levels[p[2] as keyof typeof levels];
    else if (fn === 0x50) this.qrState.data = iconv.decode(p.subarray(3), 'gb18030');
    else if (fn === 0x51) {
      if (this.printing()) this.job?.qr.push({ ...this.qrState });
      this.qrState = { data: '' };
    }
  }

  private init(): void {
    this.job = {
      chineseAfterInit: false,
      lines: [],
      qr: [],
      images: [],
      bytes: 0,
      unknown: [],
    };
    this.jobs.push(this.job);
    this.justInit = true;
    this.chinese = false;
    this.align = 'left';
    this.size = { width: 1, height: 1 };
    this.line = [];
  }

  /** Counts a job byte and lets a fault that was set to strike mid-job strike. */
  private count(n: number): void {
    if (!this.job) return;
    this.job.bytes += n;
    const s = this.state;
    if (s.paperOutAfterBytes !== undefined && this.job.bytes >= s.paperOutAfterBytes) {
      this.set({ paperOut: true, paperOutAfterBytes: undefined });
    }
    if (s.coverOpenAfterBytes !== undefined && this.job.bytes >= s.coverOpenAfterBytes) {
      this.set({ coverOpen: true, coverOpenAfterBytes: undefined });
    }
    if (!this.job.interrupted && (this.state.paperOut || this.state.coverOpen)) {
      this.job.interrupted = this.state.paperOut ? 'paperOut' : 'coverOpen';
    }
  }

  private printing(): boolean {
    const s = this.state;
    return !s.paperOut && !s.coverOpen && !s.offline;
  }

  private lineFeed(): void {
    const bytes = Buffer.from(this.line);
    this.line = [];
    if (!this.job || !this.printing()) return;
    const text = this.chinese ? iconv.decode(bytes, 'gb18030') : bytes.toString('latin1');
    this.job.lines.push({ text, align: this.align, ...this.size, chinese: this.chinese });
  }

  private cut(kind: 'partial' | 'full'): void {
    if (this.job && this.printing()) this.job.cut = kind;
  }

  private statusQuery(n: number): void {
    this.statusQueries++;
    this.outstanding++;
    this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
    const s = this.state;
    if (s.silent) {
      this.outstanding = 0; // never answered: the host gives up on it
      return;
    }
    let reply: number[];
    if (s.garbage) reply = [0xff, 0x00, 0x41];
    else {
      const byte =
        n === 1
          ? 0x12 | (s.offline ? 0x08 : 0)
          : n === 2
            ? 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0)
            : n === 3
              ? 0x12 | (s.cutterError ? 0x08 : 0)
              : 0x12 | (s.paperNearEnd ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
      reply = [byte];
    }
    const send = this.send;
    const answer = () => {
      this.outstanding--;
      send(Buffer.from(reply));
    };
    if (s.replyDelayMs > 0) setTimeout(answer, s.replyDelayMs);
    else answer();
  }

  private autoStatus(): Buffer {
    const s = this.state;
    return Buffer.from([
      0x10 | (s.offline ? 0x08 : 0) | (s.coverOpen ? 0x20 : 0),
      s.cutterError ? 0x08 : 0,
      (s.paperNearEnd ? 0x03 : 0) | (s.paperOut ? 0x0c : 0),
      0x00,
    ]);
  }
}

export interface TcpPrinter {
  emulator: PrinterEmulator;
  port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Closes the listener and every connection: the printer is switched off. */
  stop(): Promise<void>;
}

/** A printer on a real TCP listener (127.0.0.1, a free port unless `port` is given). */
export async function startTcpPrinter(
  emulator = new PrinterEmulator(),
  port = 0,
): Promise<TcpPrinter> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    emulator.attach((bytes) => {
      if (!socket.destroyed) socket.write(bytes);
    });
    socket.on('data', (chunk) => emulator.receive(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return {
    emulator,
    port: address.port,
    get connections() {
      return connections;
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface PtyPrinter {
  emulator: PrinterEmulator;
  /** The path the driver opens with serialport. */
  path: string;
  pair: PtyPair;
  /** Stops socat: the cable is pulled. */
  pull(): Promise<void>;
}

/** A printer on one end of a socat pty pair, read and written through the real serialport. */
export async function startPtyPrinter(emulator = new PrinterEmulator()): Promise<PtyPrinter> {
  const pair = await openPtyPair();
  const port = await new Promise<SerialPort>((resolve, reject) => {
    const p = new SerialPort({ path: pair.b, baudRate: 115200 }, (err) =>
      err ? reject(err) : resolve(p),
    );
  });
  port.on('error', () => undefined);
  port.on('data', (chunk: Buffer) => emulator.receive(chunk));
  emulator.attach((bytes) => {
    if (port.isOpen) port.write(bytes);
  });
  return {
    emulator,
    path: pair.a,
    pair,
    async pull() {
      await pair.stop();
      if (port.isOpen) await new Promise<void>((r) => port.close(() => r()));
    },
  };
}
