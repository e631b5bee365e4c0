/**
 * Line wrapping by printer columns: a CJK character takes two columns, ASCII one, and a
 * character width multiplier of n takes n times as many. The encoder and the preview wrap the
 * same way, so the preview shows the lines the paper will.
 */
import type { Block, PrintDocument } from './document.js';

export function columnsOf(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : 2;
}

/** Punctuation a Chinese line must not begin with (避头点); it takes a character along. */
const noLineStart = new Set('，。、；：？！）」』】》〉”’…,.;:?!)]}%');

export function wrapText(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let used = 0;
  for (const ch of text) {
    const w = columnsOf(ch);
    if (used + w > columns && line.length > 0) {
      // Break one character earlier rather than start the next line with a comma.
      const carry = noLineStart.has(ch) && line.length > 1 ? line.splice(-1) : [];
      lines.push(line.join(''));
      line = carry;
      used = carry.reduce((n, c) => n + columnsOf(c), 0);
    }
    line.push(ch);
    used += w;
  }
  lines.push(line.join(''));
  return lines;
}

/** Splits every text block into blocks of one printed line each. */
export function wrapDocument(doc: PrintDocument): PrintDocument {
  const blocks: Block[] = [];
  for (const b of doc.blocks) {
    if (b.kind !== 'text') {
      blocks.push(b);
      continue;
    }
    const per = Math.max(1, Math.floor(doc.columns / (b.width ?? 1)));
    for (const text of wrapText(b.text, per)) blocks.push({ ...b, text });
  }
  return { ...doc, blocks };
}
