import { describe, expect, it } from 'vitest';
import { catalogues } from './messages.js';
import { translate } from './translate.js';

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate('zh-CN', 'keypad.count', { n: 6 })).toBe('已输入 6 / 18 位');
    expect(translate('en', 'idle.countdown', { n: 3 })).toContain('3 s');
  });

  it('every language has every key, none empty, with the same placeholders', () => {
    const zh = catalogues['zh-CN'];
    for (const [language, catalogue] of Object.entries(catalogues)) {
      expect(Object.keys(catalogue).sort(), language).toEqual(Object.keys(zh).sort());
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
        expect(holes(text), `${language} ${key}`).toEqual(holes(zh[key as keyof typeof zh]));
      }
    }
  });
});
