import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  type RunOptions,
  StateMachine,
} from 'aws-local-stepfunctions';
import type { Clock } from '../lambdas/core/clock.ts';
import type { WorkflowSettings } from '../lambdas/core/dependencies.ts';
import type { WorkflowFunctionName } from '../lib/claim-workflow.ts';
import { functionTimeouts } from '../lib/phone-number-claimer-stack.ts';
import { scaledRetryOverrides, scaledWaitOverrides } from './engine-time.ts';
import { createLambdaContext } from './lambda-context.ts';
import { createOfflineDependencies, type LambdaHandler, workflowHandlers } from './offline-dependencies.ts';
import {
  localRegion,
  type SynthesizedWorkflow,
  synthesizeWorkflowDefinition,
} from './workflow-definition.ts';

type EngineRun = ReturnType<StateMachine['run']>;
/** The engine's event log entry (state transitions, retries, catches, the execution's end). */
export type EventLog = EngineRun['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
type JsonValue = Parameters<StateMachine['run']>[0];

export type LocalRunOptions = {
  /** The workflow input (SPEC section 3), as StartExecution would receive it. */
  readonly input: unknown;
  /** The Connect emulator's URL; it also serves EventBridge PutEvents. */
  readonly connectEndpoint: string;
  /** Simulated seconds per wall-clock second: the emulator's `timeScale`. */
  readonly timeScale: number;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** Settings over the defaults (all figures in simulated seconds). */
  readonly settings?: Partial<WorkflowSettings>;
  /**
   * The run's clock, in simulated time. Give one that follows the emulator's own simulated time
   * (`emulator.now()`) to keep the two exactly in step. @default scaledClock(timeScale) from now
   */
  readonly clock?: Clock;
  /** @default a random UUID, as StartExecution names an execution */
  readonly executionName?: string;
  /** Called with each engine event as it happens. */
  readonly onEvent?: (event: EventLog) => void;
};

export type LocalRunResult = {
  readonly status: 'SUCCEEDED' | 'FAILED';
  /** The execution's output when it succeeded: the workflow result. */
  readonly output?: unknown;
  /** The execution's error when it failed, e.g. InvalidInput, ClaimFailed, States.Timeout. */
  readonly error?: string;
  readonly cause?: string;
  readonly events: EventLog[];
  readonly executionArn: string;
};

/** Step Functions' limit on a state's input or output. */
const maxPayloadBytes = 256 * 1024;

/** The error Step Functions reports for a payload over its limit; terminal, like on AWS. */
class StatesDataLimitExceededError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'States.DataLimitExceeded';
  }
  get isRetryable(): boolean {
    return false;
  }
  get isCatchable(): boolean {
    return false;
  }
}

/**
 * A Lambda's failure as Step Functions sees it: the error is the thrown error's name (its `errorType`)
 * and the cause is Lambda's JSON error object. The name is the original error's, not this class's,
 * because Retry and Catch match on it.
 */
class LambdaFunctionError extends Error {
  constructor(thrown: unknown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    const errorType = error.name || 'Error';
    super(JSON.stringify({ errorType, errorMessage: error.message, trace: error.stack?.split('\n') ?? [] }), {
      cause: error,
    });
    this.name = errorType;
  }
}

let cachedWorkflow: SynthesizedWorkflow | undefined;

/** Synthesizing the stack takes a second or two; one synthesis serves every run of a process. */
function synthesizedWorkflow(): SynthesizedWorkflow {
  cachedWorkflow ??= synthesizeWorkflowDefinition();
  return cachedWorkflow;
}

/**
 * Runs the synthesized claim workflow on aws-local-stepfunctions, with every Lambda Task served in-process
 * by the real handler (its factory, middy chain included) wired to the emulator, in simulated time.
 */
export async function runWorkflowLocally(options: LocalRunOptions): Promise<LocalRunResult> {
  const workflow = synthesizedWorkflow();
  const region = options.region ?? localRegion;
  const dependencies = createOfflineDependencies({
    endpoint: options.connectEndpoint,
    region,
    timeScale: options.timeScale,
    settings: options.settings,
    clock: options.clock,
  });
  const executionName = options.executionName ?? randomUUID();
  const stateMachineArn = `arn:aws:states:${region}:${workflow.account}:stateMachine:${workflow.stateMachineName}`;
  const executionArn = `arn:aws:states:${region}:${workflow.account}:execution:${workflow.stateMachineName}:${executionName}`;
  const input = toJson(options.input);

  // What the engine's time overrides need to know: the last task output, and per state the attempts
  // since its last success (all failed, the engine reads the retry interval right after the last one).
  let lastTaskOutput: unknown;
  let invocations = 0;
  const attempts = new Map<string, { latest: number; sinceSuccess: number }>();

  const taskResourceLocalHandlers: Record<string, (input: JsonValue) => Promise<JsonValue>> = {};
  for (const [stateName, functionName] of Object.entries(workflow.taskFunctions)) {
    const handler: LambdaHandler = workflowHandlers[functionName](dependencies);
    taskResourceLocalHandlers[stateName] = async (event) => {
      const record = attempts.get(stateName) ?? { latest: 0, sinceSuccess: 0 };
      attempts.set(stateName, record);
      const invocation = ++invocations;
      record.latest = invocation;
      record.sinceSuccess += 1;
      const context = lambdaContext(workflow, functionName, dependencies.clock);
      try {
        // Lambda hands the function a fresh copy of the payload and serializes what it returns.
        const result = toJson(await handler(structuredClone(event), context));
        checkPayloadSize(stateName, result);
        // A late answer of an attempt the engine already timed out counts for nothing.
        if (invocation === record.latest) {
          record.sinceSuccess = 0;
          lastTaskOutput = result;
        }
        return result;
      } catch (error: unknown) {
        throw error instanceof StatesDataLimitExceededError ? error : new LambdaFunctionError(error);
      }
    };
  }

  const overrides: NonNullable<RunOptions['overrides']> = {
    taskResourceLocalHandlers,
    waitTimeOverrides: scaledWaitOverrides(workflow.definition, options.timeScale, () => lastTaskOutput),
    retryIntervalOverrides: scaledRetryOverrides(
      workflow.definition,
      options.timeScale,
      (stateName) => attempts.get(stateName)?.sinceSuccess ?? 0,
    ),
  };

  const engine = new StateMachine(workflow.definition);
  const run = engine.run(input, {
    overrides,
    context: {
      Execution: {
        Id: executionArn,
        Name: executionName,
        Input: input,
        StartTime: new Date().toISOString(),
        RoleArn: `arn:aws:iam::${workflow.account}:role/${workflow.stateMachineName}-role`,
      },
      StateMachine: { Id: stateMachineArn, Name: workflow.stateMachineName },
    },
  });

  // The execution's own timeout, in simulated time like every other figure.
  let timedOut = false;
  const timeoutSeconds = workflow.definition.TimeoutSeconds;
  const timer =
    timeoutSeconds === undefined
      ? undefined
      : setTimeout(
          () => {
            timedOut = true;
            run.abort();
          },
          (timeoutSeconds * 1000) / options.timeScale,
        );

  const events: EventLog[] = [];
  const collecting = (async () => {
    for await (const event of run.eventLogs) {
      events.push(event);
      options.onEvent?.(event);
    }
  })();

  try {
    const output = await run.result;
    return { status: 'SUCCEEDED', output, events: await settled(collecting, events), executionArn };
  } catch (error: unknown) {
    const failure = describeFailure(error, timedOut, timeoutSeconds);
    return { status: 'FAILED', ...failure, events: await settled(collecting, events), executionArn };
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for the event log to drain (it closes when the execution ends; not after an abort). */
async function settled(collecting: Promise<void>, events: EventLog[]): Promise<EventLog[]> {
  await Promise.race([collecting, new Promise((resolve) => setTimeout(resolve, 50))]);
  return events;
}

function describeFailure(
  error: unknown,
  timedOut: boolean,
  timeoutSeconds: number | undefined,
): { error: string; cause?: string } {
  if (timedOut || error instanceof ExecutionTimeoutError) {
    return {
      error: 'States.Timeout',
      cause: `The execution ran longer than the state machine's TimeoutSeconds (${timeoutSeconds} simulated seconds)`,
    };
  }
  if (error instanceof ExecutionAbortedError)
    return { error: 'States.Aborted', cause: 'The execution was aborted' };
  if (error instanceof ExecutionError && error.cause instanceof Error) {
    return { error: error.cause.name, cause: error.cause.message };
  }
  throw error;
}

function lambdaContext(workflow: SynthesizedWorkflow, name: WorkflowFunctionName, clock: Clock): Context {
  return createLambdaContext({
    functionName: `phone-number-claimer-${name}`,
    functionArn: workflow.functionArns[name],
    memoryLimitInMB: 256,
    timeoutMs: functionTimeouts[name].toMilliseconds(),
    clock,
  });
}

function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function checkPayloadSize(stateName: string, value: JsonValue): void {
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > maxPayloadBytes) {
    throw new StatesDataLimitExceededError(
      `${stateName} returned ${bytes} bytes, over Step Functions' limit of ${maxPayloadBytes} bytes per state output`,
    );
  }
}
