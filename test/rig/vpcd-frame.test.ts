import { describe, expect, it } from 'vitest';
import { FrameDecoder, MAX_PAYLOAD, VPCD_CTRL, classify, encodeFrame } from './vpcd-frame.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('vpcd frame codec', () => {
  const payloads = [
    hex('04'),
    hex('00 A4 04 00 0F 7378312E73682EC9E7BBE1B1A3D5CF'),
    hex('FF CA 00 00 00'),
    Buffer.alloc(300, 0xab), // length > 255: both length bytes matter
  ];
  const stream = Buffer.concat(payloads.map(encodeFrame));

  it('encodes uint16 big-endian length then payload', () => {
    expect(encodeFrame(hex('FF CA 00 00 00'))).toEqual(hex('0005 FFCA000000'));
    expect(encodeFrame(Buffer.alloc(0))).toEqual(hex('0000'));
    expect(encodeFrame(Buffer.alloc(300)).subarray(0, 2)).toEqual(hex('012C'));
  });

  it('encodes the largest payload and refuses a longer one', () => {
    expect(encodeFrame(Buffer.alloc(MAX_PAYLOAD)).readUInt16BE(0)).toBe(0xffff);
    expect(() => encodeFrame(Buffer.alloc(MAX_PAYLOAD + 1))).toThrow(RangeError);
  });

  it('decodes a whole frame', () => {
    const d = new FrameDecoder();
    expect(d.push(encodeFrame(payloads[1]!))).toEqual([payloads[1]]);
    expect(d.pending).toBe(0);
  });

  it('decodes several frames merged into one read', () => {
    const d = new FrameDecoder();
    expect(d.push(stream)).toEqual(payloads);
    expect(d.pending).toBe(0);
  });

  it('decodes a stream fed byte by byte', () => {
    const d = new FrameDecoder();
    const got: Buffer[] = [];
    for (const byte of stream) got.push(...d.push(Buffer.from([byte])));
    expect(got).toEqual(payloads);
    expect(d.pending).toBe(0);
  });

  it('decodes the stream split in two at every offset', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const d = new FrameDecoder();
      const got = [...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))];
      expect(got, `cut at ${cut}`).toEqual(payloads);
      expect(d.pending).toBe(0);
    }
  });

  it('decodes the stream split in three at every pair of offsets', () => {
    const small = Buffer.concat(payloads.slice(0, 3).map(encodeFrame));
    for (let i = 0; i <= small.length; i++) {
      for (let j = i; j <= small.length; j++) {
        const d = new FrameDecoder();
        const got = [
          ...d.push(small.subarray(0, i)),
          ...d.push(small.subarray(i, j)),
          ...d.push(small.subarray(j)),
        ];
        expect(got, `cuts at ${i},${j}`).toEqual(payloads.slice(0, 3));
      }
    }
  });

  it('holds an incomplete frame until the rest arrives', () => {
    const d = new FrameDecoder();
    expect(d.push(hex('00'))).toEqual([]);
    expect(d.push(hex('05 FFCA00'))).toEqual([]);
    expect(d.pending).toBe(5);
    expect(d.push(hex('0000 0001'))).toEqual([hex('FFCA000000')]);
    expect(d.pending).toBe(2);
    expect(d.push(hex('04'))).toEqual([hex('04')]);
  });

  it('decodes a zero-length frame as an empty payload', () => {
    expect(new FrameDecoder().push(hex('0000 0001 02'))).toEqual([Buffer.alloc(0), hex('02')]);
  });

  it('returns payload copies that later input does not change', () => {
    const d = new FrameDecoder();
    const chunk = Buffer.from(encodeFrame(hex('0102')));
    const [p] = d.push(chunk);
    chunk.fill(0);
    expect(p).toEqual(hex('0102'));
  });

  it('classifies 1-byte payloads as control and longer ones as APDUs', () => {
    expect(classify(hex('04'))).toEqual({ kind: 'control', code: VPCD_CTRL.GET_ATR });
    expect(classify(hex('00'))).toEqual({ kind: 'control', code: VPCD_CTRL.POWER_OFF });
    expect(classify(hex('01'))).toEqual({ kind: 'control', code: VPCD_CTRL.POWER_ON });
    expect(classify(hex('02'))).toEqual({ kind: 'control', code: VPCD_CTRL.RESET });
    expect(classify(hex('00B2012C00'))).toEqual({ kind: 'apdu', apdu: hex('00B2012C00') });
    expect(classify(Buffer.alloc(0))).toEqual({ kind: 'empty' });
  });
});
