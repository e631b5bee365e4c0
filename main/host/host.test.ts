/**
 * The headless host as a person meets it: run the built CLI, read what it says. Every bad
 * start ends in one clear sentence, a non-zero exit, and nothing overwritten.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { productionBase, runHost, runHostOn, startTestHost } from '../../test/support/host.js';
import { tokens } from '../../test/queue/hall.js';

const root = mkdtempSync(join(tmpdir(), 'hall-host-'));
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const host = runHost;

/**
 * A folder this process cannot write. Root writes through any mode bits, so for root it is a
 * read-only tmpfs mounted there (running the CLI as another user would need the clone to be
 * reachable by that user, and a clone in root's home is not).
 */
function readOnly(dir: string): () => void {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555);
    return () => chmodSync(dir, 0o755);
  }
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (mount.status !== 0)
    throw new Error(`cannot mount a read-only tmpfs on ${dir}: ${mount.stderr}`);
  return () => void spawnSync('umount', [dir]);
}

function dataDir(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  return dir;
}

/** One sentence (or one line per config problem), no stack trace. */
function expectClearRefusal(err: string): void {
  expect(err).toMatch(/^hall-kiosk: /);
  expect(err).not.toMatch(/\n\s+at /);
}

describe('the host refuses a bad start clearly', () => {
  it('a wrong config: exit 2, every problem named, nothing started', () => {
    const config = join(root, 'wrong.yaml');
    writeFileSync(config, 'hall:\n  id: demo\n  name: { zh-CN: 甲, en: A }\nlan:\n  port: many\n');
    const data = dataDir('wrong-config');
    const r = host(['--config', config, '--data', data]);
    expect(r.code).toBe(2);
    expectClearRefusal(r.err);
    expect(r.err).toContain(
      `${config}:5  lan.port: has the wrong type (expected number, found "many")`,
    );
    expect(r.out).toBe('');
    expect(existsSync(join(data, 'hall.db'))).toBe(false);
  });

  it('a missing data directory', () => {
    const r = host(['--data', join(root, 'nowhere')]);
    expect(r.code).toBe(1);
    expectClearRefusal(r.err);
    expect(r.err).toContain(
      `data directory ${join(root, 'nowhere')} does not exist: create it or pass another --data`,
    );
  });

  it('a read-only data directory', () => {
    const data = dataDir('read-only');
    const unmount = readOnly(data);
    try {
      const r = host(['--data', data]);
      expect(r.code).toBe(1);
      expectClearRefusal(r.err);
      expect(r.err).toContain(`data directory ${data} is not writable`);
    } finally {
      unmount();
    }
  });

  it('a port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const data = dataDir('port');
    const r = host(['--data', data, '--port', String(port)]);
    blocker.close();
    expect(r.code).toBe(1);
    expectClearRefusal(r.err);
    expect(r.err).toBe(
      `hall-kiosk: port ${port} on 127.0.0.1 is in use by another program: stop it or pass --port N`,
    );
    // The port is checked before the core opens the data folder: nothing was written there.
    expect(readdirSync(data)).toEqual([]);
  });

  it('a corrupt database file, left exactly as it was', () => {
    const data = dataDir('corrupt');
    const garbage = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0xee)]);
    writeFileSync(join(data, 'hall.db'), garbage);
    const r = host(['--data', data]);
    expect(r.code).toBe(1);
    expectClearRefusal(r.err);
    expect(r.err).toMatch(/database .*hall\.db is damaged or not a hall-kiosk database/);
    expect(readFileSync(join(data, 'hall.db')).equals(garbage)).toBe(true);
  });

  it('a bad port number and an unknown flag', () => {
    const bad = host(['--port', '80a']);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('hall-kiosk: --port 80a is not a port number: give 0–65535');
    const unknown = host(['--colour', 'red']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/Unknown option '--colour'/);
    expect(unknown.err).toContain('usage: hall-kiosk-host');
  });
});

describe('a good start', () => {
  it('prints the four pages, serves them, and says it is a demo', async () => {
    const h = await startTestHost();
    try {
      const out = h.output();
      expect(out).toContain('DEMO mode');
      for (const page of ['kiosk', 'counter', 'display', 'technician'])
        expect(out).toMatch(new RegExp(`${page}\\s+${h.url}/#/`));
      const page = await fetch(`${h.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('<div id="app"');
    } finally {
      await h.stop();
    }
  });
});

/** A production hall node on loopback: what a second host on its folder would corrupt. */
const production = productionBase;

describe('one host per data folder', () => {
  it('a second host on the same folder names the one that holds it, exits 1 and changes nothing', async () => {
    const first = await startTestHost({ config: production });
    try {
      const r = runHostOn(first.dataDir);
      expect(r.code).toBe(1);
      expectClearRefusal(r.err);
      expect(r.err).toBe(
        `hall-kiosk: data folder ${first.dataDir} is in use by hall-kiosk process ${first.pid}: stop that host first, or pass another --data`,
      );
      expect(r.out).toBe('');
      // The first host still serves: one queue, one run of numbers.
      const numbers = await issueTickets(first.url, 4);
      expect(new Set(numbers).size).toBe(4);
    } finally {
      await first.stop();
    }
  });

  it('a host killed outright leaves no lock behind: the next host takes the folder and goes on', async () => {
    const first = await startTestHost({ config: production });
    const before = await issueTickets(first.url, 2);
    await first.kill();
    const again = await startTestHost({ config: production, dataDir: first.dataDir });
    try {
      const after = await issueTickets(again.url, 2);
      expect(new Set([...before, ...after]).size).toBe(4);
    } finally {
      await again.stop();
    }
  });
});

/** Tickets for the general service over the LAN API, as the demo kiosk's token takes them. */
async function issueTickets(url: string, count: number): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = await fetch(`${url}/api/queue.issue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.kiosk}` },
      body: JSON.stringify({ serviceId: 'general' }),
    });
    const body = (await r.json()) as { ok: boolean; result?: { number: string } };
    if (!body.ok) throw new Error(`queue.issue refused: ${JSON.stringify(body)}`);
    numbers.push(body.result!.number);
  }
  return numbers;
}

describe('the data key', () => {
  it('a wrong but well-formed key is refused at start in one sentence, and the right one still opens', async () => {
    const first = await startTestHost({ config: production });
    await first.stop({ keepData: true });
    const keyFile = join(first.dataDir, 'data.key');
    const right = readFileSync(keyFile);
    writeFileSync(keyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    try {
      const r = runHostOn(first.dataDir);
      expect(r.code).toBe(1);
      expectClearRefusal(r.err);
      expect(r.err).toBe(
        `hall-kiosk: the data key (key file ${keyFile} (0600)) is not the key this data folder was sealed with: restore the folder's own key from its backup; a new key cannot read the residents' cases`,
      );
      writeFileSync(keyFile, right, { mode: 0o600 });
      const again = await startTestHost({ config: production, dataDir: first.dataDir });
      await again.stop();
    } finally {
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});

describe('the platform certificates', () => {
  it('a missing client certificate: the host refuses to start, names the path, touches nothing', () => {
    const missing = join(root, 'no-such-client.pem');
    const config = join(root, 'missing-cert.json');
    writeFileSync(
      config,
      JSON.stringify({
        ...production,
        hall: { id: 'test-hall', name: { 'zh-CN': '测试大厅', en: 'Test hall' } },
        platform: {
          url: 'https://platform.example.test',
          clientCert: missing,
          clientKey: join(root, 'no-such-client.key'),
          caFile: join(root, 'no-such-ca.pem'),
          pins: ['A'.repeat(43) + '=', 'B'.repeat(43) + '='],
          signing: { keyId: 'hall', secret: 'a-signing-secret-0123456789' },
        },
      }),
    );
    const data = dataDir('missing-cert');
    const r = host(['--config', config, '--data', data, '--port', '0']);
    expect(r.code).toBe(2);
    expectClearRefusal(r.err);
    expect(r.err).toContain(`platform.clientCert: ${missing}: no such file`);
    expect(r.out).toBe('');
    expect(readdirSync(data)).toEqual([]);
  });
});
