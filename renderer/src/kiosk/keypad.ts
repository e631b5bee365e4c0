/**
 * The ID-number keypad's rules, apart from its buttons: what a key does to the value, which
 * keys can be pressed, and how the value is shown while typed (6-8-4: region, birth date,
 * sequence + check character — the way the number is printed on the card).
 */
export const ID_LENGTH = 18;

export type KeypadKey =
  '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'X' | 'backspace' | 'clear';

export const digitKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** X is the check character: it can only be the 18th. */
export function canPress(value: string, key: KeypadKey): boolean {
  switch (key) {
    case 'X':
      return value.length === ID_LENGTH - 1;
    case 'backspace':
    case 'clear':
      return value.length > 0;
    default:
      return value.length < ID_LENGTH;
  }
}

export function press(value: string, key: KeypadKey): string {
  if (!canPress(value, key)) return value;
  switch (key) {
    case 'backspace':
      return value.slice(0, -1);
    case 'clear':
      return '';
    default:
      return value + key;
  }
}

export function isComplete(value: string): boolean {
  return value.length === ID_LENGTH;
}

/** The typed value cut into the card's 6-8-4 groups; a group not yet reached is ''. */
export function groups(value: string): [string, string, string] {
  return [value.slice(0, 6), value.slice(6, 14), value.slice(14, 18)];
}

export const groupSizes = [6, 8, 4] as const;

/** A physical keyboard's key, as a keypad key (so the keypad works without a touchscreen). */
export function keyFromKeyboard(key: string): KeypadKey | null {
  if (/^[0-9]$/.test(key)) return key as KeypadKey;
  if (key === 'x' || key === 'X') return 'X';
  if (key === 'Backspace') return 'backspace';
  if (key === 'Delete') return 'clear';
  return null;
}
