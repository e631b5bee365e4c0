// The LAN server closes even while pages keep reconnecting: a browser whose WebSocket is
// closed reconnects at once, and a restart must not wait for it for ever.
import { afterEach, expect, it } from 'vitest';
import { connect as tcpConnect } from 'node:net';
import WebSocket from 'ws';
import { startTestCore, type TestCore } from '../../test/support/core.js';
import { paths } from '../paths.js';
import { startLanServer } from './lan-server.js';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

it('closes within seconds while a client reconnects as soon as it is dropped', async () => {
  t = await startTestCore();
  const server = await startLanServer(t.core, {
    host: '127.0.0.1',
    port: 0,
    rendererDir: paths.rendererDir,
  });
  const url = `${server.url.replace('http', 'ws')}/ws`;
  let stop = false;
  let opened = 0;
  const pages: WebSocket[] = [];
  const connect = () => {
    if (stop) return;
    const ws = new WebSocket(url);
    pages.push(ws);
    ws.on('open', () => opened++);
    ws.on('error', () => {});
    ws.on('close', () => setImmediate(connect));
  };
  for (let i = 0; i < 5; i++) connect();
  await expect.poll(() => opened).toBeGreaterThanOrEqual(5);
  const started = Date.now();
  await server.close();
  const took = Date.now() - started;
  stop = true;
  pages.forEach((ws) => ws.terminate());
  expect(took).toBeLessThan(5000);
}, 30_000);

it('closes within seconds while a client sits on a half-sent request', async () => {
  t = await startTestCore();
  const server = await startLanServer(t.core, {
    host: '127.0.0.1',
    port: 0,
    rendererDir: paths.rendererDir,
  });
  // Headers begun, never finished: Node would wait for its request timeout (minutes).
  const stuck = tcpConnect(server.port, '127.0.0.1');
  await new Promise<void>((resolve) => stuck.once('connect', () => resolve()));
  stuck.write('POST /api/system.info HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{');
  const ended = new Promise<void>((resolve) => stuck.once('close', () => resolve()));
  stuck.on('error', () => {});
  stuck.resume(); // read, so the client notices when the server hangs up
  await new Promise((r) => setTimeout(r, 200));
  const started = Date.now();
  await server.close();
  expect(Date.now() - started).toBeLessThan(5000);
  await ended; // the server cut it: the client sees its socket closed
}, 30_000);
