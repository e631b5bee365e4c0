/**
 * The hall's logo (an SVG or PNG file from the config) as a 1-bit raster image for the top of
 * tickets and receipts, drawn once when the print service starts.
 */
import { Resvg } from '@resvg/resvg-js';
import { readFileSync } from 'node:fs';
import type { RasterImage } from '../../drivers/printer/escpos/document.js';

/** RGBA pixels → 1 bit per dot (dark = black), rows padded to whole bytes. */
export function toRaster(width: number, height: number, rgba: Uint8Array): RasterImage {
  const widthBytes = Math.ceil(width / 8);
  const data = new Uint8Array(widthBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const lum = (rgba[i]! * 299 + rgba[i + 1]! * 587 + rgba[i + 2]! * 114) / 1000;
      if (lum < 128) data[y * widthBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { widthBytes, height, data };
}

function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.toString('latin1', 1, 4) !== 'PNG') throw new Error('not a PNG file');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Reads the logo and scales it to `widthDots` (a multiple of 8). Throws with the reason. */
export function loadLogo(file: string, widthDots: number): RasterImage {
  const bytes = readFileSync(file);
  let svg: Buffer | string = bytes;
  if (!/\.svg$/i.test(file)) {
    const { width, height } = pngSize(bytes);
    const h = Math.max(1, Math.round((height * widthDots) / width));
    svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${widthDots}" height="${h}">` +
      `<image href="data:image/png;base64,${bytes.toString('base64')}" width="${widthDots}" height="${h}"/></svg>`;
  }
  const image = new Resvg(svg, {
    fitTo: { mode: 'width', value: widthDots },
    background: 'white',
    font: { loadSystemFonts: false },
  }).render();
  return toRaster(image.width, image.height, image.pixels);
}
