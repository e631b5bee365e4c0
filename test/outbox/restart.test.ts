/**
 * Restarts on either side of a delivery. The outbox marks answers by group commit, so a kiosk
 * that dies after the platform accepted a case but before the mark was written sends it again,
 * with the same idempotency key: the platform must answer with the first case, not make a
 * second. And a platform (the simulator with its durable store) restarted between a delivery
 * and its retry must still know the key.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { paths } from '../../main/paths.js';
import { makeCerts, type CertSet } from '../../platform/simulator/certs.js';
import { startSimulator, type Faults, type Simulator } from '../../platform/simulator/server.js';
import { openKit, residenceCase, SECRET, tempDir } from './kit.js';

let dir: string;
let certs: CertSet;
beforeAll(() => {
  dir = tempDir('outbox-restart-');
  certs = makeCerts(join(dir, 'certs'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function simulator(faults: Partial<Faults>, dataFile?: string, port?: number) {
  return startSimulator({
    tls: { ...certs.server, ca: certs.ca },
    keys: { 'kit-1': SECRET },
    faults,
    dataFile,
    port,
  });
}

/** The case's key at the platform, and how many cases the platform holds under that key. */
function atPlatform(sim: Simulator, key: string) {
  const stored = [...sim.cases.values()].filter((c) => c.key === key);
  return {
    count: stored.length,
    caseNumber: stored[0]?.ack.caseNumber,
    made: sim.creations.get(key),
  };
}

/** Deliver one case to a simulator that stores it and then resets the connection. */
async function acceptedButUnanswered(dataDir: string, sim: Simulator) {
  const kit = openKit(dataDir, certs, sim.url, { backoff: { baseMs: 60_000, capMs: 60_000 } });
  const { outboxId } = kit.cases.submit(residenceCase(3, 1));
  kit.outbox.start();
  await expect.poll(() => sim.stats.accepted, { timeout: 5000 }).toBe(1);
  await expect
    .poll(() => kit.store.db.prepare('SELECT attempts FROM outbox WHERE id = ?').get(outboxId), {
      timeout: 5000,
    })
    .toEqual({ attempts: 1 });
  const { key } = kit.store.db
    .prepare('SELECT idempotency_key AS key FROM outbox WHERE id = ?')
    .get(outboxId) as { key: string };
  await kit.close();
  return key;
}

async function retry(dataDir: string, sim: Simulator) {
  const kit = openKit(dataDir, certs, sim.url);
  kit.store.db.prepare("UPDATE outbox SET next_attempt_at = 0 WHERE state = 'pending'").run();
  kit.outbox.start();
  await kit.outbox.idle();
  const row = kit.store.db
    .prepare(`SELECT outbox_state AS state, platform_case_number AS caseNumber FROM case_platform`)
    .get() as { state: string; caseNumber: string };
  await kit.close();
  return row;
}

it('a simulator restarted between a delivery and its retry still holds one case by key', async () => {
  const dataFile = join(dir, 'platform.db');
  const first = await simulator({ resetAfterCommitRatio: 1 }, dataFile);
  const dataDir = join(dir, 'durable');
  const key = await acceptedButUnanswered(dataDir, first);
  const before = atPlatform(first, key);
  expect(before.count).toBe(1);
  await first.close();

  const second = await simulator({}, dataFile, first.port);
  try {
    const row = await retry(dataDir, second);
    expect(row.state).toBe('delivered');
    expect(row.caseNumber).toBe(before.caseNumber);
    expect(atPlatform(second, key)).toEqual({ count: 1, caseNumber: before.caseNumber, made: 1 });
    expect(second.stats.accepted).toBe(0); // the retry was a replay, not a creation
  } finally {
    await second.close();
  }
});

it('without the durable store the same restart forgets the key and makes a second case', async () => {
  // The contrast that shows what the store is for (and that the test above could fail).
  const first = await simulator({ resetAfterCommitRatio: 1 });
  const dataDir = join(dir, 'memory');
  const key = await acceptedButUnanswered(dataDir, first);
  const before = atPlatform(first, key);
  await first.close();
  const second = await simulator({}, undefined, first.port);
  try {
    const row = await retry(dataDir, second);
    expect(second.stats.accepted).toBe(1);
    expect(row.caseNumber).toBe(atPlatform(second, key).caseNumber);
    expect(before.count).toBe(1);
  } finally {
    await second.close();
  }
});

it('a kiosk killed after the platform accepted, before the answer was written, re-sends with the same key: one case', async () => {
  const sim = await simulator({}, join(dir, 'platform-crash.db'));
  const dataDir = join(dir, 'crash');
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(paths.root, 'test', 'outbox', 'crash-child.ts'),
          JSON.stringify({ dataDir, certsDir: certs.dir, url: sim.url }),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let text = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve(text) : reject(new Error(`child ended ${code}: ${err}`)),
      );
    });
    const key = /^ACK \S+ (\S+)$/m.exec(out)?.[1];
    const answered = /^ANSWERED (\S+)$/m.exec(out)?.[1];
    expect(key).toBeTruthy();
    expect(answered).toBeTruthy();
    expect(atPlatform(sim, key!)).toEqual({ count: 1, caseNumber: answered, made: 1 });

    // The kiosk's database never learnt the answer: the row is still pending, untried.
    const kit = openKit(dataDir, certs, sim.url);
    expect(
      kit.store.db.prepare('SELECT state, attempts, idempotency_key AS key FROM outbox').get(),
    ).toEqual({ state: 'pending', attempts: 0, key });
    await kit.close();

    const row = await retry(dataDir, sim);
    expect(row).toEqual({ state: 'delivered', caseNumber: answered });
    expect(atPlatform(sim, key!)).toEqual({ count: 1, caseNumber: answered, made: 1 });
    expect(sim.stats.accepted).toBe(1);
  } finally {
    await sim.close();
  }
});
