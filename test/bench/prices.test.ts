import { describe, expect, it } from 'vitest';
import { AWS_PRICES, billedGbSeconds, estimateCostUsd } from '../../bench/prices.ts';

describe('Function: estimateCostUsd', () => {
  it('prices transitions, Lambda requests and GB-seconds at the stated us-east-1 prices', () => {
    // Act
    const cost = estimateCostUsd({
      stateTransitions: 1000,
      lambdaInvocations: 1_000_000,
      lambdaGbSeconds: 10,
    });

    // Assess
    expect(cost.stepFunctionsTransitions).toBeCloseTo(0.025, 10);
    expect(cost.lambdaRequests).toBeCloseTo(0.2, 10);
    expect(cost.lambdaDuration).toBeCloseTo(0.000133334, 12);
    expect(cost.total).toBeCloseTo(0.025 + 0.2 + 0.000133334, 10);
  });

  it('uses the prices it is given', () => {
    // Prepare
    const prices = { ...AWS_PRICES, stepFunctionsStandardPerTransitionUsd: 1 };

    // Act
    const cost = estimateCostUsd({ stateTransitions: 3, lambdaInvocations: 0, lambdaGbSeconds: 0 }, prices);

    // Assess
    expect(cost.total).toBe(3);
  });
});

describe('Function: billedGbSeconds', () => {
  it('rounds the duration up to a whole millisecond and scales by the memory in GB', () => {
    // Act
    const gbSeconds = billedGbSeconds(1999.2, 512);

    // Assess
    expect(gbSeconds).toBe(1);
  });
});
