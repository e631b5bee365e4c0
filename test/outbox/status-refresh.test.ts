/**
 * The background case-status refresh against the real simulator: bounded rounds, the
 * longest-unchecked case first, final states left alone; and, in the desk as the core starts
 * it with time compressed 1200×, a status changed at the platform reaching the hall without
 * anyone opening 办件查询, backing off through an hour's outage (办件查询 then shows the
 * cached status with its age), and picking up again when the platform is back.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStatusRefresh } from '../../main/case/status-refresh.js';
import { scaledClock } from '../../main/outbox/clock.js';
import { makeCerts, type CertSet } from '../../platform/simulator/certs.js';
import type { Simulator } from '../../platform/simulator/server.js';
import { startCaseKit, type CaseKit } from './case-kit.js';
import { openKit, residenceCase, startKitSimulator, tempDir, type Kit } from './kit.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CTX = { transport: 'ws' as const, peer: '127.0.0.1' };
let dir: string;
let certs: CertSet;

beforeAll(() => {
  dir = tempDir('status-refresh-');
  certs = makeCerts(join(dir, 'certs'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const caseNumbers = (db: Kit['store']['db']) =>
  (
    db.prepare('SELECT platform_case_number AS n FROM case_platform ORDER BY id').all() as {
      n: string;
    }[]
  ).map((r) => r.n);

describe('one round at a time', () => {
  let sim: Simulator;
  let kit: Kit;
  beforeAll(async () => {
    sim = await startKitSimulator(certs);
    kit = openKit(join(dir, 'rounds'), certs, sim.url);
    kit.outbox.start();
  });
  afterAll(async () => {
    await kit.close();
    await sim.close();
  });

  it('asks for at most perRound cases, the longest-unchecked first, and skips final ones', async () => {
    for (let i = 1; i <= 5; i++) kit.cases.submit(residenceCase(i, i));
    await kit.outbox.idle();
    const numbers = caseNumbers(kit.store.db);
    expect(numbers.every((n) => /^SC\d+$/.test(n))).toBe(true);
    const asked: string[] = [];
    const changes: number[] = [];
    let t = Date.parse('2026-11-28T09:00:00Z');
    const refresh = createStatusRefresh({
      db: kit.store.db,
      client: { caseStatus: (n) => (asked.push(n), kit.client.caseStatus(n)) },
      clock: { now: () => (t += 1000), sleep: () => Promise.resolve() },
      intervalMs: MINUTE,
      perRound: 2,
      maxBackoffMs: HOUR,
      onChanged: (n) => changes.push(n),
    });
    sim.advance(numbers[0]!, 'completed', '街道社会事务办');
    sim.advance(numbers[2]!, 'in-progress', '街道社会事务办');

    expect(await refresh.round()).toEqual({ checked: 2, changed: 1, down: null });
    expect(asked).toEqual([numbers[0], numbers[1]]);
    expect(await refresh.round()).toEqual({ checked: 2, changed: 1, down: null });
    expect(asked.slice(2)).toEqual([numbers[2], numbers[3]]);
    // The fifth has never been checked; then the oldest check (the second case). The first is
    // completed: never asked again.
    await refresh.round();
    expect(asked.slice(4)).toEqual([numbers[4], numbers[1]]);
    await refresh.round();
    expect(asked.slice(6)).toEqual([numbers[2], numbers[3]]);
    expect(asked.filter((n) => n === numbers[0])).toHaveLength(1);
    expect(changes).toEqual([1, 1]);
    const stored = kit.store.db
      .prepare('SELECT platform_status AS s FROM case_platform ORDER BY id')
      .all() as { s: string }[];
    expect(stored.map((r) => r.s)).toEqual([
      'completed',
      'received',
      'in-progress',
      'received',
      'received',
    ]);
  });

  it('stops a round at the first unanswered request and waits longer each time, up to the cap', async () => {
    const before = sim.stats.requests;
    const t0 = Date.now();
    sim.faults.outages.push({ from: t0 - 1, to: t0 + HOUR });
    const refresh = createStatusRefresh({
      db: kit.store.db,
      client: kit.client,
      clock: { now: Date.now, sleep: () => Promise.resolve() },
      intervalMs: MINUTE,
      perRound: 20,
      maxBackoffMs: 10 * MINUTE,
      onChanged: () => {},
    });
    const result = await refresh.round();
    expect(result.checked).toBe(0);
    expect(result.down).toMatch(/./);
    expect(sim.stats.requests - before).toBe(1);
    expect([0, 1, 2, 3, 4, 5].map((f) => refresh.delayAfter(f) / MINUTE)).toEqual([
      1, 2, 4, 8, 10, 10,
    ]);
    sim.faults.outages.length = 0;
  });
});

describe('in the desk, with time compressed', () => {
  const clock = scaledClock(1200);
  let sim: Simulator;
  let k: CaseKit;
  beforeAll(async () => {
    sim = await startKitSimulator(certs, {}, clock);
    k = await startCaseKit(join(dir, 'desk'), certs, sim, clock, {
      intervalSeconds: 60,
      perRound: 20,
      maxBackoffSeconds: 8 * 60,
    });
  });
  afterAll(async () => {
    await k.close();
    await sim.close();
  });

  const status = () =>
    (k.store.db.prepare('SELECT platform_status AS s FROM case_platform').get() as { s: string }).s;
  const changedEvents = () => k.events.filter((e) => e.event === 'cases.changed');
  const ID = '11010519491231002X';

  it('brings a status changed at the platform to the hall, announced as a count only', async () => {
    await k.desk.catalog.sync();
    const reply = await k.desk.handlers['cases.submit'](
      {
        serviceId: 'residence-certificate',
        applicant: { idNumber: ID, name: '张三' },
        answers: { address: '北京市东城区某街1号', years: 3 },
        consent: true,
      },
      CTX,
    );
    expect(reply).toMatchObject({ ok: true });
    await k.desk.outbox.idle();
    const [number] = caseNumbers(k.store.db);
    sim.advance(number!, 'in-progress', '街道社会事务办');
    // Nobody opens 办件查询: the desk's own rounds (one a virtual minute) find it.
    await expect.poll(status, { timeout: 5_000 }).toBe('in-progress');
    await expect.poll(() => changedEvents().length, { timeout: 2_000 }).toBeGreaterThan(0);
    expect(changedEvents()[0]!.data).toEqual({ changed: 1, at: expect.any(String) });
    expect(JSON.stringify(k.events)).not.toContain(ID);
    expect(JSON.stringify(k.events)).not.toContain(number!);
  });

  it('backs off through an outage; 办件查询 shows the cached status and its age meanwhile', async () => {
    const from = clock.now();
    sim.faults.outages.push({ from, to: from + HOUR });
    const faultsBefore = sim.stats.faults;
    // Half an hour into the outage (1.5 s here).
    while (clock.now() < from + 30 * MINUTE) await new Promise((r) => setTimeout(r, 50));
    const mine = await k.desk.handlers['cases.mine']({ idNumber: ID }, CTX);
    expect(mine.live).toBe(false);
    expect(mine.cases[0]).toMatchObject({ platformStatus: 'in-progress' });
    expect(mine.ageSeconds).toBeGreaterThanOrEqual(29 * 60);
    while (clock.now() < from + HOUR) await new Promise((r) => setTimeout(r, 50));
    // One request per round while down, the wait doubling to 8 minutes: 1+2+4+8+8… ≈ 10
    // rounds in the hour instead of 60 (plus the one 办件查询 above).
    const asked = sim.stats.faults - faultsBefore;
    expect(asked).toBeGreaterThanOrEqual(4);
    expect(asked).toBeLessThanOrEqual(14);
  });

  it('picks up again when the platform is back, and leaves a finished case alone', async () => {
    const [number] = caseNumbers(k.store.db);
    const events = changedEvents().length;
    sim.advance(number!, 'completed', '街道社会事务办');
    // Within one capped wait (8 virtual minutes) of the platform coming back.
    await expect.poll(status, { timeout: 5_000 }).toBe('completed');
    await expect.poll(() => changedEvents().length, { timeout: 2_000 }).toBe(events + 1);
    const mine = await k.desk.handlers['cases.mine']({ idNumber: ID }, CTX);
    expect(mine.live).toBe(true);
    // Completed: twenty virtual minutes of rounds pass without a request about it.
    const requests = sim.stats.requests;
    const until = clock.now() + 20 * MINUTE;
    while (clock.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(sim.stats.requests).toBe(requests);
  });
});
