import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from '../../../lambdas/core/backoff.ts';
import { withHeadroom } from '../../../lambdas/core/connect-calls.ts';
import { createPacer } from '../../../lambdas/core/pacer.ts';
import { createVirtualClock, VIRTUAL_EPOCH } from '../support/virtual-clock.ts';

describe('Function: createPacer', () => {
  it('lets a burst through at once, then one call per interval', async () => {
    // Prepare
    const clock = createVirtualClock();
    const pacer = createPacer({ ratePerSecond: 2, burst: 5 }, clock);
    const times: number[] = [];

    // Act
    await clock.run(
      (async () => {
        for (let i = 0; i < 9; i++) {
          await pacer.take();
          times.push(clock.now() - VIRTUAL_EPOCH);
        }
      })(),
    );

    // Assess
    expect(times).toEqual([0, 0, 0, 0, 0, 500, 1000, 1500, 2000]);
  });

  it('serves concurrent takers one token each, in the order they asked', async () => {
    // Prepare
    const clock = createVirtualClock();
    const pacer = createPacer({ ratePerSecond: 1, burst: 1 }, clock);
    const served: string[] = [];

    // Act
    await clock.run(
      Promise.all(
        ['a', 'b', 'c'].map(async (name) => {
          await pacer.take();
          served.push(`${name}@${clock.now() - VIRTUAL_EPOCH}`);
        }),
      ),
    );

    // Assess
    expect(served).toEqual(['a@0', 'b@1000', 'c@2000']);
  });

  it('refills while idle, up to the burst', async () => {
    // Prepare
    const clock = createVirtualClock();
    const pacer = createPacer({ ratePerSecond: 2, burst: 3 }, clock);
    await clock.run(Promise.all([pacer.take(), pacer.take(), pacer.take()]));
    clock.advance(60_000);
    const start = clock.now();

    // Act
    await clock.run(Promise.all([pacer.take(), pacer.take(), pacer.take(), pacer.take()]));

    // Assess
    expect(clock.now() - start).toBe(500);
  });

  it.each([
    [{ ratePerSecond: 0, burst: 5 }, /ratePerSecond/],
    [{ ratePerSecond: 2, burst: 0 }, /burst/],
    [{ ratePerSecond: 2, burst: 1.5 }, /burst/],
  ])('rejects the rate %j', (rate, message) => {
    // Act & Assess
    expect(() => createPacer(rate, createVirtualClock())).toThrow(message);
  });
});

describe('Function: fullJitterDelay', () => {
  it('stays below the exponential bound and the cap', () => {
    // Prepare
    const backoff = { baseMs: 1000, maxMs: 5000 };

    // Act & Assess
    expect(fullJitterDelay(backoff, 1, () => 0.999)).toBe(999);
    expect(fullJitterDelay(backoff, 2, () => 0.5)).toBe(1000);
    expect(fullJitterDelay(backoff, 3, () => 0.999)).toBe(3996);
    expect(fullJitterDelay(backoff, 10, () => 0.999)).toBe(4995);
    expect(fullJitterDelay(backoff, 1, () => 0)).toBe(0);
  });
});

describe('Function: withHeadroom', () => {
  it("keeps one token of Connect's burst in reserve, at the same rate", () => {
    // Act & Assess
    expect(withHeadroom({ ratePerSecond: 2, burst: 5 })).toEqual({ ratePerSecond: 2, burst: 4 });
    expect(withHeadroom({ ratePerSecond: 2, burst: 1 })).toEqual({ ratePerSecond: 2, burst: 1 });
  });
});
