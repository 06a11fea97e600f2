/** The time source of the workflow's domain code: real on AWS, scaled in offline runs. */
export type Clock = {
  /** Epoch milliseconds. */
  now(): number;
  /** Waits `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
  /**
   * Clock milliseconds per wall-clock millisecond (1 when absent). Code that must wait through something that
   * only knows wall time, such as the SDK's retry delays, converts with `toWallMs`.
   */
  readonly timeScale?: number;
};

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * A clock running `timeScale` times faster than the wall clock, from the wall clock's present: what the
 * emulator calls simulated time. Used by offline runs so that minutes of Connect latency pass in seconds.
 */
export function scaledClock(timeScale: number, origin = Date.now()): Clock {
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
    throw new RangeError(`timeScale must be a positive finite number, got ${timeScale}`);
  }
  return {
    now: () => origin + (Date.now() - origin) * timeScale,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / timeScale)),
    timeScale,
  };
}

/** The wall-clock milliseconds that `ms` of the clock's time take. */
export function toWallMs(clock: Clock, ms: number): number {
  return Math.max(0, ms) / (clock.timeScale ?? 1);
}
