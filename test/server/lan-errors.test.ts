/**
 * Every refusal of the hall node's LAN server, on a production config, in the contract's
 * error shape ({ ok: false, error: { code, message: { zh-CN, en } } }), whatever part of the
 * stack refused it, and none naming a path on this machine.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { paths } from '../../main/paths.js';
import { hallConfig, startHall, type TestHall } from '../queue/hall.js';

let hall: TestHall;
beforeAll(async () => {
  hall = await startHall(hallConfig('production'));
});
afterAll(() => hall.stop());

/** Sends raw bytes; resolves with the status line's code and the body. */
function raw(request: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(hall.url).port), '127.0.0.1', () =>
      socket.write(request),
    );
    let text = '';
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, body: Buffer.from(rest.join('\r\n\r\n'), 'latin1').toString('utf8') });
    });
  });
}

const close = 'Host: 127.0.0.1\r\nConnection: close\r\n';
const cases: [string, string][] = [
  ['a NUL in the page path', `GET /index.html%00 HTTP/1.1\r\n${close}\r\n`],
  ['a broken escape in the path', `GET /%E0%A4%A HTTP/1.1\r\n${close}\r\n`],
  ['a missing page', `GET /no/such/page.js HTTP/1.1\r\n${close}\r\n`],
  ['a method pages do not take', `DELETE /index.html HTTP/1.1\r\n${close}\r\n`],
  ['GET on the API', `GET /api/system.ping HTTP/1.1\r\n${close}\r\n`],
  [
    'not JSON',
    `POST /api/system.ping HTTP/1.1\r\n${close}Content-Type: application/json\r\nContent-Length: 3\r\n\r\n{x}`,
  ],
  [
    'a media type the API does not take',
    `POST /api/system.ping HTTP/1.1\r\n${close}Content-Type: text/xml\r\nContent-Length: 3\r\n\r\n<a>`,
  ],
  [
    'a body over the limit',
    `POST /api/system.ping HTTP/1.1\r\n${close}Content-Type: application/json\r\nContent-Length: 70000\r\n\r\n{}`,
  ],
  ['a garbled request line', `GARBLE\r\n\r\n`],
  ['a header too large', `GET / HTTP/1.1\r\n${close}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`],
  ['/ws without the upgrade', `GET /ws HTTP/1.1\r\n${close}\r\n`],
];

it.each(cases)('%s: the contract’s error shape, no path', async (_name, request) => {
  const r = await raw(request);
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  const body = JSON.parse(r.body) as {
    ok: boolean;
    error: { code: string; message: Record<string, string> };
  };
  expect(body.ok).toBe(false);
  expect(body.error.code).toMatch(/^[A-Z_]+$/);
  expect(Object.keys(body.error.message).sort()).toEqual(['en', 'zh-CN']);
  expect(r.body).not.toContain(paths.root);
  expect(r.body).not.toContain('FST_');
});
