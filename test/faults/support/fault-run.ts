/**
 * One fault run: the whole claim workflow, run locally on the synthesized state machine against a fresh
 * emulator with some of its fault knobs (SPEC section 5) turned up, and everything needed afterwards to hold
 * the run to its invariants: the execution, the result, and the emulator's own state.
 */
import { vi } from 'vitest';
import {
  DEMO_INSTANCE_ID,
  DEMO_TRAFFIC_DISTRIBUTION_GROUP_ID,
  type EmulatorConfig,
  type EmulatorConfigInput,
  type EmulatorState,
  instanceArn,
  startEmulator,
  trafficDistributionGroupArn,
} from '../../../emulator/index.ts';
import { Inventory } from '../../../emulator/inventory.ts';
import { SeededRandom } from '../../../emulator/random.ts';
import { parseClaimRequest } from '../../../lambdas/core/claim-request.ts';
import type { ClaimResult } from '../../../lambdas/core/claim-run.ts';
import type { WorkflowSettings } from '../../../lambdas/core/dependencies.ts';
import { requestIdempotencyKey } from '../../../lambdas/core/idempotency.ts';
import { defaultSettings, type ResolvedSettings, resolveSettings } from '../../../lambdas/core/settings.ts';
import { type LocalRunResult, runWorkflowLocally } from '../../../local/run-workflow.ts';

/** Simulated seconds per wall second: a 15-minute deadline passes in under five seconds. */
export const FAULT_TIME_SCALE = 200;

/** Where a run claims: the demo instance by id or by ARN, or the demo traffic distribution group. */
export type TargetChoice = 'InstanceId' | 'InstanceArn' | 'GroupArn';

/** What a run asks for: a search, or explicit numbers drawn from the emulator's inventory. */
export type RequestShape =
  | { readonly kind: 'search'; readonly quantity: number; readonly type?: 'TOLL_FREE' | 'DID' }
  | {
      readonly kind: 'explicit';
      /** Numbers the inventory holds. */
      readonly count: number;
      /** Well-formed numbers the inventory does not hold: Connect answers "not available". */
      readonly unknown?: number;
    };

export type FaultScenario = {
  /** Decides the emulator's inventory and fault draws, the numbers picked and the workflow's jitter. */
  readonly seed: number;
  /** Emulator knobs over its defaults (the default throttle included). */
  readonly faults: EmulatorConfigInput;
  readonly request: RequestShape;
  /** @default 'InstanceId' */
  readonly target?: TargetChoice;
  /** Workflow settings over the defaults, in simulated seconds. */
  readonly settings?: Partial<WorkflowSettings>;
  /** Sent as the request's ClientToken: a re-run with the same token is the same request. */
  readonly clientToken?: string;
  readonly timeScale?: number;
};

export type FaultRun = {
  readonly scenario: FaultScenario;
  readonly input: Record<string, unknown>;
  /** The ARN the emulator records as the claims' target. */
  readonly targetArn: string;
  readonly idempotencyKey: string;
  readonly requested: number;
  readonly execution: LocalRunResult;
  /** The execution's output, or the result carried in a ClaimFailed cause; absent when neither holds one. */
  readonly result?: ClaimResult;
  /** The emulator's state when the execution ended. */
  readonly state: EmulatorState;
  /** Events already on the emulator's bus when the run started (a re-run's predecessor put them). */
  readonly priorEvents: number;
  readonly config: EmulatorConfig;
  readonly settings: ResolvedSettings;
  /** Simulated epoch ms at the start and the end of the execution, on the emulator's clock. */
  readonly startedAt: number;
  readonly endedAt: number;
  /** The emulator, still running, for scenarios that go on after the run; closed by `closeFaultRuns`. */
  readonly emulator: Awaited<ReturnType<typeof startEmulator>>;
};

const open: FaultRun['emulator'][] = [];

/** Closes every emulator the runs of a test left open. */
export async function closeFaultRuns(): Promise<void> {
  await Promise.all(open.splice(0).map((emulator) => emulator.close()));
}

/**
 * Synthesizing the stack takes seconds, once per process: done before any emulator clock runs, so a
 * scenario's first run does not spend its simulated minutes waiting for it. The input is invalid, so
 * nothing is called on the (unreachable) endpoint.
 */
export async function warmUpLocalRunner(): Promise<void> {
  const warmUp = await runWorkflowLocally({ input: {}, connectEndpoint: 'http://127.0.0.1:9', timeScale: 1 });
  if (warmUp.error !== 'InvalidInput') {
    throw new Error(
      `warming up the local runner: expected InvalidInput, got ${warmUp.error}: ${warmUp.cause}`,
    );
  }
}

/** The seed of a run: FAULT_SEED when set (to replay a reported failure), else the scenario's own. */
export function seedFor(defaultSeed: number): number {
  const fromEnvironment = process.env.FAULT_SEED;
  if (fromEnvironment === undefined || fromEnvironment === '') return defaultSeed;
  const seed = Number(fromEnvironment);
  if (!Number.isInteger(seed)) throw new Error(`FAULT_SEED must be an integer, got '${fromEnvironment}'`);
  return seed;
}

export async function runFaultScenario(scenario: FaultScenario): Promise<FaultRun> {
  const timeScale = scenario.timeScale ?? FAULT_TIME_SCALE;
  const emulator = await startEmulator({ config: { ...scenario.faults, seed: scenario.seed, timeScale } });
  open.push(emulator);
  const { input, targetArn } = buildInput(
    scenario,
    emulator.config,
    SeededRandom.derive(scenario.seed, 'fault-run'),
  );
  return execute(scenario, emulator, input, targetArn);
}

/**
 * Runs the same request again on the same emulator, as a user re-running it (or EventBridge delivering it
 * twice) would; `faults` and `settings` change the conditions of the second run.
 */
export async function runAgain(
  first: FaultRun,
  changes: { faults?: EmulatorConfigInput; settings?: Partial<WorkflowSettings> } = {},
): Promise<FaultRun> {
  if (changes.faults) first.emulator.configure(changes.faults);
  const scenario: FaultScenario = {
    ...first.scenario,
    faults: { ...first.scenario.faults, ...changes.faults },
    ...(changes.settings && { settings: { ...first.scenario.settings, ...changes.settings } }),
  };
  return execute(scenario, first.emulator, first.input, first.targetArn);
}

async function execute(
  scenario: FaultScenario,
  emulator: FaultRun['emulator'],
  input: Record<string, unknown>,
  targetArn: string,
): Promise<FaultRun> {
  const parsed = parseClaimRequest(input);
  if (!parsed.ok)
    throw new Error(`the scenario built an invalid request: ${JSON.stringify(parsed.problems)}`);
  const settings = resolveSettings({ ...defaultSettings, ...scenario.settings });

  // The workflow's own jitter (SDK retries, claim backoff, Step Functions retries) draws on Math.random: seeded,
  // a run's choices repeat for its seed as far as the interleaving of timers allows.
  const jitter = SeededRandom.derive(scenario.seed, 'workflow-jitter');
  const random = vi.spyOn(Math, 'random').mockImplementation(() => jitter.next());

  const priorEvents = emulator.snapshot().events.length;
  const startedAt = emulator.now();
  let execution: LocalRunResult;
  try {
    execution = await runWorkflowLocally({
      input,
      connectEndpoint: emulator.url,
      timeScale: emulator.config.timeScale,
      ...(scenario.settings !== undefined && { settings: scenario.settings }),
    });
  } finally {
    random.mockRestore();
  }
  const endedAt = emulator.now();
  const result = resultOf(execution);
  return {
    scenario,
    input,
    targetArn,
    idempotencyKey: requestIdempotencyKey(parsed.request),
    requested: parsed.request.Search?.Quantity ?? parsed.request.PhoneNumbers?.length ?? 0,
    execution,
    ...(result !== undefined && { result }),
    state: emulator.snapshot(),
    priorEvents,
    config: emulator.config,
    settings,
    startedAt,
    endedAt,
    emulator,
  };
}

/** The result of SPEC section 4: the output of a succeeded execution, or the cause of a ClaimFailed one. */
export function resultOf(execution: LocalRunResult): ClaimResult | undefined {
  if (execution.status === 'SUCCEEDED') return execution.output as ClaimResult;
  if (execution.error !== 'ClaimFailed' || execution.cause === undefined) return undefined;
  try {
    return JSON.parse(execution.cause) as ClaimResult;
  } catch (error: unknown) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function buildInput(
  scenario: FaultScenario,
  config: EmulatorConfig,
  random: SeededRandom,
): { input: Record<string, unknown>; targetArn: string } {
  const input: Record<string, unknown> = {};
  const target = scenario.target ?? 'InstanceId';
  const instance = instanceArn(config, DEMO_INSTANCE_ID);
  const group = trafficDistributionGroupArn(config, DEMO_TRAFFIC_DISTRIBUTION_GROUP_ID);
  if (target === 'InstanceId') input.InstanceId = DEMO_INSTANCE_ID;
  else input.TargetArn = target === 'InstanceArn' ? instance : group;

  const shape = scenario.request;
  if (shape.kind === 'search') {
    input.Search = {
      PhoneNumberCountryCode: 'US',
      PhoneNumberType: shape.type ?? 'TOLL_FREE',
      Quantity: shape.quantity,
    };
  } else {
    const numbers = [
      ...pickInventoryNumbers(config.seed, shape.count, random),
      ...unknownNumbers(shape.unknown ?? 0),
    ];
    if (numbers.length === 1) input.PhoneNumber = numbers[0];
    else input.PhoneNumbers = random.shuffle(numbers);
  }
  input.PhoneNumberDescription = `fault run ${scenario.seed}`;
  input.Tags = { suite: 'faults' };
  if (scenario.clientToken !== undefined) input.ClientToken = scenario.clientToken;
  return { input, targetArn: target === 'GroupArn' ? group : instance };
}

/** Distinct US numbers of the emulator's inventory for this seed (the same seed, the same inventory). */
function pickInventoryNumbers(seed: number, count: number, random: SeededRandom): string[] {
  const us = new Inventory(seed).numbers.filter((number) => number.PhoneNumberCountryCode === 'US');
  return random.shuffle(us.map((number) => number.PhoneNumber)).slice(0, count);
}

/** +1 555 01xx numbers: fictional by NANP rule, so never in the inventory. */
function unknownNumbers(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `+1555555${String(100 + index).padStart(4, '0')}`);
}
