/**
 * Client-side pacing: a token bucket per Connect operation, in the clock's time, so the workflow stays under
 * the account's throttle (2 per second, burst 5 by default) instead of spending calls on 429 answers.
 */
import type { Clock } from './clock.ts';
import type { RateLimit } from './dependencies.ts';

export type Pacer = {
  /** Resolves when one more call may be made now; callers are served in the order they asked. */
  take(): Promise<void>;
};

export function createPacer(rate: RateLimit, clock: Clock): Pacer {
  if (!(rate.ratePerSecond > 0) || !Number.isFinite(rate.ratePerSecond)) {
    throw new RangeError(`ratePerSecond must be a positive finite number, got ${rate.ratePerSecond}`);
  }
  if (!Number.isInteger(rate.burst) || rate.burst < 1) {
    throw new RangeError(`burst must be a whole number of at least 1, got ${rate.burst}`);
  }
  let tokens = rate.burst;
  let refilledAt = clock.now();
  // One taker at a time: two taking together would both see the same token.
  let queue: Promise<void> = Promise.resolve();

  const refill = () => {
    const now = clock.now();
    tokens = Math.min(rate.burst, tokens + ((now - refilledAt) * rate.ratePerSecond) / 1000);
    refilledAt = now;
  };

  const acquire = async () => {
    refill();
    while (tokens < 1) {
      await clock.sleep(Math.ceil(((1 - tokens) * 1000) / rate.ratePerSecond));
      refill();
    }
    tokens -= 1;
  };

  return {
    take: () => {
      const turn = queue.then(acquire);
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
