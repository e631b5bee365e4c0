/**
 * The same document the printer gets, drawn as the paper will look: SVG for the screen, PNG
 * for files and demo mode. Dots map 1:1 to pixels (font A: 12×24 dots per column pair).
 */
import QRCode from 'qrcode';
import type { Align, PrintDocument, RasterImage } from '../../drivers/printer/escpos/document.js';
import { wrapDocument } from '../../drivers/printer/escpos/layout.js';
import { escapeXml, FONT_FAMILY, shapeLine, svgToPng } from './svg.js';

const DOT_FONT = 24;
const LINE = 30;
const PAD = 16;

export interface Preview {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

function anchorX(align: Align | undefined, width: number): { x: number; anchor: string } {
  if (align === 'center') return { x: width / 2, anchor: 'middle' };
  if (align === 'right') return { x: width, anchor: 'end' };
  return { x: 0, anchor: 'start' };
}

function imageRects(image: RasterImage, x0: number, y0: number): string {
  let d = '';
  for (let y = 0; y < image.height; y++) {
    let run = -1;
    const px = image.widthBytes * 8;
    for (let x = 0; x <= px; x++) {
      const on = x < px && (image.data[y * image.widthBytes + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
      if (on && run < 0) run = x;
      if (!on && run >= 0) {
        d += `M${x0 + run} ${y0 + y}h${x - run}v1h${run - x}z`;
        run = -1;
      }
    }
  }
  return d ? `<path d="${d}" fill="#000"/>` : '';
}

function qrPath(data: string, level: string, module: number, x0: number, y0: number) {
  const qr = QRCode.create(data, {
    errorCorrectionLevel: level as QRCode.QRCodeErrorCorrectionLevel,
  });
  const n = qr.modules.size;
  let d = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c))
        d += `M${x0 + c * module} ${y0 + r * module}h${module}v${module}h-${module}z`;
    }
  }
  return { svg: `<path d="${d}" fill="#000"/>`, size: n * module };
}

export function previewSvg(doc: PrintDocument): { svg: string; width: number; height: number } {
  const wrapped = wrapDocument(doc);
  const w = doc.widthDots;
  const parts: string[] = [];
  let y = 0;
  for (const b of wrapped.blocks) {
    switch (b.kind) {
      case 'text': {
        const sx = b.width ?? 1;
        const sy = b.height ?? 1;
        const { x, anchor } = anchorX(b.align, w / sx);
        const text =
          `<text transform="translate(0 ${LINE * sy - 6 * sy}) scale(${sx} ${sy})" x="${x}" ` +
          `text-anchor="${anchor}" font-family="${FONT_FAMILY}" font-size="${DOT_FONT}" ` +
          `xml:space="preserve">${escapeXml(b.text)}</text>`;
        parts.push(`<g transform="translate(0 ${y})">${shapeLine(text, w, LINE * sy)}</g>`);
        y += LINE * sy;
        break;
      }
      case 'qr': {
        const module = b.moduleSize ?? 6;
        const size =
          QRCode.create(b.data, { errorCorrectionLevel: b.errorLevel ?? 'M' }).modules.size *
          module;
        const x0 =
          b.align === 'left' ? 0 : b.align === 'right' ? w - size : Math.round((w - size) / 2);
        parts.push(qrPath(b.data, b.errorLevel ?? 'M', module, x0, y + 6).svg);
        y += size + 12;
        break;
      }
      case 'image': {
        const px = b.image.widthBytes * 8;
        const x0 = b.align === 'left' ? 0 : b.align === 'right' ? w - px : Math.round((w - px) / 2);
        parts.push(imageRects(b.image, x0, y));
        y += b.image.height;
        break;
      }
      case 'rule':
        y += LINE;
        parts.push(
          `<path d="M0 ${y - LINE / 2}h${w}" stroke="#000" stroke-width="2" stroke-dasharray="8 6"/>`,
        );
        break;
      case 'feed':
        y += LINE * b.lines;
        break;
      case 'cut':
        y += 8;
        parts.push(
          `<path d="M0 ${y}h${w}" stroke="#999" stroke-width="1" stroke-dasharray="4 4"/>`,
        );
        break;
    }
  }
  const width = w + 2 * PAD;
  const height = Math.ceil(y) + 2 * PAD;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="${width}" height="${height}" fill="#fff"/>` +
    `<g transform="translate(${PAD} ${PAD})" fill="#000">${parts.join('')}</g></svg>`;
  return { svg, width, height };
}

export function preview(doc: PrintDocument): Preview {
  const { svg, width, height } = previewSvg(doc);
  return { svg, png: svgToPng(svg), width, height };
}
