/**
 * One address on the hall LAN cannot take the hall node's server for itself, against a
 * production config: its connections are capped, its calls share one rate bucket across
 * every socket and HTTP, and a request that sends its headers or body too slowly is cut.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hallConfig, startHall, type TestHall } from '../queue/hall.js';

const CAP = 8;
const RATE = { perSecond: 20, burst: 60 };
let hall: TestHall;
beforeAll(async () => {
  hall = await startHall({
    ...hallConfig('production'),
    lan: {
      maxConnectionsPerAddress: CAP,
      headersTimeoutSeconds: 2,
      requestTimeoutSeconds: 3,
      ratePerAddress: RATE,
    },
  });
});
afterAll(() => hall.stop());

const port = () => Number(new URL(hall.url).port);

/** Opens a WebSocket; resolves with it once open, or null when the server refused it. */
function tryWs(): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(hall.ws);
    ws.once('open', () => resolve(ws));
    ws.once('error', () => resolve(null));
    ws.once('close', () => resolve(null));
  });
}

it('caps the connections of one address: the rest are refused, and a freed slot is usable', async () => {
  const tries = await Promise.all(Array.from({ length: 50 }, tryWs));
  const open = tries.filter((ws): ws is WebSocket => ws !== null);
  // A socket the server cut after it opened counts as refused too.
  await new Promise((r) => setTimeout(r, 200));
  const alive = open.filter((ws) => ws.readyState === WebSocket.OPEN);
  expect(alive.length).toBe(CAP);
  console.log(`connection flood: 50 WebSockets from one address, ${alive.length} accepted`);
  alive[0]!.close();
  await new Promise((r) => setTimeout(r, 200));
  const again = await tryWs();
  expect(again?.readyState).toBe(WebSocket.OPEN);
  for (const ws of [...alive, again!]) ws.close();
  await new Promise((r) => setTimeout(r, 200));
});

it('one rate bucket per address, across its sockets and HTTP', async () => {
  const sockets = (await Promise.all(Array.from({ length: 4 }, tryWs))) as WebSocket[];
  const started = Date.now();
  let accepted = 0;
  let limited = 0;
  const count = (ok: boolean, code?: string) => {
    if (ok) accepted++;
    else if (code === 'RATE_LIMITED') limited++;
  };
  const overWs = sockets.map(
    (ws, s) =>
      new Promise<void>((resolve) => {
        let left = 50;
        ws.on('message', (raw) => {
          const m = JSON.parse(raw.toString()) as { ok?: boolean; error?: { code: string } };
          if (m.ok === undefined) return;
          count(m.ok, m.error?.code);
          if (--left === 0) resolve();
        });
        for (let i = 0; i < 50; i++) {
          const nonce = `${s}-${i}`;
          ws.send(JSON.stringify({ t: 'call', id: i, method: 'system.ping', params: { nonce } }));
        }
      }),
  );
  // One kept-alive connection (the address has sockets open already), calls one after another.
  const overHttp = (async () => {
    for (let i = 0; i < 50; i++) {
      const r = await fetch(`${hall.url}/api/system.ping`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ nonce: `h-${i}` }),
      });
      const body = (await r.json()) as { ok: boolean; error?: { code: string } };
      count(body.ok, body.error?.code);
    }
  })();
  await Promise.all([...overWs, overHttp]);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `rate: 250 calls over 4 sockets and HTTP in ${seconds.toFixed(2)} s: ${accepted} run, ${limited} limited`,
  );
  expect(accepted + limited).toBe(250);
  expect(accepted).toBeLessThanOrEqual(RATE.burst + Math.ceil(RATE.perSecond * seconds) + 1);
  for (const ws of sockets) ws.close();
  await new Promise((r) => setTimeout(r, 200));
});

/** A raw connection that sends `first`, then nothing more; resolves with when it was cut. */
function stall(first: string): Promise<{ ms: number; reply: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(port(), '127.0.0.1', () => socket.write(first));
    let reply = '';
    socket.on('data', (d) => (reply += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ ms: Date.now() - started, reply }));
  });
}

it('cuts a request whose headers never end', async () => {
  const cut = await stall('POST /api/system.ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
  // Cut by the deadline (2 s), not at once, and told why in the contract's shape.
  expect(cut.ms).toBeGreaterThan(1500);
  expect(cut.ms).toBeLessThan(2000 + 1500);
  expect(cut.reply).toMatch(/^HTTP\/1\.1 408 /);
  expect(cut.reply).toContain('"code":"BAD_REQUEST"');
}, 15_000);

it('cuts a request whose body never comes', async () => {
  const cut = await stall(
    'POST /api/system.ping HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"nonce":',
  );
  expect(cut.ms).toBeGreaterThan(2500);
  expect(cut.ms).toBeLessThan(3000 + 1500);
}, 15_000);

it('a WebSocket is not a slow request: it outlives the request deadline', async () => {
  const ws = (await tryWs())!;
  await new Promise((r) => setTimeout(r, 4000));
  const reply = new Promise<string>((resolve) => ws.once('message', (m) => resolve(m.toString())));
  ws.send(JSON.stringify({ t: 'call', id: 1, method: 'system.ping', params: { nonce: 'late' } }));
  expect(JSON.parse(await reply)).toMatchObject({ ok: true, result: { nonce: 'late' } });
  ws.close();
}, 15_000);
