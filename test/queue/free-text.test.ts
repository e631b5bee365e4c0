/**
 * Free text at the boundary of a production hall node: a pause reason or a rating reference
 * with direction overrides, NUL, markup or a lone surrogate is refused with the field named,
 * and nothing changes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hallConfig, login, post, startHall, tokens, type Json, type TestHall } from './hall.js';

let hall: TestHall;
beforeAll(async () => {
  hall = await startHall(hallConfig('production'));
});
afterAll(() => hall.stop());

const bad = [
  ['a right-to-left override', '午休\u202Eesuap'],
  ['a NUL', '午\u0000休'],
  ['markup', '<img src=x onerror=alert(1)>'],
  ['a lone surrogate', '午休\uD800'],
  ['a line break', '午休\n下午再来'],
];

it.each(bad)(
  'a pause reason with %s is refused, naming the field; the counter is not paused',
  async (_n, reason) => {
    const token = await login(hall, 'c1', 'demo-staff');
    const r = await post(hall, 'queue.pause', { reason }, token);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
    expect((r.body.error.issues as Json[]).map((i) => i.path).join(' ')).toContain('reason');
    expect(hall.core.queue.engine.counter('c1').pausedReason).toBeNull();
    expect((await post(hall, 'queue.pause', { reason: '午休' }, token)).status).toBe(200);
    expect((await post(hall, 'queue.resume', {}, token)).status).toBe(200);
  },
);

it.each(bad)('a rating reference with %s is refused, naming the field', async (_n, ref) => {
  const r = await post(
    hall,
    'ratings.submit',
    { subject: { kind: 'ticket', ref }, level: 5 },
    tokens.kiosk,
  );
  expect(r.status).toBe(400);
  expect((r.body.error.issues as Json[]).map((i) => i.path).join(' ')).toContain('ref');
});
