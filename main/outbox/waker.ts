/**
 * How the runner waits: until woken (an answer, an enqueue, a staff action), or for a while. A
 * plain resolver: an AbortController per wait (with its event listeners) cost more than the
 * outbox's SQL at drain rates.
 */
import type { Clock } from './clock.js';

export interface Waker {
  wake(): void;
  /** Until woken, or for `ms` (null: only a wake ends it; every job wakes us when it ends). */
  pause(ms: number | null): Promise<void>;
}

const WAKE = 'wake';

export function createWaker(clock: Clock): Waker {
  let woken = false;
  let wakeWaiter: (() => void) | null = null;
  let timedWait: AbortController | null = null;
  return {
    wake() {
      woken = true;
      const waiter = wakeWaiter;
      wakeWaiter = null;
      waiter?.();
      // Aborting with a reason of our own: a bare abort() builds a DOMException with a stack.
      if (timedWait && !timedWait.signal.aborted) timedWait.abort(WAKE);
    },
    async pause(ms) {
      if (!woken) {
        if (ms === null) {
          await new Promise<void>((resolve) => (wakeWaiter = resolve));
        } else {
          timedWait = new AbortController();
          await clock.sleep(ms, timedWait.signal);
          timedWait = null;
        }
      }
      woken = false;
    },
  };
}
