/**
 * The printer driver: a link plus status (the status line's reader is status-reader.ts).
 * Queries and prints take turns under one lock; printing is status before, send, status
 * after — the caller learns whether paper came out.
 */
import { canPrint } from './escpos/status.js';
import {
  snapshot as snap,
  statusReader,
  type PrinterSnapshot,
  type StatusReaderOptions,
} from './status-reader.js';
import type { PrinterLink } from './transports/link.js';

export type { PrinterSnapshot };

export type PrintResult =
  | { ok: true; before: PrinterSnapshot; after: PrinterSnapshot }
  | {
      ok: false;
      stage: 'before' | 'send' | 'after';
      before: PrinterSnapshot;
      after?: PrinterSnapshot;
    };

export interface PrinterOptions extends StatusReaderOptions {
  /** Status poll interval, ms; also how often a lost link is reopened. */
  pollMs?: number;
  /** Wait after sending a job before asking for status, so the paper has moved, ms. */
  confirmDelayMs?: number;
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

export function createPrinter(link: PrinterLink, options: PrinterOptions = {}): Printer {
  const pollMs = options.pollMs ?? 3000;
  const confirmDelayMs = options.confirmDelayMs ?? 500;
  const listeners = new Set<(s: PrinterSnapshot) => void>();
  let snapshot: PrinterSnapshot = snap('unreachable', undefined, 'not connected yet');
  let lock: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let failures = 0;
  const reopenAfter = options.reopenAfterFailures ?? 2;

  function publish(next: PrinterSnapshot): PrinterSnapshot {
    const changed = next.state !== snapshot.state || next.detail !== snapshot.detail;
    snapshot = next;
    if (changed) for (const l of [...listeners]) l(next);
    return next;
  }
  const reader = statusReader(link, options, publish);

  /** Runs `fn` when no other query or print is running. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = lock.then(fn, fn);
    lock = run.catch(() => undefined);
    return run;
  }

  /** A query, then count failures and reopen a link that keeps failing. */
  async function check(): Promise<PrinterSnapshot> {
    const s = await reader.query();
    failures = s.state === 'unreachable' ? failures + 1 : 0;
    if (reopenAfter > 0 && failures >= reopenAfter && link.isOpen()) {
      failures = 0;
      await link.close();
    }
    return s;
  }

  const refresh = () => exclusive(async () => publish(await check()));

  /** Status before, send, status after: the caller learns whether paper came out. */
  const print = async (bytes: Uint8Array): Promise<PrintResult> => {
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
  };

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
    print: (bytes) => exclusive(() => print(bytes)),
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
