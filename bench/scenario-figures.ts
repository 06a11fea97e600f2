import type { RateLimit } from '../lambdas/core/dependencies.ts';
import type { ConnectCallTally } from './connect-calls.ts';
import type { ExecutionTally } from './execution-tally.ts';
import { type AwsPrices, billedGbSeconds, type CostBreakdownUsd, estimateCostUsd } from './prices.ts';

/**
 * The shortest makespan any claimer could reach: every claim but the burst waits for a token of Connect's
 * ClaimPhoneNumber throttle, and the last claim may take the longest claim latency to settle.
 */
export function lowerBoundSeconds(options: {
  readonly requested: number;
  readonly throttle: RateLimit;
  readonly maxClaimLatencySeconds: number;
}): number {
  const { requested, throttle, maxClaimLatencySeconds } = options;
  return Math.max(0, requested - throttle.burst) / throttle.ratePerSecond + maxClaimLatencySeconds;
}

/** `value / claimed`, or null when nothing was claimed (a per-claimed figure is then meaningless). */
export function perClaimed(value: number, claimed: number): number | null {
  return claimed > 0 ? value / claimed : null;
}

/** Makespan over lower bound, or null when the lower bound is 0 (no claim, no latency). */
export function makespanRatio(makespanSeconds: number, lowerBound: number): number | null {
  return lowerBound > 0 ? makespanSeconds / lowerBound : null;
}

/** What the benchmark reports for one scenario (the `--json` shape, after `name`). */
export type ScenarioFigures = {
  readonly requested: number;
  readonly claimed: number;
  readonly failed: number;
  /** The workflow result's Status, or the execution's error when it failed without a result. */
  readonly outcome: string;
  readonly makespanSeconds: number;
  readonly lowerBoundSeconds: number;
  readonly ratio: number | null;
  readonly connectCalls: number;
  readonly connectCallsPerClaimed: number | null;
  readonly connectCallsPerClaimedByOperation: Readonly<Record<string, number | null>>;
  readonly stateTransitions: number;
  readonly stateTransitionsPerClaimed: number | null;
  readonly lambdaInvocations: number;
  readonly lambdaInvocationsPerClaimed: number | null;
  readonly lambdaGbSeconds: number;
  readonly costPer1000ClaimedUsd: number | null;
  readonly costPer1000ClaimedUsdByItem: Readonly<Record<keyof CostBreakdownUsd, number | null>> | null;
  readonly historyEvents: number;
  readonly throttled: number;
  readonly throttledByOperation: Readonly<Record<string, number>>;
  /** Where the transitions went: entries per state. */
  readonly statesEntered: Readonly<Record<string, number>>;
};

export type ScenarioMeasurements = {
  readonly requested: number;
  readonly claimed: number;
  readonly failed: number;
  readonly outcome: string;
  readonly execution: ExecutionTally;
  readonly connect: ConnectCallTally;
  /** Connect's throttle of ClaimPhoneNumber and the longest claim latency the emulator was set to. */
  readonly throttle: RateLimit;
  readonly maxClaimLatencySeconds: number;
  /** The memory each Lambda is deployed with, by the names `execution.lambdas` uses. */
  readonly memoryMb: Readonly<Record<string, number>>;
  readonly prices?: AwsPrices;
};

export class MissingMemorySizeError extends Error {
  constructor(functionName: string) {
    super(
      `no memory size is known for the Lambda '${functionName}': the cost of its duration cannot be priced`,
    );
    this.name = 'MissingMemorySizeError';
  }
}

/** Turns one scenario's raw measurements into the reported figures. */
export function scenarioFigures(measured: ScenarioMeasurements): ScenarioFigures {
  const { execution, connect, claimed } = measured;
  const lowerBound = lowerBoundSeconds(measured);
  let lambdaGbSeconds = 0;
  for (const [name, usage] of Object.entries(execution.lambdas)) {
    const memory = measured.memoryMb[name];
    if (memory === undefined) throw new MissingMemorySizeError(name);
    lambdaGbSeconds += billedGbSeconds(usage.billedMs, memory);
  }
  const cost = estimateCostUsd(
    {
      stateTransitions: execution.stateTransitions,
      lambdaInvocations: execution.lambdaInvocations,
      lambdaGbSeconds,
    },
    measured.prices,
  );
  const per1000 = (usd: number) => {
    const each = perClaimed(usd, claimed);
    return each === null ? null : each * 1000;
  };
  return {
    requested: measured.requested,
    claimed,
    failed: measured.failed,
    outcome: measured.outcome,
    makespanSeconds: execution.makespanSeconds,
    lowerBoundSeconds: lowerBound,
    ratio: makespanRatio(execution.makespanSeconds, lowerBound),
    connectCalls: connect.total,
    connectCallsPerClaimed: perClaimed(connect.total, claimed),
    connectCallsPerClaimedByOperation: Object.fromEntries(
      Object.entries(connect.byOperation).map(([operation, calls]) => [
        operation,
        perClaimed(calls, claimed),
      ]),
    ),
    stateTransitions: execution.stateTransitions,
    stateTransitionsPerClaimed: perClaimed(execution.stateTransitions, claimed),
    lambdaInvocations: execution.lambdaInvocations,
    lambdaInvocationsPerClaimed: perClaimed(execution.lambdaInvocations, claimed),
    lambdaGbSeconds,
    costPer1000ClaimedUsd: per1000(cost.total),
    costPer1000ClaimedUsdByItem:
      claimed > 0
        ? {
            stepFunctionsTransitions: per1000(cost.stepFunctionsTransitions),
            lambdaRequests: per1000(cost.lambdaRequests),
            lambdaDuration: per1000(cost.lambdaDuration),
            total: per1000(cost.total),
          }
        : null,
    historyEvents: execution.historyEvents,
    throttled: connect.throttled,
    throttledByOperation: connect.throttledByOperation,
    statesEntered: execution.statesEntered,
  };
}
