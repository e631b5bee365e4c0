/**
 * The headless host as a person meets it: run the built CLI, read what it says. Every bad
 * start ends in one clear sentence, a non-zero exit, and nothing overwritten.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostEntry, startTestHost } from '../../test/support/host.js';

const root = mkdtempSync(join(tmpdir(), 'hall-host-'));
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function host(args: string[]) {
  if (!existsSync(hostEntry)) throw new Error(`${hostEntry} is missing: run npm run build first`);
  const result = spawnSync(process.execPath, [hostEntry, ...args], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr.trim() };
}

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
    const r = host(['--data', dataDir('port'), '--port', String(port)]);
    blocker.close();
    expect(r.code).toBe(1);
    expectClearRefusal(r.err);
    expect(r.err).toBe(
      `hall-kiosk: port ${port} on 127.0.0.1 is in use by another program: stop it or pass --port N`,
    );
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
