import { describe, expect, it } from 'vitest';
import { catalogues, rooms } from './messages.js';

/** Texts that read the same in both languages on purpose (codes, names of things). */
const sameInBoth = new Set<string>([]);
/** English texts that name the other language in its own script, as language switches do. */
const writtenInChinese = new Set<string>(['home.language.label']);

describe('the catalogue put together from its rooms', () => {
  it('no two rooms define the same key (a later room would silently win)', () => {
    const owner = new Map<string, string>();
    for (const [room, file] of Object.entries(rooms)) {
      for (const key of Object.keys(file.zhCN)) {
        expect(owner.get(key), `${key} in ${room}`).toBeUndefined();
        owner.set(key, room);
      }
    }
    expect(owner.size).toBe(Object.keys(catalogues['zh-CN']).length);
  });

  it('no English text is left as the Chinese one', () => {
    const zh = catalogues['zh-CN'];
    const same = Object.entries(catalogues.en)
      .filter(([key, text]) => text === zh[key as keyof typeof zh] && !sameInBoth.has(key))
      .map(([key]) => key);
    expect(same).toEqual([]);
  });

  it('no English text carries Chinese characters', () => {
    const han = /\p{Script=Han}/u;
    const mixed = Object.entries(catalogues.en)
      .filter(([key, text]) => han.test(text) && !writtenInChinese.has(key))
      .map(([key]) => key);
    expect(mixed).toEqual([]);
  });
});
