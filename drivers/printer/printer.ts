/**
 * The printer driver: a link plus status. DLE EOT replies carry no tag, so exactly one query
 * is ever in flight, each with a timeout; after a timeout or a garbage reply we ignore the line
 * for one more timeout, so a late answer is never taken for the next question's. Printing holds
 * the same lock: status before, send, status after — the caller learns whether paper came out.
 */
import { cmd } from './escpos/encode.js';
import {
  canPrint,
  decodeAutoStatus,
  decodeStatusReply,
  isAutoStatusStart,
  noFault,
  stateOf,
  type PrinterState,
  type StatusBits,
} from './escpos/status.js';
import type { PrinterLink } from './transports/link.js';

export interface PrinterSnapshot {
  state: PrinterState;
  bits?: StatusBits;
  /** Why the state is what it is, for logs and the technician (never personal data). */
  detail?: string;
  checkedAt: string;
}

export type PrintResult =
  | { ok: true; before: PrinterSnapshot; after: PrinterSnapshot }
  | {
      ok: false;
      stage: 'before' | 'send' | 'after';
      before: PrinterSnapshot;
      after?: PrinterSnapshot;
    };

export interface PrinterOptions {
  /** Status poll interval, ms; also how often a lost link is reopened. */
  pollMs?: number;
  /** How long one DLE EOT reply may take, ms. */
  replyTimeoutMs?: number;
  /** Wait after sending a job before asking for status, so the paper has moved, ms. */
  confirmDelayMs?: number;
  /** Ask the printer to send automatic status back (GS a) on each change. */
  autoStatus?: boolean;
  /**
   * Close and reopen the link after this many status checks in a row got no sense out of the
   * printer (0: never). A serial port whose peer vanished can stay "open" forever, spinning
   * (serialport 13), and a re-plugged adapter needs a fresh open. Default 2.
   */
  reopenAfterFailures?: number;
}

export interface Printer {
  readonly name: string;
  status(): PrinterSnapshot;
  onChange(listener: (s: PrinterSnapshot) => void): () => void;
  /** Connects if needed and asks the printer now. */
  refresh(): Promise<PrinterSnapshot>;
  print(bytes: Uint8Array): Promise<PrintResult>;
  /** Starts polling (and reconnecting); the first poll runs at once. */
  start(): void;
  close(): Promise<void>;
}

class ReplyError extends Error {}

export function createPrinter(link: PrinterLink, options: PrinterOptions = {}): Printer {
  const pollMs = options.pollMs ?? 3000;
  const replyTimeoutMs = options.replyTimeoutMs ?? 1000;
  const confirmDelayMs = options.confirmDelayMs ?? 500;
  const listeners = new Set<(s: PrinterSnapshot) => void>();
  let snapshot: PrinterSnapshot = snap('unreachable', undefined, 'not connected yet');
  let pending: { resolve: (b: number) => void; reject: (e: Error) => void } | undefined;
  let discardUntil = 0;
  let asb: number[] | undefined;
  let lock: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let failures = 0;
  const reopenAfter = options.reopenAfterFailures ?? 2;

  function snap(state: PrinterState, bits?: StatusBits, detail?: string): PrinterSnapshot {
    return { state, bits, detail, checkedAt: new Date().toISOString() };
  }

  function publish(next: PrinterSnapshot): PrinterSnapshot {
    const changed = next.state !== snapshot.state || next.detail !== snapshot.detail;
    snapshot = next;
    if (changed) for (const l of [...listeners]) l(next);
    return next;
  }

  link.onData((chunk) => {
    for (const byte of chunk) {
      if (asb) {
        asb.push(byte);
        if (asb.length === 4) {
          const bits = decodeAutoStatus(asb);
          asb = undefined;
          if (bits) publish(snap(stateOf(bits), bits, 'automatic status back'));
        }
      } else if (options.autoStatus && isAutoStatusStart(byte)) {
        asb = [byte];
      } else if (pending) {
        const p = pending;
        pending = undefined;
        p.resolve(byte);
      }
      // Anything else is a late or stray byte: dropped.
    }
  });

  link.onClose((reason) => {
    pending?.reject(new ReplyError(reason));
    pending = undefined;
    asb = undefined;
    publish(snap('unreachable', undefined, reason));
  });

  /** Runs `fn` when no other query or print is running. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = lock.then(fn, fn);
    lock = run.catch(() => undefined);
    return run;
  }

  async function ask(n: 1 | 2 | 3 | 4): Promise<number> {
    const wait = discardUntil - Date.now();
    if (wait > 0) await delay(wait);
    return new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => {
        pending = undefined;
        discardUntil = Date.now() + replyTimeoutMs;
        reject(new ReplyError(`no reply to DLE EOT ${n} within ${replyTimeoutMs} ms`));
      }, replyTimeoutMs);
      pending = {
        resolve: (b) => (clearTimeout(t), resolve(b)),
        reject: (e) => (clearTimeout(t), reject(e)),
      };
      link.write(Uint8Array.from(cmd.status(n))).catch((e: Error) => pending?.reject(e));
    });
  }

  async function query(): Promise<PrinterSnapshot> {
    if (!link.isOpen()) {
      try {
        await link.open();
        if (options.autoStatus) await link.write(Uint8Array.from(cmd.autoStatusBack(true)));
      } catch (error) {
        return snap('unreachable', undefined, (error as Error).message);
      }
    }
    const bits: StatusBits = { ...noFault };
    try {
      for (const n of [1, 2, 3, 4] as const) {
        const byte = await ask(n);
        const part = decodeStatusReply(n, byte);
        if (!part) {
          discardUntil = Date.now() + replyTimeoutMs;
          const hex = byte.toString(16).padStart(2, '0');
          return snap('unreachable', undefined, `garbage reply 0x${hex} to DLE EOT ${n}`);
        }
        Object.assign(bits, part);
      }
    } catch (error) {
      return snap('unreachable', undefined, (error as Error).message);
    }
    return snap(stateOf(bits), bits);
  }

  /** query(), then count failures and reopen a link that keeps failing. */
  async function check(): Promise<PrinterSnapshot> {
    const s = await query();
    failures = s.state === 'unreachable' ? failures + 1 : 0;
    if (reopenAfter > 0 && failures >= reopenAfter && link.isOpen()) {
      failures = 0;
      await link.close();
    }
    return s;
  }

  const refresh = () => exclusive(async () => publish(await check()));

  function schedule(): void {
    if (closed) return;
    timer = setTimeout(() => {
      void refresh().finally(schedule);
    }, pollMs);
    timer.unref();
  }

  return {
    name: link.name,
    status: () => snapshot,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh,
    print: (bytes) =>
      exclusive(async (): Promise<PrintResult> => {
        const before = publish(await check());
        if (!canPrint(before.state)) return { ok: false, stage: 'before', before };
        try {
          await link.write(bytes);
        } catch (error) {
          const after = publish(snap('unreachable', undefined, (error as Error).message));
          return { ok: false, stage: 'send', before, after };
        }
        if (confirmDelayMs > 0) await delay(confirmDelayMs);
        const after = publish(await check());
        return canPrint(after.state)
          ? { ok: true, before, after }
          : { ok: false, stage: 'after', before, after };
      }),
    start() {
      void refresh().finally(schedule);
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      listeners.clear();
      await lock;
      await link.close();
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
