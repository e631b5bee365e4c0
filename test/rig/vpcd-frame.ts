// vpcd wire format, kept pure (no sockets) so it can be tested byte by byte.
//
// Every message in both directions is `uint16 big-endian length | payload` (vsmartcard
// vpcd.c, sendToVICC/recvFromVICC). From vpcd, a 1-byte payload is a control code; anything
// longer is a command APDU. The card answers GET ATR and APDUs only: vpcd sends power
// on/off/reset without reading a reply, so answering them would desynchronise the stream.

export const VPCD_CTRL = {
  POWER_OFF: 0x00,
  POWER_ON: 0x01,
  RESET: 0x02,
  GET_ATR: 0x04,
} as const;

export type VpcdMessage =
  | { kind: 'control'; code: number }
  | { kind: 'apdu'; apdu: Buffer }
  /** Zero-length frame: vpcd never sends one; reported so a test can notice, never answered. */
  | { kind: 'empty' };

export const MAX_PAYLOAD = 0xffff;

export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.length > MAX_PAYLOAD) {
    throw new RangeError(`vpcd frame payload too long: ${payload.length} > ${MAX_PAYLOAD}`);
  }
  const frame = Buffer.allocUnsafe(2 + payload.length);
  frame.writeUInt16BE(payload.length, 0);
  frame.set(payload, 2);
  return frame;
}

/**
 * Reassembles frames from arbitrary TCP chunks: one frame split over many reads, many frames
 * in one read, or both.
 */
export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0);

  /** Feeds bytes; returns every payload completed by them, in order. */
  push(chunk: Uint8Array): Buffer[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const frames: Buffer[] = [];
    let off = 0;
    while (this.buf.length - off >= 2) {
      const len = this.buf.readUInt16BE(off);
      if (this.buf.length - off - 2 < len) break;
      // Copy, so a caller keeping a payload does not pin (or see reuse of) the whole buffer.
      frames.push(Buffer.from(this.buf.subarray(off + 2, off + 2 + len)));
      off += 2 + len;
    }
    this.buf = this.buf.subarray(off);
    return frames;
  }

  /** Bytes of an incomplete frame still waiting for the rest. */
  get pending(): number {
    return this.buf.length;
  }
}

export function classify(payload: Buffer): VpcdMessage {
  if (payload.length === 0) return { kind: 'empty' };
  if (payload.length === 1) return { kind: 'control', code: payload[0]! };
  return { kind: 'apdu', apdu: payload };
}
