// `kiosk-config doctor hall` against a real hall node (core + LAN server on a real port), a
// closed port, and a plain HTTP server that is not a hall node.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHallNode, tokens, type HallNode } from '../../../test/hall-link/kit.js';
import { runCli } from '../cli.js';

let hall: HallNode;
let other: Server;
let otherUrl: string;
const dir = mkdtempSync(join(tmpdir(), 'doctor-hall-'));

beforeAll(async () => {
  hall = await startHallNode();
  other = createServer((_req, res) =>
    res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>router</h1>'),
  );
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
  const address = other.address();
  otherUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await hall.dispose();
  await new Promise((r) => other.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function configFor(role: string, url: string, token: string, hallId = 'test-hall'): string {
  const file = join(dir, `${role}-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    [
      `role: ${role}`,
      'mode: production',
      `hall: { id: ${hallId}, name: { zh-CN: 测试大厅, en: Test hall } }`,
      `hallNode: { url: "${url}", deviceToken: ${token} }`,
      '',
    ].join('\n'),
  );
  return file;
}

/** A port that was just free: nothing listens there now. */
async function freedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const address = s.address();
  await new Promise((r) => s.close(r));
  return typeof address === 'object' && address ? address.port : 0;
}

async function doctor(file: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['doctor', 'hall', '--config', file],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kiosk-config doctor hall', () => {
  it('a member with the right address and token: both checks pass', async () => {
    const r = await doctor(configFor('kiosk', hall.url, tokens.kiosk));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`✓ hall node reachable at ${hall.url}`);
    expect(r.out).toContain('✓ device token accepted: device "demo-kiosk" (kiosk)');
  });

  it('a refused token says so and what to do', async () => {
    const r = await doctor(configFor('display', hall.url, 'not-an-enrolled-token-0000'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('✓ hall node reachable');
    expect(r.err).toContain('✗ the hall node refused the device token (FORBIDDEN');
    expect(r.err).toContain('hallNode.deviceToken');
  });

  it('a kiosk holding a display token is told it cannot issue tickets', async () => {
    const r = await doctor(configFor('kiosk', hall.url, tokens.display));
    expect(r.code).toBe(1);
    expect(r.err).toContain('needs a kiosk token');
  });

  it('the hall node of another hall is named, with what to fix', async () => {
    const r = await doctor(configFor('kiosk', hall.url, tokens.kiosk, 'other-hall'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('is the hall node of hall "test-hall"');
    expect(r.err).toContain('this config says hall.id "other-hall"');
  });

  it('a wrong address: nothing listening, or something that is not a hall node', async () => {
    const gone = `http://127.0.0.1:${await freedPort()}`;
    const closed = await doctor(configFor('kiosk', gone, tokens.kiosk));
    expect(closed.code).toBe(1);
    expect(closed.err).toContain(`cannot reach the hall node at ${gone}: connection refused`);
    const foreign = await doctor(configFor('kiosk', otherUrl, tokens.kiosk));
    expect(foreign.code).toBe(1);
    expect(foreign.err).toContain('is not a hall-kiosk hall node (HTTP 404)');
  });
});
