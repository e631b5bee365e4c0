// The packaging resources electron-builder reads from build/: the icons must exist, be what
// build/icon.svg renders to (so nobody edits one and forgets the other), and be well-formed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { icoFrom, icoSizes, iconFiles, renderIcon } from '../../scripts/icon.js';

const svg = readFileSync(iconFiles.svg, 'utf8');
const pngSize = (png: Buffer) => ({ w: png.readUInt32BE(16), h: png.readUInt32BE(20) });
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('app icons (build/)', () => {
  it('icon.png is the 1024 px render of icon.svg: regenerate with npx tsx scripts/icon.ts', () => {
    const committed = readFileSync(iconFiles.png);
    expect(pngSize(committed)).toEqual({ w: 1024, h: 1024 });
    expect(committed.equals(renderIcon(svg, 1024))).toBe(true);
  });

  it('icon.ico holds one PNG per size from 16 to 256 px, each where its entry says', () => {
    const ico = readFileSync(iconFiles.ico);
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(icoSizes.length);
    icoSizes.forEach((size, i) => {
      const entry = 6 + 16 * i;
      expect(ico.readUInt8(entry) || 256).toBe(size);
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      const png = ico.subarray(offset, offset + length);
      expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
      expect(pngSize(png)).toEqual({ w: size, h: size });
    });
    const regenerated = icoFrom(icoSizes.map((size) => ({ size, png: renderIcon(svg, size) })));
    expect(ico.equals(regenerated)).toBe(true);
  });
});
