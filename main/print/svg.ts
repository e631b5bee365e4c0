/**
 * SVG → pixels with resvg and the WenQuanYi font: the previews and the rare-character lines
 * both draw through here, so the paper's image lines and the screen's preview share a font.
 */
import { Resvg } from '@resvg/resvg-js';

export const FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
export const FONT_FAMILY = 'WenQuanYi Micro Hei';

function resvg(svg: string): Resvg {
  return new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [FONT_FILE], defaultFontFamily: FONT_FAMILY },
    background: 'white',
    shapeRendering: 1,
  });
}

export function svgToPng(svg: string): Buffer {
  return resvg(svg).render().asPng();
}

/** RGBA pixels of the rendered SVG. */
export function svgToPixels(svg: string): { width: number; height: number; rgba: Buffer } {
  const image = resvg(svg).render();
  return { width: image.width, height: image.height, rgba: image.pixels };
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const shaped = new Map<string, string>();
const SHAPED_MAX = 500;

/**
 * One line of text as outline paths (resvg shapes it; `toString()` returns the tree with text
 * turned into paths). Shaping costs about 0.3 ms a glyph, and a ticket's labels, hall name and
 * privacy note repeat on every ticket, so shaped lines are kept (a bounded cache; its lines are
 * what paper shows anyway: masked names at most). The SVG then needs no font to display.
 */
export function shapeLine(textSvg: string, width: number, height: number): string {
  const key = `${width}x${height}:${textSvg}`;
  const hit = shaped.get(key);
  if (hit !== undefined) return hit;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${textSvg}</svg>`;
  const tree = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [FONT_FILE], defaultFontFamily: FONT_FAMILY },
  }).toString();
  const body = tree
    .replace(/^[\s\S]*?<svg[^>]*>/, '')
    .replace(/<\/svg>\s*$/, '')
    .replace(/<defs\/>/, '')
    .replace(/\n\s*/g, '');
  if (shaped.size >= SHAPED_MAX) shaped.delete(shaped.keys().next().value!);
  shaped.set(key, body);
  return body;
}

const glyphs = new Map<string, boolean>();
let notdef: string | undefined;

/**
 * Whether our font has a glyph for `ch`. WenQuanYi Micro Hei covers GBK but not CJK extension
 * A/B, and resvg draws a missing glyph as the font's box (.notdef): compare with the box.
 */
export function fontHasGlyph(ch: string): boolean {
  const known = glyphs.get(ch);
  if (known !== undefined) return known;
  const draw = (c: string) =>
    shapeLine(
      `<text x="0" y="24" font-family="${FONT_FAMILY}" font-size="24">${escapeXml(c)}</text>`,
      48,
      30,
    );
  notdef ??= draw('\u{10FFFD}'); // plane 16 private use: in no font here
  const has = draw(ch) !== notdef;
  if (glyphs.size < 10_000) glyphs.set(ch, has);
  return has;
}
