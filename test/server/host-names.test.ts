/**
 * DNS rebinding against a demo host on loopback, where a loopback caller counts as this
 * machine: a page on another site whose name now points at 127.0.0.1 sends its own Host (and
 * Origin). The host answers only to its own names.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hallConfig, startHall, type TestHall } from '../queue/hall.js';

let hall: TestHall;
beforeAll(async () => {
  hall = await startHall(hallConfig('demo'));
});
afterAll(() => hall.stop());

/** POST /api/system.info with the given Host (and Origin) headers. */
function call(host: string, origin?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${hall.url}/api/system.info`,
      {
        method: 'POST',
        headers: {
          host,
          'content-type': 'application/json',
          ...(origin ? { origin } : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

const port = () => new URL(hall.url).port;

it('answers its own names', async () => {
  for (const name of ['127.0.0.1', 'localhost', '[::1]']) {
    const r = await call(`${name}:${port()}`);
    expect(r.status, name).toBe(200);
  }
});

it('refuses another site’s name, over HTTP, in the contract’s error shape', async () => {
  const r = await call(`rebind.example:${port()}`, `http://rebind.example:${port()}`);
  expect(r.status).toBe(403);
  expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(r.body).not.toContain('hallId');
});

it('refuses an HTTP call from another site’s page, even with our Host', async () => {
  const r = await call(`127.0.0.1:${port()}`, 'http://evil.example');
  expect(r.status).toBe(403);
});

it('refuses another site’s name over WebSocket', async () => {
  const ws = new WebSocket(hall.ws, {
    headers: { host: `rebind.example:${port()}`, origin: `http://rebind.example:${port()}` },
  });
  const outcome = await new Promise<string>((resolve) => {
    ws.once('open', () => resolve('open'));
    ws.once('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
    ws.once('error', () => resolve('error'));
  });
  expect(outcome).toBe('refused 403');
});
