/**
 * The USB printer class device file (/dev/usb/lp0 on Linux, from the usblp driver). Writes go
 * to the file; a bidirectional printer's status replies are read back from it. Without
 * bidirectional support no reply comes, and the driver reports "unreachable" after its
 * timeout instead of pretending the printer is fine.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { LinkEvents, within, type PrinterLink } from './link.js';

export interface UsbLinkOptions {
  path: string;
  timeoutMs?: number;
}

export function createUsbLink(options: UsbLinkOptions): PrinterLink {
  const events = new LinkEvents();
  const timeoutMs = options.timeoutMs ?? 3000;
  const name = `usb ${options.path}`;
  let file: FileHandle | undefined;
  let reader: ReadStream | undefined;

  const drop = (reason: string) => {
    if (!file) return;
    const f = file;
    file = undefined;
    reader?.destroy();
    reader = undefined;
    void f.close().catch(() => undefined);
    events.emitClose(reason);
  };

  return {
    name,
    async open() {
      if (file) return;
      const f = await within(open(options.path, 'r+'), timeoutMs, `open ${name}`);
      file = f;
      reader = createReadStream('', { fd: f, autoClose: false });
      reader.on('data', (chunk) => events.emitData(chunk as Buffer));
      reader.on('error', (e) => drop(`${name}: ${e.message}`));
      reader.on('end', () => drop(`${name} ended`));
    },
    isOpen: () => !!file,
    async write(bytes) {
      const f = file;
      if (!f) throw new Error(`${name} is not open`);
      try {
        await within(f.write(bytes), timeoutMs, `write to ${name}`);
      } catch (error) {
        drop((error as Error).message);
        throw error;
      }
    },
    onData: (l) => events.onData(l),
    onClose: (l) => events.onClose(l),
    async close() {
      const f = file;
      file = undefined;
      reader?.destroy();
      reader = undefined;
      await f?.close().catch(() => undefined);
    },
  };
}
