/**
 * SIGKILL the host at random moments while it submits and delivers, ROUNDS times (200 in
 * `npm test`; OUTBOX_KILL_ROUNDS overrides). After every round the database passes
 * integrity_check and holds every acknowledged case; at the end each case reached the
 * simulator exactly once.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { paths } from '../../main/paths.js';
import { makeCerts, type CertSet } from '../../platform/simulator/certs.js';
import type { Simulator } from '../../platform/simulator/server.js';
import { openKit, startKitSimulator, tempDir } from './kit.js';

const ROUNDS = Number(process.env.OUTBOX_KILL_ROUNDS ?? 200);
let dir: string;
let certs: CertSet;
let sim: Simulator;
let childJs: string;

beforeAll(async () => {
  dir = tempDir('outbox-kill-');
  certs = makeCerts(join(dir, 'certs'));
  sim = await startKitSimulator(certs, {
    errorRatio: 0.1,
    resetAfterCommitRatio: 0.2,
    latencyMs: 2,
  });
  // Bundled once, inside the repo so the bundle finds package.json and the migrations.
  const out = join(paths.root, 'node_modules', '.cache', 'hall-kiosk-test');
  mkdirSync(out, { recursive: true });
  childJs = join(out, `kill-child-${process.pid}.mjs`);
  await build({
    entryPoints: [join(paths.root, 'test', 'outbox', 'kill-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: childJs,
    packages: 'external',
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
  if (childJs) rmSync(childJs, { force: true });
});

function round(dataDir: string, seed: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [childJs, JSON.stringify({ dataDir, certsDir: certs.dir, url: sim.url, seed })],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!armed && out.includes('READY\n')) {
        armed = true;
        // Anywhere from mid-startup delivery to a burst of submits.
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 120);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended ${code ?? signal}: ${err}`));
      // Only complete lines: a half-written ACK line was never an acknowledgement.
      resolve(
        out
          .split('\n')
          .slice(0, -1)
          .filter((l) => l.startsWith('ACK '))
          .map((l) => l.slice(4)),
      );
    });
  });
}

it(`loses nothing acknowledged and sends nothing twice across ${ROUNDS} SIGKILLs`, async () => {
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const acked: string[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    acked.push(...(await round(dataDir, i)));
    const db = new Database(join(dataDir, 'hall.db'));
    expect(db.pragma('integrity_check', { simple: true }), `round ${i}`).toBe('ok');
    const have = new Set(
      (
        db
          .prepare(
            "SELECT c.receipt_number AS r FROM hall_case c JOIN outbox o ON o.kind = 'case' AND o.ref_id = c.id",
          )
          .all() as { r: string }[]
      ).map((x) => x.r),
    );
    db.close();
    const lost = acked.filter((r) => !have.has(r));
    expect(lost, `round ${i}`).toEqual([]);
  }
  expect(acked.length).toBeGreaterThan(ROUNDS);

  // Restart once more and let it drain: every case arrives, exactly once.
  const kit = openKit(dataDir, certs, sim.url, { backoff: { baseMs: 5, capMs: 50 } });
  kit.outbox.start();
  await kit.outbox.idle();
  const rows = kit.store.db
    .prepare('SELECT receipt_number AS r, platform_case_number AS p FROM case_platform')
    .all() as { r: string; p: string | null }[];
  await kit.close();
  expect(rows.filter((x) => x.p === null)).toEqual([]);
  const atPlatform = [...sim.cases.values()].map((c) => c.submission.receiptNumber);
  expect(new Set(atPlatform).size).toBe(atPlatform.length);
  expect(atPlatform.sort()).toEqual(rows.map((x) => x.r).sort());
  expect([...sim.creations.values()].every((n) => n === 1)).toBe(true);
  for (const a of acked) expect(atPlatform).toContain(a);
}, 600_000);
