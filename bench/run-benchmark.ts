import { paginateSearchAvailablePhoneNumbers } from '@aws-sdk/client-connect';
import { outcomeOf } from '../cli/outcome.ts';
import {
  DEFAULT_EMULATOR_CONFIG,
  DEMO_INSTANCE_ID,
  type RunningEmulator,
  startEmulator,
} from '../emulator/index.ts';
import { scaledClock } from '../lambdas/core/clock.ts';
import { createConnectClient } from '../lambdas/core/connect-client.ts';
import { taskStateFunctions } from '../lib/claim-workflow.ts';
import { emulatorCredentials } from '../local/offline-dependencies.ts';
import { runWorkflowLocally } from '../local/run-workflow.ts';
import { localRegion } from '../local/workflow-definition.ts';
import { tallyConnectCalls } from './connect-calls.ts';
import { tallyExecution } from './execution-tally.ts';
import { type ScenarioFigures, scenarioFigures } from './scenario-figures.ts';
import { type BenchmarkScenario, benchmarkConditions, requestedCount } from './scenarios.ts';

/** Simulated seconds per wall-clock second: high enough for seconds-long runs, low enough not to distort. */
export const DEFAULT_TIME_SCALE = 25;

export type ScenarioReport = { readonly name: string; readonly description: string } & ScenarioFigures;

export type BenchmarkOptions = {
  /** @default DEFAULT_TIME_SCALE */
  readonly timeScale?: number;
  /** The memory each Lambda is deployed with (`readDeployedFunctions`). */
  readonly memoryMb: Readonly<Record<string, number>>;
  /**
   * Run one unreported scenario first. The first execution of a process synthesizes the stack and loads the
   * SDK's lazily imported parts: wall-clock milliseconds that the time scale would turn into simulated
   * seconds of the first scenario's makespan. @default true
   */
  readonly warmUp?: boolean;
  /** Told of each scenario as it starts and ends (the CLI writes it to stderr). */
  readonly onProgress?: (message: string) => void;
};

export class BenchmarkRunError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BenchmarkRunError';
  }
}

const warmUpScenario: BenchmarkScenario = {
  name: 'warm-up',
  description: 'not reported',
  request: { kind: 'search', quantity: 1 },
};

const searchCriteria = { PhoneNumberCountryCode: 'US', PhoneNumberType: 'TOLL_FREE' } as const;

/** Runs the scenarios one after another, each on a fresh emulator, and reports their figures. */
export async function runBenchmark(
  scenarios: readonly BenchmarkScenario[],
  options: BenchmarkOptions,
): Promise<ScenarioReport[]> {
  if (options.warmUp ?? true) {
    options.onProgress?.('warm-up: one unreported run, so that loading and first use count in no scenario…');
    await runScenario(warmUpScenario, options);
  }
  const reports: ScenarioReport[] = [];
  for (const scenario of scenarios) {
    options.onProgress?.(`${scenario.name}: ${scenario.description}…`);
    const report = await runScenario(scenario, options);
    options.onProgress?.(
      `${scenario.name}: ${report.claimed}/${report.requested} claimed in ${report.makespanSeconds.toFixed(1)} simulated s`,
    );
    reports.push(report);
  }
  return reports;
}

/** One scenario: a fresh emulator, one execution of the workflow, its figures. */
export async function runScenario(
  scenario: BenchmarkScenario,
  options: BenchmarkOptions,
): Promise<ScenarioReport> {
  const timeScale = options.timeScale ?? DEFAULT_TIME_SCALE;
  const requested = requestedCount(scenario.request);
  const emulator = await startEmulator({
    config: {
      ...benchmarkConditions,
      ...scenario.faults,
      timeScale,
      // The target must hold every number of the request: the quota is not what this benchmark measures.
      phoneNumberQuota: Math.max(DEFAULT_EMULATOR_CONFIG.phoneNumberQuota, requested),
    },
  });
  try {
    const input = await workflowInput(scenario, emulator, timeScale);
    const run = await runWorkflowLocally({ input, connectEndpoint: emulator.url, timeScale });
    const outcome = outcomeOf(run);
    if (outcome.kind !== 'result') {
      throw new BenchmarkRunError(`scenario ${scenario.name} ended without a result: ${describe(outcome)}`);
    }
    const { result } = outcome;
    const figures = scenarioFigures({
      requested,
      claimed: result.Claimed.length,
      failed: result.Failed.length,
      outcome: result.Status,
      execution: tallyExecution(run.events, { taskFunctions: taskStateFunctions, timeScale }),
      connect: tallyConnectCalls(emulator.snapshot().calls),
      throttle: benchmarkConditions.throttle,
      maxClaimLatencySeconds: benchmarkConditions.claimLatencySeconds.max,
      memoryMb: options.memoryMb,
    });
    return { name: scenario.name, description: scenario.description, ...figures };
  } finally {
    await emulator.close();
  }
}

function describe(outcome: { readonly kind: string; readonly message?: string }): string {
  return outcome.message ?? outcome.kind;
}

async function workflowInput(
  scenario: BenchmarkScenario,
  emulator: RunningEmulator,
  timeScale: number,
): Promise<unknown> {
  const { request } = scenario;
  if (request.kind === 'search') {
    return { InstanceId: DEMO_INSTANCE_ID, Search: { ...searchCriteria, Quantity: request.quantity } };
  }
  const phoneNumbers = await availableNumbers(emulator, request.count, timeScale);
  // A fresh start for the run: same inventory (same seed), full throttle buckets, no calls counted.
  emulator.reset();
  return { InstanceId: DEMO_INSTANCE_ID, PhoneNumbers: phoneNumbers };
}

/** The first `count` available US toll-free numbers of the emulator's inventory, found as a user would. */
async function availableNumbers(
  emulator: RunningEmulator,
  count: number,
  timeScale: number,
): Promise<string[]> {
  const connect = createConnectClient({
    endpoint: emulator.url,
    region: localRegion,
    credentials: emulatorCredentials,
    clock: scaledClock(timeScale),
    // The search pages are throttled like any other caller's; the SDK backs off and tries again.
    maxAttempts: 10,
  });
  const numbers: string[] = [];
  try {
    const pages = paginateSearchAvailablePhoneNumbers(
      { client: connect, pageSize: 10 },
      { InstanceId: DEMO_INSTANCE_ID, ...searchCriteria },
    );
    for await (const page of pages) {
      for (const available of page.AvailableNumbersList ?? []) {
        if (available.PhoneNumber !== undefined) numbers.push(available.PhoneNumber);
      }
      if (numbers.length >= count) break;
    }
  } finally {
    connect.destroy();
  }
  if (numbers.length < count) {
    throw new BenchmarkRunError(
      `the emulator offers ${numbers.length} US toll-free numbers, fewer than ${count}`,
    );
  }
  return numbers.slice(0, count);
}
