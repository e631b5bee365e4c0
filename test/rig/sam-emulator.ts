// A GA 467 SAM reader on one end of a socat pty pair (devices.md §1): answers SAM status,
// find, select and read, from a card the test places or removes. Faults a real reader shows
// can be switched on: card pulled between select and read, bad checksum, replies split into
// small slow pieces or merged with the next, garbage before the preamble, a truncated reply,
// silence, any SW3.
import { SerialPort } from 'serialport';
import { encodeFrame, FrameParser } from '../../drivers/id-card/frame.js';
import { encodeReadData, type FieldName } from '../../drivers/id-card/id-card-text.js';

export type CardFields = Partial<Record<FieldName, string>>;

export interface SamFaults {
  /** The card leaves after select: the read answers 41 and later finds answer 80. */
  removeBeforeRead?: boolean;
  /** Flip the read reply's checksum. */
  badChecksum?: boolean;
  /** Send each reply in pieces of this many bytes, `splitDelayMs` apart. */
  splitBytes?: number;
  splitDelayMs?: number;
  /** Noise before every reply. */
  garbage?: Buffer;
  /** Send only the first N bytes of the read reply. */
  truncateReadAt?: number;
  /** Answer nothing at all (a reader that hung or was unplugged). */
  silent?: boolean;
  /** Answer the read with this SW3 instead of 90. */
  readSw3?: number;
  /** Delay before every reply. */
  delayMs?: number;
  /** Answer SAM status with this SW3 instead of 90 (e.g. 0x60 self-test failed). */
  samStatusSw3?: number;
}

export class SamEmulator {
  card: CardFields | null = null;
  faults: SamFaults = {};
  /** Commands received, as "CMD PARA" hex. */
  readonly received: string[] = [];
  private readonly parser = new FrameParser();
  private constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      for (const item of this.parser.push(chunk)) {
        if (item.kind !== 'reply') continue;
        // A request has the same frame shape: its body is CMD PARA where a reply has SW1 SW2.
        void this.answer(item.reply.sw1, item.reply.sw2);
      }
    });
  }

  static open(path: string): Promise<SamEmulator> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path, baudRate: 115200 }, (err) =>
        err ? reject(err) : resolve(new SamEmulator(port)),
      );
      port.on('error', () => undefined);
    });
  }

  async close(): Promise<void> {
    if (this.port.isOpen) await new Promise<void>((r) => this.port.close(() => r()));
  }

  private async answer(cmd: number, para: number): Promise<void> {
    this.received.push(Buffer.from([cmd, para]).toString('hex'));
    const f = this.faults;
    if (f.silent) return;
    if (f.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    const key = `${cmd}:${para}`;
    let frame: Buffer;
    if (key === '17:255') frame = reply(f.samStatusSw3 ?? 0x90);
    else if (key === '32:1') frame = this.card ? reply(0x9f, Buffer.alloc(4)) : reply(0x80);
    else if (key === '32:2') frame = this.card ? reply(0x90) : reply(0x81);
    else if (key === '48:1') frame = this.readReply();
    else frame = reply(0x21);
    await this.send(frame);
  }

  private readReply(): Buffer {
    const f = this.faults;
    if (f.removeBeforeRead) this.card = null;
    if (!this.card) return reply(0x41);
    if (f.readSw3 !== undefined) return reply(f.readSw3);
    let frame = reply(0x90, encodeReadData(this.card));
    if (f.badChecksum) {
      frame = Buffer.from(frame);
      frame.writeUInt8(frame.at(-1)! ^ 0x5a, frame.length - 1);
    }
    if (f.truncateReadAt !== undefined) frame = frame.subarray(0, f.truncateReadAt);
    return frame;
  }

  private async send(frame: Buffer): Promise<void> {
    const f = this.faults;
    const all = f.garbage ? Buffer.concat([f.garbage, frame]) : frame;
    if (!f.splitBytes) {
      this.port.write(all);
      return;
    }
    for (let i = 0; i < all.length; i += f.splitBytes) {
      this.port.write(all.subarray(i, i + f.splitBytes));
      await new Promise((r) => setTimeout(r, f.splitDelayMs ?? 1));
    }
  }
}

function reply(sw3: number, data: Buffer = Buffer.alloc(0)): Buffer {
  return encodeFrame(Buffer.concat([Buffer.from([0, 0, sw3]), data]));
}
