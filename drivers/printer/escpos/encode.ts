/**
 * Document → ESC/POS bytes (devices.md §4). Pure: no I/O. Chinese text goes out as GB18030
 * with FS & (Chinese mode) sent after every ESC @, because init resets it to single-byte mode.
 * FS C and ESC t differ between makers, so they are never sent.
 */
import iconv from 'iconv-lite';
import { wrapDocument } from './layout.js';
import type { Align, Block, PrintDocument, QrErrorLevel, RasterImage } from './document.js';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;

export const cmd = {
  init: [ESC, 0x40],
  chineseOn: [FS, 0x26],
  chineseOff: [FS, 0x2e],
  align: (a: Align) => [ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2],
  size: (width: number, height: number) => [
    GS,
    0x21,
    ((clamp(width) - 1) << 4) | (clamp(height) - 1),
  ],
  qrModel2: [GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00],
  qrModuleSize: (n: number) => [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, n],
  qrErrorLevel: (level: QrErrorLevel) => [
    GS,
    0x28,
    0x6b,
    0x03,
    0x00,
    0x31,
    0x45,
    qrLevelByte[level],
  ],
  qrPrint: [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
  cut: (partial: boolean, feed = 3) => [GS, 0x56, partial ? 0x42 : 0x41, feed],
  status: (n: 1 | 2 | 3 | 4) => [DLE, EOT, n],
  autoStatusBack: (on: boolean) => [GS, 0x61, on ? 0x0f : 0x00],
  lf: [0x0a],
} as const;

const qrLevelByte: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

function clamp(n: number): number {
  return Math.min(8, Math.max(1, Math.round(n)));
}

export function encodeText(text: string): Uint8Array {
  return iconv.encode(text, 'gb18030');
}

export function qrStore(data: string): Uint8Array {
  const payload = iconv.encode(data, 'gb18030');
  const len = payload.length + 3;
  if (len > 0xffff) throw new RangeError(`QR payload too long (${payload.length} bytes)`);
  return concat([[GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30], payload]);
}

export function raster(image: RasterImage): Uint8Array {
  const { widthBytes: x, height: y } = image;
  if (image.data.length !== x * y) throw new RangeError('raster data does not match its size');
  return concat([[GS, 0x76, 0x30, 0, x & 0xff, x >> 8, y & 0xff, y >> 8], image.data]);
}

/** A rule as a row of dashes, as wide as the line. */
function ruleLine(columns: number): string {
  return '-'.repeat(columns);
}

function block(b: Block, doc: PrintDocument): ArrayLike<number>[] {
  switch (b.kind) {
    case 'text': {
      const w = b.width ?? 1;
      const h = b.height ?? 1;
      return [
        cmd.align(b.align ?? 'left'),
        cmd.size(w, h),
        encodeText(b.text),
        cmd.lf,
        ...(w !== 1 || h !== 1 ? [cmd.size(1, 1)] : []),
      ];
    }
    case 'qr':
      return [
        cmd.align(b.align ?? 'center'),
        cmd.qrModel2,
        cmd.qrModuleSize(b.moduleSize ?? 6),
        cmd.qrErrorLevel(b.errorLevel ?? 'M'),
        qrStore(b.data),
        cmd.qrPrint,
        cmd.lf,
      ];
    case 'image':
      return [cmd.align(b.align ?? 'center'), raster(b.image), cmd.lf];
    case 'rule':
      return [cmd.align('left'), encodeText(ruleLine(doc.columns)), cmd.lf];
    case 'feed':
      return Array.from({ length: Math.max(0, Math.min(10, b.lines)) }, () => cmd.lf);
    case 'cut':
      return [cmd.cut(b.partial ?? true)];
  }
}

/** The whole job: init, Chinese mode, the blocks, and a partial cut if the document has none. */
export function encodeDocument(doc: PrintDocument): Uint8Array {
  const wrapped = wrapDocument(doc);
  const parts: ArrayLike<number>[] = [cmd.init, cmd.chineseOn];
  for (const b of wrapped.blocks) parts.push(...block(b, wrapped));
  if (wrapped.blocks.at(-1)?.kind !== 'cut') parts.push(cmd.cut(true));
  return concat(parts);
}

export function concat(parts: ArrayLike<number>[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
