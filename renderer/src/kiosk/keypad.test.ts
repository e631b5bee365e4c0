import { describe, expect, it } from 'vitest';
import { canPress, groups, isComplete, keyFromKeyboard, press, type KeypadKey } from './keypad.js';

const type = (keys: string): string =>
  [...keys].reduce((value, key) => press(value, key as KeypadKey), '');

describe('keypad', () => {
  it('types digits up to 18 and no further', () => {
    expect(type('1101051949123100299')).toBe('110105194912310029');
    expect(isComplete(type('110105194912310029'))).toBe(true);
  });

  it('accepts X only as the 18th character', () => {
    expect(type('X')).toBe('');
    expect(type('1101X')).toBe('1101');
    expect(type('11010519491231002X')).toBe('11010519491231002X');
    expect(canPress('11010519491231002X', 'X')).toBe(false);
  });

  it('backspace and clear', () => {
    expect(press('1234', 'backspace')).toBe('123');
    expect(press('1234', 'clear')).toBe('');
    expect(canPress('', 'backspace')).toBe(false);
  });

  it('groups as typed, 6-8-4', () => {
    expect(groups('')).toEqual(['', '', '']);
    expect(groups('1101051949')).toEqual(['110105', '1949', '']);
    expect(groups('11010519491231002X')).toEqual(['110105', '19491231', '002X']);
  });

  it('maps a physical keyboard', () => {
    expect(keyFromKeyboard('7')).toBe('7');
    expect(keyFromKeyboard('x')).toBe('X');
    expect(keyFromKeyboard('Backspace')).toBe('backspace');
    expect(keyFromKeyboard('Delete')).toBe('clear');
    expect(keyFromKeyboard('a')).toBeNull();
  });
});
