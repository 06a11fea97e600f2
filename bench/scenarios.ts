import type { EmulatorConfigInput } from '../emulator/index.ts';
import { MAX_PHONE_NUMBERS } from '../lambdas/core/claim-request.ts';

/** How a scenario asks for its numbers. */
export type ScenarioRequest =
  /** A search of US toll-free numbers: the workflow searches, claims, and replaces failures with spares. */
  | { readonly kind: 'search'; readonly quantity: number }
  /**
   * An explicit list of numbers, taken beforehand from the emulator's inventory by a search (the emulator
   * is reset afterwards, so the run starts from a fresh state and counts none of those calls).
   */
  | { readonly kind: 'explicit'; readonly count: number };

export type BenchmarkScenario = {
  /** Stable, as `--json` and `--scenario` name it. */
  readonly name: string;
  readonly description: string;
  readonly request: ScenarioRequest;
  /** Emulator faults of this scenario (none when absent). */
  readonly faults?: Pick<EmulatorConfigInput, 'claimFailureRate' | 'contentionRate'>;
};

/** What every scenario shares: Connect's default throttle and realistic claim latency, one fixed seed. */
export const benchmarkConditions = {
  seed: 1,
  throttle: { ratePerSecond: 2, burst: 5 },
  claimLatencySeconds: { min: 2, max: 20 },
} as const;

export const benchmarkScenarios: readonly BenchmarkScenario[] = [
  {
    name: 'search-1',
    description: '1 US toll-free number by search',
    request: { kind: 'search', quantity: 1 },
  },
  {
    name: 'search-10',
    description: '10 US toll-free numbers by search',
    request: { kind: 'search', quantity: 10 },
  },
  {
    name: 'search-100',
    description: '100 US toll-free numbers by search',
    request: { kind: 'search', quantity: 100 },
  },
  {
    name: 'search-100-faults',
    description: '100 by search; 20% of claims end FAILED, 10% meet contention (replaced by spares)',
    request: { kind: 'search', quantity: 100 },
    faults: { claimFailureRate: 0.2, contentionRate: 0.1 },
  },
  {
    name: `explicit-${MAX_PHONE_NUMBERS}`,
    description: `the documented maximum request: an explicit list of ${MAX_PHONE_NUMBERS} numbers`,
    request: { kind: 'explicit', count: MAX_PHONE_NUMBERS },
  },
];

export function requestedCount(request: ScenarioRequest): number {
  return request.kind === 'search' ? request.quantity : request.count;
}
