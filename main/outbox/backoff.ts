/** Full-jitter exponential backoff with a cap (pure). */
export interface Backoff {
  baseMs: number;
  capMs: number;
}

/** A delay uniformly in [0, min(cap, base·2^attempt)]; never shorter than Retry-After. */
export function nextDelay(
  backoff: Backoff,
  attempt: number,
  random: () => number,
  retryAfterMs = 0,
): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(attempt, 30));
  return Math.max(Math.floor(random() * ceiling), retryAfterMs);
}
