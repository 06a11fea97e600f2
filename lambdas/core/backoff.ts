/** Capped exponential backoff with full jitter: spreads retries of many callers instead of bunching them. */
export type Backoff = {
  /** The delay before the first retry may reach this many ms. */
  readonly baseMs: number;
  /** No delay exceeds this many ms. */
  readonly maxMs: number;
};

/** A delay in [0, min(maxMs, baseMs · 2^(attempt-1))) for retry number `attempt` (1 for the first retry). */
export function fullJitterDelay(
  backoff: Backoff,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.floor(random() * Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent));
}
