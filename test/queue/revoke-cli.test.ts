/**
 * kiosk-config device revoke: a technician ends a lost kiosk's token from a laptop, through
 * the hall node's HTTP API with a technician sign-in (the token from the environment, never
 * the command line).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runConfigCli } from '../support/cli.js';
import { hallConfig, login, post, startHall, type TestHall } from './hall.js';

let hall: TestHall;
let tech: string;

beforeAll(async () => {
  hall = await startHall(hallConfig('production'));
  tech = await login(hall, 'c1', 'demo-tech');
});
afterAll(async () => hall?.stop());

const run = (argv: string[], env: Record<string, string>) => runConfigCli(argv, env);

it('revokes an enrolled kiosk; its token is refused from then on', async () => {
  const token = (await post(hall, 'queue.enrollDevice', { id: 'kiosk-lost', role: 'kiosk' }, tech))
    .body.result.token as string;
  expect((await post(hall, 'queue.services', {}, token)).status).toBe(200);

  const r = await run(['device', 'revoke', 'kiosk-lost', '--hall', hall.url], {
    KIOSK_TECH_TOKEN: tech,
  });
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toContain('kiosk-lost');
  expect((await post(hall, 'queue.services', {}, token)).status).toBe(403);
});

it('says what went wrong: no technician token, a device not enrolled', async () => {
  const none = await run(['device', 'revoke', 'kiosk-x', '--hall', hall.url], {});
  expect(none.code).toBe(64);
  expect(none.err).toContain('KIOSK_TECH_TOKEN');
  const unknown = await run(['device', 'revoke', 'kiosk-x', '--hall', hall.url], {
    KIOSK_TECH_TOKEN: tech,
  });
  expect(unknown.code).toBe(1);
  expect(unknown.err).toMatch(/No device kiosk-x is enrolled/);
});
