import { describe, expect, it } from 'vitest';
import { formatLocal, localParts } from './local-time.js';

describe('hall time', () => {
  it.each([
    // [instant, zone, printed]
    ['2026-11-28T01:05:00Z', 'Asia/Shanghai', '2026-11-28 09:05'],
    ['2026-11-28T16:30:00Z', 'Asia/Shanghai', '2026-11-29 00:30'],
    ['2026-11-28T16:30:00Z', 'Asia/Urumqi', '2026-11-28 22:30'],
    ['2026-11-28T23:59:00Z', 'UTC', '2026-11-28 23:59'],
  ])('%s in %s prints %s', (iso, zone, printed) => {
    expect(formatLocal(Date.parse(iso), zone)).toBe(printed);
  });

  it('gives minutes since local midnight with the date', () => {
    expect(localParts(Date.parse('2026-11-28T00:30:00Z'), 'Asia/Shanghai')).toEqual({
      date: '2026-11-28',
      time: '08:30',
      minutes: 510,
    });
  });
});
