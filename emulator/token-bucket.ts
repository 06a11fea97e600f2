/** A token bucket refilled in simulated time: Connect's throttle of one operation. */
export class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(burst: number, now: number) {
    this.#tokens = burst;
    this.#updatedAt = now;
  }

  /** Takes one token when there is one; `false` means the request is throttled. */
  take(now: number, limit: { readonly ratePerSecond: number; readonly burst: number }): boolean {
    const elapsedSeconds = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(limit.burst, this.#tokens + elapsedSeconds * limit.ratePerSecond);
    this.#updatedAt = Math.max(this.#updatedAt, now);
    // The epsilon keeps float drift (0.4999… s at 2 per second) from throttling a request that is due.
    if (this.#tokens < 1 - 1e-9) return false;
    this.#tokens = Math.max(0, this.#tokens - 1);
    return true;
  }
}
