/**
 * Per-client rate limits: a token bucket per WebSocket, and per address + credential over
 * HTTP. A client over its limit gets RATE_LIMITED (429) and its call is not run.
 */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    readonly limit: RateLimit,
    readonly now: () => number = Date.now,
  ) {
    this.#tokens = limit.burst;
    this.#last = now();
  }

  take(): boolean {
    const now = this.now();
    this.#tokens = Math.min(
      this.limit.burst,
      this.#tokens + ((now - this.#last) / 1000) * this.limit.perSecond,
    );
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** Buckets by key, forgetting idle ones so a storm of new clients cannot grow it forever. */
export class RateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(readonly limit: RateLimit) {}

  take(key: string): boolean {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size > 10_000) this.#buckets.clear();
      bucket = new TokenBucket(this.limit);
      this.#buckets.set(key, bucket);
    }
    return bucket.take();
  }
}
