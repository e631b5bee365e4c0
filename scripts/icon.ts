/**
 * The app icon for packaging: `npx tsx scripts/icon.ts` renders build/icon.svg into
 * build/icon.png (1024 px, Linux) and build/icon.ico (16–256 px, Windows). ICO entries hold
 * PNG data, which Windows has read since Vista, so no BMP encoder is needed.
 */
import { Resvg } from '@resvg/resvg-js';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const icoSizes = [16, 24, 32, 48, 64, 128, 256] as const;

export function renderIcon(svg: string, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
}

/** An ICO file whose images are the given PNGs (one per size, at most 256 px). */
export function icoFrom(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

export const iconFiles = {
  svg: fileURLToPath(new URL('../build/icon.svg', import.meta.url)),
  png: fileURLToPath(new URL('../build/icon.png', import.meta.url)),
  ico: fileURLToPath(new URL('../build/icon.ico', import.meta.url)),
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const svg = readFileSync(iconFiles.svg, 'utf8');
  writeFileSync(iconFiles.png, renderIcon(svg, 1024));
  writeFileSync(
    iconFiles.ico,
    icoFrom(icoSizes.map((size) => ({ size, png: renderIcon(svg, size) }))),
  );
  console.log(`wrote ${iconFiles.png} and ${iconFiles.ico}`);
}
