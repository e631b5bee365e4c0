import { describe, expect, it } from 'vitest';
import {
  bitsInWords,
  canPrint,
  decodeAutoStatus,
  decodeStatusReply,
  noFault,
  stateOf,
  type StatusBits,
} from './status.js';

const all = (replies: [number, number, number, number]): StatusBits | undefined => {
  const parts = replies.map((b, i) => decodeStatusReply((i + 1) as 1 | 2 | 3 | 4, b));
  return parts.every(Boolean) ? (Object.assign({}, noFault, ...parts) as StatusBits) : undefined;
};

describe('DLE EOT replies (devices.md §4)', () => {
  it('base 0x12 in all four is online', () => {
    expect(stateOf(all([0x12, 0x12, 0x12, 0x12])!)).toBe('online');
  });
  it('n=1 bit 3 is offline', () => {
    expect(decodeStatusReply(1, 0x1a)).toEqual({ offline: true });
    expect(stateOf(all([0x1a, 0x12, 0x12, 0x12])!)).toBe('offline');
  });
  it('n=2 bit 2 cover open, bit 5 paper-end stop, bit 6 error', () => {
    expect(decodeStatusReply(2, 0x16)).toEqual({
      coverOpen: true,
      paperEndStop: false,
      error: false,
    });
    expect(stateOf(all([0x12, 0x16, 0x12, 0x12])!)).toBe('coverOpen');
    expect(stateOf(all([0x12, 0x32, 0x12, 0x12])!)).toBe('paperOut');
    expect(stateOf(all([0x12, 0x52, 0x12, 0x12])!)).toBe('offline');
  });
  it('n=3 bit 3 autocutter error, bit 5 unrecoverable', () => {
    expect(stateOf(all([0x12, 0x12, 0x1a, 0x12])!)).toBe('cutterError');
    expect(stateOf(all([0x12, 0x12, 0x32, 0x12])!)).toBe('cutterError');
  });
  it('n=4 0x0C paper near end, 0x60 paper end', () => {
    expect(stateOf(all([0x12, 0x12, 0x12, 0x1e])!)).toBe('paperNearEnd');
    expect(stateOf(all([0x12, 0x12, 0x12, 0x72])!)).toBe('paperOut');
    expect(canPrint('paperNearEnd')).toBe(true);
    expect(canPrint('paperOut')).toBe(false);
  });
  it('garbage (fixed bits wrong) is not a state', () => {
    expect(decodeStatusReply(1, 0xff)).toBeUndefined();
    expect(decodeStatusReply(4, 0x00)).toBeUndefined();
    expect(decodeStatusReply(2, 0x13)).toBeUndefined();
  });
  it('automatic status back: 4 bytes, first with bit 4 set and bits 0,1,7 clear', () => {
    expect(decodeAutoStatus([0x10, 0x00, 0x00, 0x00])).toEqual(noFault);
    expect(stateOf(decodeAutoStatus([0x30, 0x00, 0x00, 0x00])!)).toBe('coverOpen');
    expect(stateOf(decodeAutoStatus([0x18, 0x00, 0x00, 0x00])!)).toBe('offline');
    expect(stateOf(decodeAutoStatus([0x10, 0x00, 0x0c, 0x00])!)).toBe('paperOut');
    expect(stateOf(decodeAutoStatus([0x10, 0x00, 0x03, 0x00])!)).toBe('paperNearEnd');
    expect(decodeAutoStatus([0x12, 0, 0, 0])).toBeUndefined();
    expect(decodeAutoStatus([0x10, 0, 0])).toBeUndefined();
  });
  it('bits in words name the bit', () => {
    expect(bitsInWords({ ...noFault, coverOpen: true, paperNearEnd: true })).toEqual([
      'cover open (n=2 bit 2)',
      'paper near end (n=4 bits 2–3)',
    ]);
  });
});
