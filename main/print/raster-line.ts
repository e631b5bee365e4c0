/**
 * Lines with characters the printer font lacks (生僻字) are drawn with our font and sent as
 * a GS v 0 raster image, so a resident's rare name character prints instead of a blank box.
 */
import type {
  Align,
  Block,
  PrintDocument,
  RasterImage,
} from '../../drivers/printer/escpos/document.js';
import { wrapDocument } from '../../drivers/printer/escpos/layout.js';
import { rareChars, type RareRule } from '../../drivers/printer/escpos/rare.js';
import { toRaster } from './logo.js';
import { escapeXml, FONT_FAMILY, fontHasGlyph, svgToPixels } from './svg.js';

export function rasterizeLine(
  text: string,
  opts: { widthDots: number; width?: number; height?: number; align?: Align },
): RasterImage {
  const sx = opts.width ?? 1;
  const sy = opts.height ?? 1;
  const w = opts.widthDots;
  const h = 30 * sy;
  const x = opts.align === 'center' ? w / 2 / sx : opts.align === 'right' ? w / sx : 0;
  const anchor = opts.align === 'center' ? 'middle' : opts.align === 'right' ? 'end' : 'start';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">` +
    `<text transform="translate(0 ${h - 6 * sy}) scale(${sx} ${sy})" x="${x}" text-anchor="${anchor}" ` +
    `font-family="${FONT_FAMILY}" font-size="24">${escapeXml(text)}</text></svg>`;
  const { width, height, rgba } = svgToPixels(svg);
  return toRaster(width, height, rgba);
}

/** Whether a line goes as an image: it asks to, or holds a rare character our font can draw. */
function asImage(b: Block, rule: RareRule): boolean {
  if (b.kind !== 'text') return false;
  if (b.raster) return true;
  const rare = rareChars(b.text, rule);
  // A character neither the printer nor our font has would print as a box either way: leave
  // the line as text, so the printer at least prints the rest of it in its own font.
  return rare.length > 0 && rare.every(fontHasGlyph);
}

/** Rare characters in the document that our font cannot draw either (for the technician). */
export function undrawable(doc: PrintDocument, rule: RareRule): string[] {
  const all = doc.blocks.flatMap((b) => (b.kind === 'text' ? rareChars(b.text, rule) : []));
  return [...new Set(all)].filter((ch) => !fontHasGlyph(ch));
}

/**
 * Replaces each text line that holds a rare character (one our font has) with its raster
 * image.
 */
export function rasterizeRareLines(doc: PrintDocument, rule: RareRule): PrintDocument {
  const wrapped = wrapDocument(doc);
  const blocks: Block[] = wrapped.blocks.map((b) =>
    b.kind === 'text' && asImage(b, rule)
      ? {
          kind: 'image',
          image: rasterizeLine(b.text, { widthDots: doc.widthDots, ...b }),
          align: 'left',
          alt: b.text,
        }
      : b,
  );
  return { ...wrapped, blocks };
}
