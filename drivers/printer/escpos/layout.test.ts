import { describe, expect, it } from 'vitest';
import { wrapText } from './layout.js';

describe('wrapText', () => {
  it.each([
    // [text, columns, lines]
    ['取号时间', 8, ['取号时间']],
    ['本凭条仅用于排队叫号', 8, ['本凭条仅', '用于排队', '叫号']],
    // The comma would open line two: the character before it moves down with it.
    ['请妥善保管，勿随意丢弃。', 10, ['请妥善保', '管，勿随意', '丢弃。']],
    ['A023 号', 4, ['A023', ' 号']],
    ['Hello, world', 5, ['Hell', 'o, wo', 'rld']],
  ])('%s in %i columns', (text, columns, lines) => {
    expect(wrapText(text, columns)).toEqual(lines);
  });

  it('never starts a line with closing punctuation, and never loses a character', () => {
    const text = '本凭条仅用于排队叫号，姓名已隐去部分，请妥善保管，勿随意丢弃。'.repeat(3);
    for (const columns of [8, 10, 12, 16, 24, 32, 42, 48]) {
      const lines = wrapText(text, columns);
      expect(lines.join('')).toBe(text);
      for (const line of lines.slice(1)) expect('，。、；：？！').not.toContain(line[0]);
    }
  });
});
