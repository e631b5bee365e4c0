/**
 * The technician page's certificate view on a production hall node, over its HTTP API: a
 * client certificate that runs out within 30 days is a warning with its days left; only a
 * technician (or this machine) may read it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCerts } from '../../platform/simulator/certs.js';
import { datedClientCert } from '../support/dated-cert.js';
import { hallConfig, login, post, startHall, type TestHall } from './hall.js';

const DAY = 86_400_000;
let dir: string;
let hall: TestHall;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hall-certs-'));
  const certs = makeCerts(join(dir, 'certs'));
  const soon = datedClientCert(
    certs,
    'soon',
    new Date(Date.now() - DAY),
    new Date(Date.now() + 12 * DAY),
  );
  hall = await startHall({
    ...hallConfig('production'),
    platform: {
      // Nobody answers here: the outbox waits, the certificates are what is looked at.
      url: 'https://127.0.0.1:9',
      clientCert: soon,
      clientKey: certs.files.clientKey,
      caFile: certs.files.ca,
      pins: ['A'.repeat(43) + '=', 'B'.repeat(43) + '='],
      signing: { keyId: 'hall', secret: 'a-signing-secret-0123456789' },
    },
  });
});
afterAll(async () => {
  await hall?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('shows a certificate due for renewal as a warning, with its days left', async () => {
  const tech = await login(hall, 'c3', 'demo-tech');
  const r = await post(hall, 'technician.certificates', {}, tech);
  expect(r.status).toBe(200);
  const view = r.body.result;
  expect(view.renewWithinDays).toBe(30);
  expect(view.certificates).toEqual([
    expect.objectContaining({ field: 'clientCert', subject: 'CN=soon', state: 'expiring' }),
    expect.objectContaining({ field: 'caFile', state: 'ok' }),
  ]);
  expect(view.certificates[0].daysLeft).toBeGreaterThanOrEqual(11);
  expect(view.warnings).toEqual([
    expect.stringMatching(/^platform\.clientCert: .*soon\.pem expires on/),
  ]);
  expect(view.problems).toEqual([]);
});

it('is the technician’s: staff and an anonymous caller are refused', async () => {
  const staff = await login(hall, 'c2', 'demo-staff');
  expect((await post(hall, 'technician.certificates', {}, staff)).status).toBe(403);
  expect((await post(hall, 'technician.certificates', {})).status).toBe(403);
});
