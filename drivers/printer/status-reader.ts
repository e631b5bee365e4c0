/**
 * The printer's status line. DLE EOT replies carry no tag, so exactly one query is ever in
 * flight, each with a timeout; after a timeout or a garbage reply the line is ignored for one
 * more timeout, so a late answer is never taken for the next question's. Automatic status
 * back (GS a), when asked for, arrives on the same line as four bytes of its own.
 */
import { cmd } from './escpos/encode.js';
import {
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

export interface StatusReaderOptions {
  /** How long one DLE EOT reply may take, ms. */
  replyTimeoutMs?: number;
  /** Ask the printer to send automatic status back (GS a) on each change. */
  autoStatus?: boolean;
}

class ReplyError extends Error {}

export interface StatusReader {
  /** Opens the link if needed, then asks the four DLE EOT questions. */
  query(): Promise<PrinterSnapshot>;
}

export function statusReader(
  link: PrinterLink,
  options: StatusReaderOptions,
  publish: (s: PrinterSnapshot) => void,
): StatusReader {
  const replyTimeoutMs = options.replyTimeoutMs ?? 1000;
  let pending: { resolve: (b: number) => void; reject: (e: Error) => void } | undefined;
  let discardUntil = 0;
  let asb: number[] | undefined;

  const onByte = (byte: number): void => {
    if (asb) {
      asb.push(byte);
      if (asb.length < 4) return;
      const bits = decodeAutoStatus(asb);
      asb = undefined;
      if (bits) publish(snapshot(stateOf(bits), bits, 'automatic status back'));
    } else if (options.autoStatus && isAutoStatusStart(byte)) {
      asb = [byte];
    } else if (pending) {
      const p = pending;
      pending = undefined;
      p.resolve(byte);
    }
    // Anything else is a late or stray byte: dropped.
  };
  link.onData((chunk) => {
    for (const byte of chunk) onByte(byte);
  });
  link.onClose((reason) => {
    pending?.reject(new ReplyError(reason));
    pending = undefined;
    asb = undefined;
    publish(snapshot('unreachable', undefined, reason));
  });

  async function ask(n: 1 | 2 | 3 | 4): Promise<number> {
    const wait = discardUntil - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
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

  async function open(): Promise<string | null> {
    if (link.isOpen()) return null;
    try {
      await link.open();
      if (options.autoStatus) await link.write(Uint8Array.from(cmd.autoStatusBack(true)));
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  return {
    async query() {
      const refused = await open();
      if (refused !== null) return snapshot('unreachable', undefined, refused);
      const bits: StatusBits = { ...noFault };
      try {
        for (const n of [1, 2, 3, 4] as const) {
          const byte = await ask(n);
          const part = decodeStatusReply(n, byte);
          if (!part) {
            discardUntil = Date.now() + replyTimeoutMs;
            const hex = byte.toString(16).padStart(2, '0');
            return snapshot('unreachable', undefined, `garbage reply 0x${hex} to DLE EOT ${n}`);
          }
          Object.assign(bits, part);
        }
      } catch (error) {
        return snapshot('unreachable', undefined, (error as Error).message);
      }
      return snapshot(stateOf(bits), bits);
    },
  };
}

export function snapshot(state: PrinterState, bits?: StatusBits, detail?: string): PrinterSnapshot {
  return { state, bits, detail, checkedAt: new Date().toISOString() };
}
