/**
 * A byte link to a printer: what serial, TCP 9100 and the USB printer class device file have
 * in common. The printer driver above it owns status and reconnection.
 */
export interface PrinterLink {
  /** For logs and the technician: "tcp 10.0.0.5:9100", "serial /dev/ttyUSB0". */
  readonly name: string;
  /** Opens the link; rejects with a reason a technician can act on. */
  open(): Promise<void>;
  isOpen(): boolean;
  /** Resolves once the bytes are handed to the OS (drained), rejects if the link fails. */
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Buffer) => void): void;
  /** The link closed by itself (cable pulled, printer off, connection reset). */
  onClose(listener: (reason: string) => void): void;
  close(): Promise<void>;
}

/** Rejects after `ms` with `what` unless `promise` settles first. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Listener bookkeeping shared by the links. */
export class LinkEvents {
  private data = new Set<(chunk: Buffer) => void>();
  private closed = new Set<(reason: string) => void>();
  onData(l: (chunk: Buffer) => void): void {
    this.data.add(l);
  }
  onClose(l: (reason: string) => void): void {
    this.closed.add(l);
  }
  emitData(chunk: Buffer): void {
    for (const l of [...this.data]) l(chunk);
  }
  emitClose(reason: string): void {
    for (const l of [...this.closed]) l(reason);
  }
}
