import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { PrintDocument } from './document.js';
import { cmd, encodeDocument, qrStore, raster } from './encode.js';

const hex = (bytes: ArrayLike<number>) =>
  Buffer.from(Array.from(bytes))
    .toString('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1 ');

describe('ESC/POS commands match devices.md §4', () => {
  it('init, Chinese mode, align, size, cut, status', () => {
    expect(hex(cmd.init)).toBe('1B 40');
    expect(hex(cmd.chineseOn)).toBe('1C 26');
    expect(hex(cmd.chineseOff)).toBe('1C 2E');
    expect(hex(cmd.align('left'))).toBe('1B 61 00');
    expect(hex(cmd.align('center'))).toBe('1B 61 01');
    expect(hex(cmd.align('right'))).toBe('1B 61 02');
    expect(hex(cmd.size(2, 3))).toBe('1D 21 12');
    expect(hex(cmd.size(8, 8))).toBe('1D 21 77');
    expect(hex(cmd.size(1, 1))).toBe('1D 21 00');
    expect(hex(cmd.cut(true, 3))).toBe('1D 56 42 03');
    expect(hex(cmd.cut(false, 0))).toBe('1D 56 41 00');
    expect(hex(cmd.status(4))).toBe('10 04 04');
  });

  it('QR: model 2, module size, error level L/M/Q/H, store with pL pH = len + 3, print', () => {
    expect(hex(cmd.qrModel2)).toBe('1D 28 6B 04 00 31 41 32 00');
    expect(hex(cmd.qrModuleSize(6))).toBe('1D 28 6B 03 00 31 43 06');
    expect(hex(cmd.qrErrorLevel('L'))).toBe('1D 28 6B 03 00 31 45 30');
    expect(hex(cmd.qrErrorLevel('H'))).toBe('1D 28 6B 03 00 31 45 33');
    expect(hex(qrStore('A1'))).toBe('1D 28 6B 05 00 31 50 30 41 31');
    const long = qrStore('x'.repeat(300));
    expect([long[3], long[4]]).toEqual([303 & 0xff, 303 >> 8]);
    expect(hex(cmd.qrPrint)).toBe('1D 28 6B 03 00 31 51 30');
  });

  it('raster image GS v 0 with width in bytes and height in dots', () => {
    const img = { widthBytes: 2, height: 3, data: new Uint8Array(6).fill(0xff) };
    expect(hex(raster(img))).toBe('1D 76 30 00 02 00 03 00 FF FF FF FF FF FF');
    expect(() => raster({ ...img, height: 4 })).toThrow(/does not match/);
  });

  it('a document starts with init then FS &, has GB18030 text, and ends with a partial cut', () => {
    const doc: PrintDocument = {
      columns: 32,
      widthDots: 384,
      blocks: [
        { kind: 'text', text: '街道政务服务中心', align: 'center' },
        { kind: 'text', text: 'A023', align: 'center', width: 3, height: 3 },
        { kind: 'qr', data: 'T1|ABCD', errorLevel: 'Q' },
      ],
    };
    const bytes = Buffer.from(encodeDocument(doc));
    expect(hex(bytes.subarray(0, 4))).toBe('1B 40 1C 26');
    expect(bytes.indexOf(iconv.encode('街道政务服务中心', 'gb18030'))).toBeGreaterThan(0);
    expect(bytes.indexOf(Buffer.from([0x1d, 0x21, 0x22]))).toBeGreaterThan(0);
    expect(
      bytes.indexOf(Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x32])),
    ).toBeGreaterThan(0);
    expect(hex(bytes.subarray(-4))).toBe('1D 56 42 03');
  });

  it('a 4-byte GB18030 character (outside GBK) survives the encoding', () => {
    const doc: PrintDocument = {
      columns: 32,
      widthDots: 384,
      blocks: [{ kind: 'text', text: '𠀀' }],
    };
    const bytes = Buffer.from(encodeDocument(doc));
    expect(bytes.indexOf(Buffer.from([0x95, 0x32, 0x82, 0x36]))).toBeGreaterThan(0);
  });
});
