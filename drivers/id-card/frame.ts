/**
 * GA 467 frames, the SAM reader's serial protocol (devices.md §1). Pure: bytes in, values out.
 *
 *   AA AA AA 96 69 | LEN (2, BE) | body | CHK     LEN = body + CHK; CHK = XOR of LEN and body
 *
 * Requests carry CMD PARA (+ data) as the body; replies SW1 SW2 SW3 (+ data).
 */
export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
/** The largest reply there is (read text + photo, 1295 bytes in all) with room to spare. */
export const MAX_LEN = 0x0600;

export const commands = {
  samStatus: [0x11, 0xff],
  find: [0x20, 0x01],
  select: [0x20, 0x02],
  read: [0x30, 0x01],
} as const satisfies Record<string, readonly [number, number]>;
export type CommandName = keyof typeof commands;

function xor(bytes: Buffer): number {
  let chk = 0;
  for (const b of bytes) chk ^= b;
  return chk;
}

/** A whole frame around `body` (a request's CMD PARA + data, or a reply's SW1 SW2 SW3 + data). */
export function encodeFrame(body: Buffer | readonly number[]): Buffer {
  const b = Buffer.from(body as readonly number[]);
  const head = Buffer.alloc(2);
  head.writeUInt16BE(b.length + 1);
  const covered = Buffer.concat([head, b]);
  return Buffer.concat([PREAMBLE, covered, Buffer.from([xor(covered)])]);
}

export function encodeCommand(name: CommandName): Buffer {
  return encodeFrame(commands[name]);
}

/** A parsed frame. For a request, sw1 sw2 are CMD PARA and sw3 is -1 (requests are shorter). */
export interface Reply {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Buffer;
}

export type ParserItem =
  | { kind: 'reply'; reply: Reply }
  /** Bytes before a preamble, or a frame thrown away; `reason` says which. */
  | { kind: 'dropped'; bytes: number; reason: 'garbage' | 'checksum' | 'length' };

/**
 * A streaming frame parser: feed it whatever the serial port hands over (split, merged, with
 * line noise in front) and it yields whole, checked replies. A frame with a bad checksum or an
 * impossible length is dropped and the search resumes one byte later, so a preamble inside
 * the noise cannot swallow the real frame behind it.
 */
export class FrameParser {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): ParserItem[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: ParserItem[] = [];
    for (;;) {
      const start = this.buf.indexOf(PREAMBLE);
      if (start < 0) {
        // Keep a tail that could be the start of a preamble split across reads.
        const keep = Math.min(this.buf.length, PREAMBLE.length - 1);
        const drop = this.buf.length - keep;
        if (drop > 0) out.push({ kind: 'dropped', bytes: drop, reason: 'garbage' });
        this.buf = this.buf.subarray(drop);
        return out;
      }
      if (start > 0) {
        out.push({ kind: 'dropped', bytes: start, reason: 'garbage' });
        this.buf = this.buf.subarray(start);
      }
      if (this.buf.length < PREAMBLE.length + 2) return out;
      const len = this.buf.readUInt16BE(PREAMBLE.length);
      if (len < 3 || len > MAX_LEN) {
        out.push({ kind: 'dropped', bytes: 1, reason: 'length' });
        this.buf = this.buf.subarray(1);
        continue;
      }
      const total = PREAMBLE.length + 2 + len;
      if (this.buf.length < total) return out;
      const covered = this.buf.subarray(PREAMBLE.length, total - 1);
      if (xor(covered) !== this.buf[total - 1]) {
        out.push({ kind: 'dropped', bytes: 1, reason: 'checksum' });
        this.buf = this.buf.subarray(1);
        continue;
      }
      const body = covered.subarray(2);
      out.push({
        kind: 'reply',
        reply: {
          sw1: body[0]!,
          sw2: body[1]!,
          sw3: body[2] ?? -1,
          data: Buffer.from(body.subarray(3)),
        },
      });
      this.buf = this.buf.subarray(total);
    }
  }

  /** Bytes held while waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  reset(): void {
    this.buf = Buffer.alloc(0);
  }
}
