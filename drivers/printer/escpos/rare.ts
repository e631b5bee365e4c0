/**
 * Which characters the printer's font may lack (生僻字). Pure: the font's character set
 * decides the rule, plus a configured list. Such a line prints as a raster image instead.
 */
import iconv from 'iconv-lite';

export type FontCoverage = 'gb2312' | 'gbk' | 'gb18030';

export interface RareRule {
  coverage: FontCoverage;
  /** Extra characters this printer is known to lack. */
  extra: string;
}

function inGb2312(bytes: Buffer): boolean {
  if (bytes.length !== 2) return false;
  const [lead, trail] = [bytes[0]!, bytes[1]!];
  return lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe;
}

export function isRareChar(ch: string, rule: RareRule): boolean {
  if (rule.extra.includes(ch)) return true;
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) return false;
  const bytes = iconv.encode(ch, 'gb18030');
  switch (rule.coverage) {
    case 'gb18030':
      return false;
    case 'gbk':
      return bytes.length === 4;
    case 'gb2312':
      return !inGb2312(bytes);
  }
}

export function rareChars(text: string, rule: RareRule): string[] {
  return [...new Set([...text].filter((ch) => isRareChar(ch, rule)))];
}
