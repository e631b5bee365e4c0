/**
 * The print document: what a ticket or receipt says, independent of the printer. The ESC/POS
 * encoder turns it into bytes; the preview renders the same document to SVG/PNG.
 */
export type Align = 'left' | 'center' | 'right';

/** A 1-bit image, rows top to bottom, 8 pixels per byte, most significant bit leftmost. */
export interface RasterImage {
  /** Width in bytes (pixels = widthBytes × 8). */
  widthBytes: number;
  height: number;
  /** widthBytes × height bytes; a set bit is a black dot. */
  data: Uint8Array;
}

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

export type Block =
  | {
      kind: 'text';
      text: string;
      align?: Align;
      /** Character width and height multipliers, 1–8. */
      width?: number;
      height?: number;
      /** Print as an image even without rare characters (the technician's test page). */
      raster?: boolean;
    }
  | { kind: 'qr'; data: string; errorLevel?: QrErrorLevel; moduleSize?: number; align?: Align }
  | {
      kind: 'image';
      image: RasterImage;
      align?: Align;
      /** what the image shows, for previews */ alt?: string;
    }
  | { kind: 'rule' }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut'; partial?: boolean };

export interface PrintDocument {
  /** Characters per line at size 1 (32 on 58 mm paper, 48 on 80 mm). */
  columns: number;
  /** Printable dots per line (384 on 58 mm, 576 on 80 mm). */
  widthDots: number;
  blocks: Block[];
}
