import { describe, expect, it } from 'vitest';
import type { ExecutionTally } from '../../bench/execution-tally.ts';
import {
  lowerBoundSeconds,
  MissingMemorySizeError,
  makespanRatio,
  perClaimed,
  type ScenarioMeasurements,
  scenarioFigures,
} from '../../bench/scenario-figures.ts';

const throttle = { ratePerSecond: 2, burst: 5 };

describe('Function: lowerBoundSeconds', () => {
  it('is the paced claims beyond the burst plus the longest claim latency', () => {
    // Act
    const bound = lowerBoundSeconds({ requested: 100, throttle, maxClaimLatencySeconds: 20 });

    // Assess
    expect(bound).toBe(67.5);
  });

  it('is only the latency when the burst covers every claim', () => {
    // Act
    const bound = lowerBoundSeconds({ requested: 3, throttle, maxClaimLatencySeconds: 20 });

    // Assess
    expect(bound).toBe(20);
  });
});

describe('Function: makespanRatio', () => {
  it('divides the makespan by the lower bound', () => {
    // Assess
    expect(makespanRatio(81, 67.5)).toBeCloseTo(1.2, 10);
  });

  it('is null for a zero lower bound', () => {
    // Assess
    expect(makespanRatio(5, 0)).toBeNull();
  });
});

describe('Function: perClaimed', () => {
  it('divides by the numbers claimed, and is null when none was', () => {
    // Assess
    expect(perClaimed(250, 100)).toBe(2.5);
    expect(perClaimed(7, 0)).toBeNull();
  });
});

describe('Function: scenarioFigures', () => {
  const execution: ExecutionTally = {
    makespanSeconds: 75,
    stateTransitions: 40,
    lambdaInvocations: 10,
    lambdas: { claim: { invocations: 8, billedMs: 80_000 }, search: { invocations: 2, billedMs: 4_000 } },
    statesEntered: { ClaimAndTrack: 8 },
    historyEvents: 120,
  };
  const measured: ScenarioMeasurements = {
    requested: 100,
    claimed: 80,
    failed: 20,
    outcome: 'PARTIALLY_SUCCEEDED',
    execution,
    connect: {
      total: 200,
      byOperation: { ClaimPhoneNumber: 100, DescribePhoneNumber: 100 },
      throttled: 4,
      throttledByOperation: { ClaimPhoneNumber: 4 },
    },
    throttle,
    maxClaimLatencySeconds: 20,
    memoryMb: { claim: 1024, search: 512 },
  };

  it('reports every figure per claimed number', () => {
    // Act
    const figures = scenarioFigures(measured);

    // Assess
    expect(figures.ratio).toBeCloseTo(75 / 67.5, 10);
    expect(figures.connectCallsPerClaimed).toBe(2.5);
    expect(figures.connectCallsPerClaimedByOperation).toEqual({
      ClaimPhoneNumber: 1.25,
      DescribePhoneNumber: 1.25,
    });
    expect(figures.stateTransitionsPerClaimed).toBe(0.5);
    expect(figures.lambdaInvocationsPerClaimed).toBe(0.125);
    expect(figures.throttled).toBe(4);
    expect(figures.historyEvents).toBe(120);
  });

  it('prices the execution per 1,000 claimed numbers, duration at each Lambda’s memory', () => {
    // Act
    const figures = scenarioFigures(measured);

    // Assess: 80 s × 1 GB + 4 s × 0.5 GB = 82 GB-s
    expect(figures.lambdaGbSeconds).toBe(82);
    const perExecution = 40 * 0.000025 + 10 * 0.0000002 + 82 * 0.0000133334;
    expect(figures.costPer1000ClaimedUsd).toBeCloseTo((perExecution / 80) * 1000, 10);
    expect(figures.costPer1000ClaimedUsdByItem?.stepFunctionsTransitions).toBeCloseTo(
      (0.001 / 80) * 1000,
      10,
    );
  });

  it('leaves the per-claimed figures empty when nothing was claimed', () => {
    // Act
    const figures = scenarioFigures({ ...measured, claimed: 0, failed: 100 });

    // Assess
    expect(figures.connectCallsPerClaimed).toBeNull();
    expect(figures.costPer1000ClaimedUsd).toBeNull();
    expect(figures.costPer1000ClaimedUsdByItem).toBeNull();
  });

  it('refuses to price a Lambda whose memory size is unknown', () => {
    // Act
    const act = () => scenarioFigures({ ...measured, memoryMb: { claim: 1024 } });

    // Assess
    expect(act).toThrow(MissingMemorySizeError);
    expect(act).toThrow(/'search'/);
  });
});
