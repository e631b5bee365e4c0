import { describe, expect, it } from 'vitest';
import { noFlights, type Flights } from './flights.js';
import {
  canSend,
  earlierDue,
  headsWanted,
  isQuiet,
  isSendable,
  needsRefill,
  untilDue,
  waitsForJob,
} from './schedule.js';
import type { OpenRow } from './storage.js';

const head = (id: number, due: number, state: OpenRow['state'] = 'pending'): OpenRow => ({
  id,
  state,
  lane: `lane-${id}`,
  due,
});

function flights(inFlight: number, jobs: number, queued: number): Flights {
  const f = noFlights();
  for (let i = 0; i < inFlight; i++) f.inFlight.set(i, Promise.resolve());
  for (let i = 0; i < jobs; i++) f.jobs.add(Promise.resolve());
  for (let i = 0; i < queued; i++)
    f.queued.push({ id: 100 + i, kind: 'k', refId: i, key: 'key', attempts: 0, json: '{}' });
  return f;
}

describe('the runner decisions', () => {
  it('picks several turns of work per walk, never fewer than 256 heads', () => {
    expect(headsWanted(8)).toBe(256);
    expect(headsWanted(100)).toBe(400);
  });

  it('sends a head only when it is pending, due and not already taken', () => {
    expect(isSendable(head(1, 10), 10, new Set())).toBe(true);
    expect(isSendable(head(1, 11), 10, new Set())).toBe(false);
    expect(isSendable(head(1, 10, 'parked'), 10, new Set())).toBe(false);
    expect(isSendable(head(1, 10), 10, new Set([1]))).toBe(false);
  });

  it('finds the earliest pending due time and ignores parked heads', () => {
    const heads = [head(1, 30), head(2, 5, 'parked'), head(3, 20), head(4, 40)];
    expect(heads.reduce(earlierDue, null)).toBe(20);
    expect([head(1, 5, 'parked')].reduce(earlierDue, null)).toBeNull();
  });

  it('refills, sends and settles idle by the slots and the queue', () => {
    expect(needsRefill(flights(1, 1, 0), 2)).toBe(true);
    expect(needsRefill(flights(2, 2, 0), 2)).toBe(false);
    expect(needsRefill(flights(0, 0, 1), 2)).toBe(false);
    expect(canSend(flights(1, 1, 1), 2)).toBe(true);
    expect(canSend(flights(2, 2, 1), 2)).toBe(false);
    expect(isQuiet(flights(0, 0, 0))).toBe(true);
    expect(isQuiet(flights(0, 1, 0))).toBe(false);
    expect(isQuiet(flights(0, 0, 1))).toBe(false);
  });

  it('waits for a job while the slots are full or jobs run with nothing queued', () => {
    expect(waitsForJob(flights(2, 2, 3), 2)).toBe(true);
    expect(waitsForJob(flights(1, 1, 0), 2)).toBe(true);
    expect(waitsForJob(flights(1, 1, 1), 2)).toBe(false);
    expect(waitsForJob(flights(0, 0, 0), 2)).toBe(false);
  });

  it('sleeps until the next due time, between 1 ms and a minute', () => {
    expect(untilDue(null, 1000)).toBe(60_000);
    expect(untilDue(1500, 1000)).toBe(500);
    expect(untilDue(900, 1000)).toBe(1);
    expect(untilDue(1000 + 120_000, 1000)).toBe(60_000);
  });
});
