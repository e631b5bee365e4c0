/**
 * Serial (RS-232 or a USB-serial adapter) through `serialport`. serialport 13 can spin on a
 * port whose peer hung up without telling us (see test/rig/README.md), so every operation
 * here has a timeout and close never waits for the OS forever.
 */
import { SerialPort } from 'serialport';
import { LinkEvents, within, type PrinterLink } from './link.js';

export interface SerialLinkOptions {
  path: string;
  baudRate?: number;
  timeoutMs?: number;
}

export function createSerialLink(options: SerialLinkOptions): PrinterLink {
  const events = new LinkEvents();
  const timeoutMs = options.timeoutMs ?? 3000;
  const name = `serial ${options.path}`;
  let port: SerialPort | undefined;

  const drop = (p: SerialPort, reason: string) => {
    if (port !== p) return;
    port = undefined;
    p.removeAllListeners('data');
    events.emitClose(reason);
  };

  return {
    name,
    async open() {
      if (port?.isOpen) return;
      const p = new SerialPort({
        path: options.path,
        baudRate: options.baudRate ?? 9600,
        autoOpen: false,
      });
      p.on('error', () => undefined); // close follows
      await within(
        new Promise<void>((resolve, reject) => p.open((e) => (e ? reject(e) : resolve()))),
        timeoutMs,
        `open ${name}`,
      );
      p.on('data', (chunk: Buffer) => events.emitData(chunk));
      p.on('close', () => drop(p, `${name} closed`));
      port = p;
    },
    isOpen: () => !!port?.isOpen,
    async write(bytes) {
      const p = port;
      if (!p?.isOpen) throw new Error(`${name} is not open`);
      try {
        await within(
          new Promise<void>((resolve, reject) => {
            p.write(Buffer.from(bytes), (e) =>
              e ? reject(e) : p.drain((d) => (d ? reject(d) : resolve())),
            );
          }),
          timeoutMs,
          `write to ${name}`,
        );
      } catch (error) {
        // A write that cannot finish means the device is gone; close so reconnect can start.
        await closePort(p, timeoutMs);
        drop(p, (error as Error).message);
        throw error;
      }
    },
    onData: (l) => events.onData(l),
    onClose: (l) => events.onClose(l),
    async close() {
      const p = port;
      port = undefined;
      if (p) await closePort(p, timeoutMs);
    },
  };
}

async function closePort(p: SerialPort, timeoutMs: number): Promise<void> {
  if (!p.isOpen) return;
  await within(new Promise<void>((resolve) => p.close(() => resolve())), timeoutMs, 'close').catch(
    () => undefined,
  );
}
