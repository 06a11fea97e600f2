import { ConnectClient, SearchAvailablePhoneNumbersCommand } from '@aws-sdk/client-connect';
import {
  DEFAULT_EMULATOR_CONFIG,
  DEMO_INSTANCE_ID,
  type EmulatorConfigInput,
  type EmulatorState,
  instanceArn,
  type RunningEmulator,
  startEmulator,
} from '../../emulator/index.ts';
import type { ClaimResult } from '../../lambdas/core/claim-run.ts';
import type { WorkflowSettings } from '../../lambdas/core/dependencies.ts';
import { type LocalRunResult, runWorkflowLocally } from '../../local/run-workflow.ts';

/**
 * Shared set-up of the end-to-end scenarios: the synthesized workflow on the local engine, the real
 * handlers, and an emulator with Connect's realistic claim latency, time-scaled so a run takes seconds.
 */
export const timeScale = 150;
export const scenarioConfig: EmulatorConfigInput = { timeScale, claimLatencySeconds: { min: 2, max: 20 } };
export const demoInstanceArn = instanceArn(DEFAULT_EMULATOR_CONFIG, DEMO_INSTANCE_ID);

export async function startScenarioEmulator(config: EmulatorConfigInput = {}): Promise<RunningEmulator> {
  return startEmulator({ config: { ...scenarioConfig, ...config } });
}

/** Back to a fresh inventory with this scenario's behaviour (a config patch merges, so start from the defaults). */
export function prepareEmulator(emulator: RunningEmulator, config: EmulatorConfigInput = {}): void {
  emulator.configure({ ...DEFAULT_EMULATOR_CONFIG, ...scenarioConfig, ...config });
  emulator.reset();
}

export async function runClaim(
  emulator: RunningEmulator,
  input: unknown,
  settings?: Partial<WorkflowSettings>,
): Promise<LocalRunResult> {
  return runWorkflowLocally({
    input,
    connectEndpoint: emulator.url,
    timeScale: emulator.config.timeScale,
    // The run's clock follows the emulator's simulated time exactly.
    clock: {
      now: () => emulator.now(),
      sleep: (ms) =>
        new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / emulator.config.timeScale)),
    },
    ...(settings && { settings }),
  });
}

/** The result of a run, whether its execution succeeded (output) or failed with ClaimFailed (cause). */
export function resultOf(run: LocalRunResult): ClaimResult {
  if (run.status === 'SUCCEEDED') return run.output as ClaimResult;
  if (run.error === 'ClaimFailed' && run.cause !== undefined) return JSON.parse(run.cause) as ClaimResult;
  throw new Error(`the execution failed with ${run.error}: ${run.cause}`);
}

/** Numbers the emulator holds as CLAIMED to a target: the ground truth a result must agree with. */
export function claimedInEmulator(state: EmulatorState, targetArn: string): string[] {
  return state.phoneNumbers
    .filter((number) => number.Status === 'CLAIMED' && number.TargetArn === targetArn)
    .map((number) => number.PhoneNumber)
    .sort();
}

export function claimedInResult(result: ClaimResult): string[] {
  return result.Claimed.map((number) => number.PhoneNumber).sort();
}

export function connectCalls(state: EmulatorState): number {
  return Object.entries(state.calls)
    .filter(([operation]) => operation !== 'PutEvents')
    .reduce((sum, [, stats]) => sum + stats.total, 0);
}

/** Numbers the emulator offers right now, found as any client would. */
export async function availableNumbers(
  emulator: RunningEmulator,
  count: number,
  type: 'TOLL_FREE' | 'DID' = 'DID',
): Promise<string[]> {
  const connect = new ConnectClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const found = await connect.send(
    new SearchAvailablePhoneNumbersCommand({
      InstanceId: DEMO_INSTANCE_ID,
      PhoneNumberCountryCode: 'US',
      PhoneNumberType: type,
      MaxResults: count,
    }),
  );
  connect.destroy();
  return (found.AvailableNumbersList ?? []).map((number) => number.PhoneNumber ?? '');
}
