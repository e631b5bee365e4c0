import { describe, expect, it } from 'vitest';
import { routeOf } from './routes.js';

describe('routeOf', () => {
  it.each([
    ['', 'kiosk'],
    ['#/', 'kiosk'],
    ['#/counter', 'counter'],
    ['#/display?counter=3', 'display'],
    ['#/technician/devices', 'technician'],
    ['#/nowhere', 'kiosk'],
  ])('%s → %s', (hash, route) => expect(routeOf(hash)).toBe(route));
});
