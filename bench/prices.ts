/**
 * Published AWS prices the benchmark's cost estimate uses: us-east-1, on-demand, without the free tiers,
 * which would hide the cost of the workflow itself. Stated in the benchmark's output beside the figures.
 */
export const AWS_PRICES = {
  region: 'us-east-1',
  /** Step Functions Standard: per state transition ($0.025 per 1,000). */
  stepFunctionsStandardPerTransitionUsd: 0.025 / 1_000,
  /** Lambda on Arm64: per request ($0.20 per 1M). */
  lambdaArm64PerRequestUsd: 0.2 / 1_000_000,
  /** Lambda on Arm64: per GB-second of billed duration (first pricing tier). */
  lambdaArm64PerGbSecondUsd: 0.0000133334,
} as const;

export type AwsPrices = typeof AWS_PRICES;

/** What one execution used of the priced services. */
export type ExecutionUsage = {
  readonly stateTransitions: number;
  readonly lambdaInvocations: number;
  /** Billed Lambda duration × configured memory, summed over every invocation. */
  readonly lambdaGbSeconds: number;
};

export type CostBreakdownUsd = {
  readonly stepFunctionsTransitions: number;
  readonly lambdaRequests: number;
  readonly lambdaDuration: number;
  readonly total: number;
};

/** The cost of what an execution used, in US dollars, by priced item. */
export function estimateCostUsd(usage: ExecutionUsage, prices: AwsPrices = AWS_PRICES): CostBreakdownUsd {
  const stepFunctionsTransitions = usage.stateTransitions * prices.stepFunctionsStandardPerTransitionUsd;
  const lambdaRequests = usage.lambdaInvocations * prices.lambdaArm64PerRequestUsd;
  const lambdaDuration = usage.lambdaGbSeconds * prices.lambdaArm64PerGbSecondUsd;
  return {
    stepFunctionsTransitions,
    lambdaRequests,
    lambdaDuration,
    total: stepFunctionsTransitions + lambdaRequests + lambdaDuration,
  };
}

/** Lambda bills duration per invocation in whole milliseconds, rounded up. */
export function billedGbSeconds(durationMs: number, memoryMb: number): number {
  return (Math.ceil(Math.max(0, durationMs)) / 1000) * (memoryMb / 1024);
}
