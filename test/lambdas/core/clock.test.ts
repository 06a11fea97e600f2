import { describe, expect, it } from 'vitest';
import { scaledClock, systemClock, toWallMs } from '../../../lambdas/core/clock.ts';

describe('Function: toWallMs', () => {
  it('divides by the clock scale', () => {
    // Act & Assess
    expect(toWallMs(scaledClock(20), 1000)).toBe(50);
    expect(toWallMs(systemClock, 1000)).toBe(1000);
    expect(toWallMs(scaledClock(2), -5)).toBe(0);
  });
});

describe('Function: scaledClock', () => {
  it('carries its scale, and rejects one that is not positive', () => {
    // Act & Assess
    expect(scaledClock(20).timeScale).toBe(20);
    expect(() => scaledClock(0)).toThrow(/timeScale/);
  });
});
