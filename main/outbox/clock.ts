/**
 * Time for the outbox, injectable: tests compress hours of outage into seconds by running a
 * scaled clock, shared with the simulator so both agree on "now".
 */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = { now: Date.now, sleep: (ms, signal) => wait(ms, signal) };

/** Virtual time that runs `factor` times faster than real time. */
export function scaledClock(factor: number, start = Date.now()): Clock {
  const origin = performance.now();
  return {
    now: () => Math.floor(start + (performance.now() - origin) * factor),
    sleep: (ms, signal) => wait(ms / factor, signal),
  };
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
