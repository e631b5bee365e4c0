import { describe, expect, it } from 'vitest';
import { isRareChar, rareChars } from './rare.js';

describe('rare characters (生僻字)', () => {
  it('a GBK printer lacks the 4-byte GB18030 characters (extension A and beyond)', () => {
    const gbk = { coverage: 'gbk' as const, extra: '' };
    expect(isRareChar('㐀', gbk)).toBe(true); // U+3400, extension A
    expect(isRareChar('𠈌', gbk)).toBe(true); // extension B
    expect(isRareChar('堃', gbk)).toBe(false); // in GBK
    expect(isRareChar('张', gbk)).toBe(false);
    expect(isRareChar('A', gbk)).toBe(false);
  });
  it('a GB2312 printer also lacks GBK-only characters', () => {
    const gb2312 = { coverage: 'gb2312' as const, extra: '' };
    expect(isRareChar('堃', gb2312)).toBe(true);
    expect(isRareChar('张', gb2312)).toBe(false);
    expect(isRareChar('，', gb2312)).toBe(false);
  });
  it('the configured list adds characters; a full GB18030 font lacks none of the rest', () => {
    const rule = { coverage: 'gb18030' as const, extra: '镕' };
    expect(rareChars('朱镕基与王䶮', rule)).toEqual(['镕']);
  });
});
