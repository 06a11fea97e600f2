import type { Clock } from '../../../lambdas/core/clock.ts';

/**
 * A clock whose time moves only when everything else is waiting: `run(promise)` lets pending work settle,
 * then jumps to the earliest sleeper and wakes it, until the promise settles. Minutes of workflow time pass
 * in milliseconds, deterministically.
 */
export type VirtualClock = Clock & {
  run<T>(work: Promise<T>): Promise<T>;
  /** Moves time forward without waking anyone early. */
  advance(ms: number): void;
  /** Sleeps not yet woken. */
  pendingSleeps(): number;
};

export const VIRTUAL_EPOCH = Date.UTC(2025, 0, 1);

export function createVirtualClock(start = VIRTUAL_EPOCH): VirtualClock {
  let now = start;
  let sequence = 0;
  const sleepers: { at: number; sequence: number; wake: () => void }[] = [];

  const settleMicrotasks = async () => {
    for (let round = 0; round < 3; round++) await new Promise((resolve) => setImmediate(resolve));
  };

  return {
    now: () => now,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        sleepers.push({ at: now + Math.max(0, ms), sequence: sequence++, wake: resolve });
      }),
    advance: (ms) => {
      now += ms;
    },
    pendingSleeps: () => sleepers.length,
    async run<T>(work: Promise<T>): Promise<T> {
      let settled = false;
      work.then(
        () => {
          settled = true;
        },
        () => {
          settled = true;
        },
      );
      for (let steps = 0; ; steps++) {
        await settleMicrotasks();
        if (settled) return work;
        if (steps > 100_000) throw new Error('VirtualClock: the work did not settle in 100000 steps');
        sleepers.sort((a, b) => a.at - b.at || a.sequence - b.sequence);
        const next = sleepers.shift();
        if (!next) throw new Error('VirtualClock: the work waits for something other than the clock');
        now = Math.max(now, next.at);
        next.wake();
      }
    },
  };
}
