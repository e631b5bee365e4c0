/**
 * The runner's loop: fill the free slots from the picked rows, then sleep until an answer, an
 * enqueue or a staff action wakes it, or the next row is due. Also tells `idle()` waiters when
 * nothing deliverable is pending.
 */
import type { Clock } from './clock.js';
import type { Flights } from './flights.js';
import type { Picker } from './picker.js';
import { canSend, isQuiet, needsRefill, untilDue, waitsForJob } from './schedule.js';
import type { Picked } from './storage.js';
import type { Waker } from './waker.js';

export type Runner = ReturnType<typeof createRunner>;

interface RunnerDeps {
  concurrency: number;
  flights: Flights;
  picker: Picker;
  send(row: Picked): void;
  waker: Waker;
  clock: Clock;
}

export function createRunner(d: RunnerDeps) {
  const { flights, picker, concurrency } = d;
  let running = false;
  let loop: Promise<void> | null = null;
  let idleWaiters: (() => void)[] = [];

  async function run() {
    while (running) {
      if (needsRefill(flights, concurrency)) picker.refill();
      while (running && canSend(flights, concurrency)) d.send(flights.queued.shift()!);
      if (isQuiet(flights)) settleIdle();
      await d.waker.pause(sleepFor());
    }
  }

  function sleepFor(): number | null {
    if (waitsForJob(flights, concurrency)) return null;
    const due = picker.nextDue();
    return untilDue(due, d.clock.now());
  }

  function settleIdle() {
    if (idleWaiters.length === 0) return;
    if (picker.nextDue() !== null) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((w) => w());
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    /** Ends the loop, then waits for every delivery out to be over. */
    async stop() {
      running = false;
      d.waker.wake();
      await loop;
      await Promise.allSettled([...flights.jobs]);
    },
    /** Resolves when nothing deliverable is pending (parked lanes excepted). */
    idle(): Promise<void> {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        d.waker.wake();
      });
    },
  };
}
