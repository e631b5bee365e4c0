import { describe, expect, it } from 'vitest';
import { localParts } from '../../common/local-time.js';
import { noonZone } from './noon-zone.js';

describe('noonZone', () => {
  it('gives a zone where it is 12:xx, at every hour of a UTC day', () => {
    for (let h = 0; h < 24; h++) {
      const at = Date.UTC(2026, 10, 28, h, 40);
      const zone = noonZone(at);
      expect(new Date(at).toLocaleTimeString('en-GB', { timeZone: zone })).toMatch(/^12:40/);
      // Three hours either side stays on the same date there.
      expect(localParts(at + 3 * 3_600_000, zone).date).toBe(
        localParts(at - 3 * 3_600_000, zone).date,
      );
    }
  });
});
